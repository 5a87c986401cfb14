import type { ReviewStatus } from '#db/schema/projects'
import { useTranslation } from '~/utils/i18n-react'
import type { IndicatorForForm } from './progress-update-schema'
import { dynamicKey } from '~/utils/i18n'
import { TableHead } from '~/components/table-head'

interface GivenValue {
  indicatorId: string
  value: number
  breakdown: { dimension: string; category: string; value: number }[]
}

const statusTones: Record<ReviewStatus, string> = {
  draft: 'border-slate-200 bg-slate-50 text-slate-800',
  pending: 'border-sky-200 bg-sky-50 text-sky-950',
  approved: 'border-emerald-200 bg-emerald-50 text-emerald-950',
  returned: 'border-slate-200 bg-slate-50 text-slate-800',
}

/** Whether these figures count yet: only approved values feed the indicators and the project's progress. */
export function CountsNote({ status }: { status: ReviewStatus }) {
  const { t } = useTranslation()
  const notes: Record<ReviewStatus, string> = {
    draft: t('reporting.update.draftNote'),
    pending: t('reporting.update.pendingNote'),
    approved: t('reporting.update.approvedNote'),
    returned: t('reporting.update.returnedNote'),
  }
  return <p className={`rounded-md border p-3 text-sm ${statusTones[status]}`}>{notes[status]}</p>
}

function useNumber() {
  const { i18n } = useTranslation()
  const format = new Intl.NumberFormat(i18n.language || 'en', { maximumFractionDigits: 4 })
  return (n: number) => format.format(n)
}

/** Each indicator's baseline, target and the value reported for this period, with its breakdown as a nested list. */
export function IndicatorValuesTable({ indicators, values }: { indicators: IndicatorForForm[]; values: GivenValue[] }) {
  return (
    <>
      <div className="hidden sm:block">
        <ValuesTable indicators={indicators} values={values} />
      </div>
      <div className="sm:hidden">
        <ValuesList indicators={indicators} values={values} />
      </div>
    </>
  )
}

function Breakdown({ breakdown }: { breakdown: GivenValue['breakdown'] }) {
  const { t } = useTranslation()
  const number = useNumber()
  const dimensions = [...new Set(breakdown.map((b) => b.dimension))]
  if (dimensions.length === 0) return <span className="text-slate-500">—</span>
  return (
    <ul className="space-y-1">
      {dimensions.map((dimension) => (
        <li key={dimension}>
          <span className="font-medium">{t(dynamicKey(`projectTerms.dimensions.${dimension}`))}</span>
          <ul className="ps-3 text-slate-700">
            {breakdown
              .filter((b) => b.dimension === dimension)
              .map((b) => (
                <li key={b.category}>
                  {t(dynamicKey(`projectTerms.categories.${b.category}`))}: <span className="tabular-nums">{number(b.value)}</span>
                </li>
              ))}
          </ul>
        </li>
      ))}
    </ul>
  )
}

/** On a narrow screen, one block per indicator instead of a wide table. */
function ValuesList({ indicators, values }: { indicators: IndicatorForForm[]; values: GivenValue[] }) {
  const { t } = useTranslation()
  const number = useNumber()
  return (
    <ul className="divide-y divide-slate-100 border-y border-slate-100">
      {indicators.map((indicator) => {
        const given = values.find((v) => v.indicatorId === indicator.id)
        const facts = [
          [t('reporting.update.table.unit'), indicator.unit],
          [t('reporting.update.table.baseline'), number(indicator.baseline)],
          [t('reporting.update.table.target'), number(indicator.target)],
          [t('reporting.update.table.value'), given ? number(given.value) : t('reporting.update.notGiven')],
        ]
        return (
          <li key={indicator.id} className="space-y-2 py-3 text-sm">
            <p className="font-medium text-slate-900">
              {indicator.name} <span className="font-normal text-slate-600">· {t(dynamicKey(`projectTerms.levels.${indicator.level}`))}</span>
            </p>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
              {facts.map(([label, value]) => (
                <div key={label} className="contents">
                  <dt className="text-slate-600">{label}</dt>
                  <dd className="tabular-nums text-slate-900">{value}</dd>
                </div>
              ))}
            </dl>
            {given && given.breakdown.length > 0 ? <Breakdown breakdown={given.breakdown} /> : null}
          </li>
        )
      })}
    </ul>
  )
}

function ValuesTable({ indicators, values }: { indicators: IndicatorForForm[]; values: GivenValue[] }) {
  const { t } = useTranslation()
  const number = useNumber()
  return (
    <div role="region" aria-labelledby="values-caption" tabIndex={0} className="overflow-x-auto">
      <table className="data-table">
        <caption id="values-caption" className="sr-only">
          {t('reporting.update.table.caption')}
        </caption>
        <TableHead columns={[t('reporting.update.table.indicator'), t('reporting.update.table.unit'), { label: t('reporting.update.table.baseline'), numeric: true }, { label: t('reporting.update.table.target'), numeric: true }, { label: t('reporting.update.table.value'), numeric: true }, t('reporting.update.table.breakdown')]} />
        <tbody>
          {indicators.map((indicator) => {
            const given = values.find((v) => v.indicatorId === indicator.id)
            return (
              <tr key={indicator.id}>
                <th scope="row" className="min-w-48 border-slate-100! align-top font-medium text-slate-900">
                  {indicator.name}
                  <span className="block text-xs font-normal text-slate-600">{t(dynamicKey(`projectTerms.levels.${indicator.level}`))}</span>
                </th>
                <td>{indicator.unit}</td>
                <td className="text-end tabular-nums">{number(indicator.baseline)}</td>
                <td className="text-end tabular-nums">{number(indicator.target)}</td>
                <td className="text-end tabular-nums font-semibold">{given ? number(given.value) : <span className="font-normal text-slate-600">{t('reporting.update.notGiven')}</span>}</td>
                <td className="min-w-40">
                  <Breakdown breakdown={given?.breakdown ?? []} />
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

/** What was handed in: the narrative, the implementer's estimate, and the indicator values. */
export function UpdateSummary({ narrative, estimatedPercent, indicators, values }: { narrative: string; estimatedPercent: number | null; indicators: IndicatorForForm[]; values: GivenValue[] }) {
  const { t } = useTranslation()
  return (
    <>
      <section aria-labelledby="narrative-title" className="card space-y-3">
        <h2 id="narrative-title">{t('reporting.update.narrativeTitle')}</h2>
        <p className="max-w-3xl whitespace-pre-line text-slate-800">{narrative}</p>
        <p className="text-sm text-slate-700">
          <span className="font-medium">{t('reporting.update.estimateLabel')}: </span>
          {estimatedPercent === null ? t('reporting.update.noEstimate') : t('reporting.update.estimateValue', { percent: estimatedPercent })}
        </p>
      </section>
      <section aria-labelledby="values-title" className="card space-y-3">
        <h2 id="values-title">{t('reporting.update.valuesTitle')}</h2>
        <p className="text-sm text-slate-700">{t('reporting.update.onlyApprovedCount')}</p>
        {values.length === 0 ? <p className="text-sm text-slate-600">{t('reporting.update.noValues')}</p> : null}
        <IndicatorValuesTable indicators={indicators} values={values} />
      </section>
    </>
  )
}
