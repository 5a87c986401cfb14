import type { ReactNode } from 'react'
import { useTranslation } from '~/utils/i18n-react'
import { TableScroller } from '~/components/fund/table-scroller'
import type { DashboardFigures, Median } from '~/domain/dashboards/dashboards.server'
import { useFormats } from './figure-tables'
import { TableHead } from '~/components/table-head'

function Total({ label, value, children }: { label: string; value: string; children?: ReactNode }) {
  return (
    <div className="card space-y-1">
      <dt className="text-sm font-medium text-slate-700">{label}</dt>
      <dd className="text-2xl font-semibold tabular-nums text-slate-900">{value}</dd>
      {children ? <dd className="text-sm text-slate-700">{children}</dd> : null}
    </div>
  )
}

/** The headline figures, each with the one sentence that keeps it honest. */
export function Totals({ totals }: { totals: DashboardFigures['totals'] }) {
  const { t, i18n } = useTranslation()
  const f = useFormats()
  const list = new Intl.ListFormat(i18n.language, { type: 'conjunction' })
  const amounts = f.amounts(totals.financing)
  return (
    <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      <Total label={t('dashboards.totals.openRequests')} value={f.count(totals.openRequests)}>
        {t('dashboards.totals.openRequestsHint')}{' '}
        {totals.openRequestsWithoutOffer > 0 ? (
          <strong className="font-semibold">
            {t('dashboards.totals.withoutOffer', { count: totals.openRequestsWithoutOffer, formatted: f.count(totals.openRequestsWithoutOffer) })}
          </strong>
        ) : totals.openRequests > 0 ? (
          t('dashboards.totals.withoutOfferNone')
        ) : null}
      </Total>
      <Total label={t('dashboards.totals.expertiseOffers')} value={f.count(totals.expertiseOffers)}>
        {t('dashboards.totals.worldwide', { count: totals.worldwideExpertiseOffers, formatted: f.count(totals.worldwideExpertiseOffers) })}
      </Total>
      <Total label={t('dashboards.totals.financingOffers')} value={f.count(totals.financingOffers)}>
        {amounts.length ? t('dashboards.totals.financingUpTo', { amounts: list.format(amounts) }) : t('dashboards.totals.financingNone')}
      </Total>
      <Total label={t('dashboards.totals.projectsUnderWay')} value={f.count(totals.projectsUnderWay)}>
        {t('dashboards.totals.projectsUnderWayHint')}
      </Total>
      <Total label={t('dashboards.totals.projectsCompleted')} value={f.count(totals.projectsCompleted)}>
        {t('dashboards.totals.projectsCompletedHint')}
      </Total>
      <Total label={t('dashboards.totals.allocated')} value={f.usd(totals.allocatedUsd)}>
        {t('dashboards.totals.allocatedHint')}
      </Total>
    </dl>
  )
}

/** The three medians of the flow, in days, each with the count behind it. */
export function FlowTable({ flow }: { flow: DashboardFigures['flow'] }) {
  const { t, i18n } = useTranslation()
  const days = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 })
  const f = useFormats()
  const stages: { key: keyof typeof flow; unit: 'matches' | 'projects' }[] = [
    { key: 'toAgreedMatch', unit: 'matches' },
    { key: 'toProjectStart', unit: 'projects' },
    { key: 'toCompletion', unit: 'projects' },
  ]
  const median = (m: Median) =>
    m.medianDays === null ? <span className="text-slate-700">{t('dashboards.flow.notYet')}</span> : t('dashboards.flow.days', { count: m.medianDays, formatted: days.format(m.medianDays) })
  return (
    <TableScroller label={t('dashboards.flow.caption')}>
      <table className="data-table">
        <caption className="mb-2 text-start text-sm font-semibold text-slate-800">{t('dashboards.flow.caption')}</caption>
        <TableHead columns={[t('dashboards.flow.stage'), { label: t('dashboards.flow.median'), numeric: true }, { label: t('dashboards.flow.basedOn'), numeric: true }]} />
        <tbody>
          {stages.map(({ key, unit }) => (
            <tr key={key}>
              <th scope="row">
                <span className="font-normal">{t(`dashboards.flow.${key}`)}</span>
              </th>
              <td className="whitespace-nowrap text-end text-base font-semibold tabular-nums">{median(flow[key])}</td>
              <td className="whitespace-nowrap text-end tabular-nums">{t(`dashboards.flow.${unit}`, { count: flow[key].count, formatted: f.count(flow[key].count) })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroller>
  )
}
