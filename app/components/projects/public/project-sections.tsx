import type { MilestoneStatus } from '#db/schema/projects'
import { useTranslation } from '~/utils/i18n-react'
import { useFormatDate } from '~/components/date-time'
import { Money } from '~/components/money'
import type { PublicProject } from '~/domain/projects/public.server'
import { MilestoneStatusBadge, ProgressBar } from '../project-status'
import { dynamicKey } from '~/utils/i18n'
import { TableHead } from '~/components/table-head'

/** A table that may scroll sideways on a phone: a named region that takes keyboard focus, so it can be scrolled. */
export function ScrollRegion({ label, children }: { label: string; children: React.ReactNode }) {
  const { t } = useTranslation()
  return (
    <div role="region" aria-label={t('projectPages.tableRegion', { name: label })} tabIndex={0} className="overflow-x-auto">
      {children}
    </div>
  )
}

function useNumber() {
  const { i18n } = useTranslation()
  const format = new Intl.NumberFormat(i18n.language || 'en', { maximumFractionDigits: 2 })
  return (n: number) => format.format(n)
}

const roleOrder = ['accountable', 'implementing', 'extending', 'funding'] as const

/** Organisations taking part, each with its IATI role(s): the requesting State first, funders last. */
export function Participants({ participants }: { participants: PublicProject['participants'] }) {
  const { t } = useTranslation()
  const byOrganization = new Map<string, { name: string; roles: string[] }>()
  const order = (role: string) => roleOrder.indexOf(role as (typeof roleOrder)[number])
  for (const p of [...participants].sort((a, b) => order(a.role) - order(b.role))) {
    const entry = byOrganization.get(p.slug) ?? { name: p.name, roles: [] }
    entry.roles.push(t(`projectTerms.roles.${p.role}`))
    byOrganization.set(p.slug, entry)
  }
  return (
    <ul className="divide-y divide-slate-100 text-sm">
      {[...byOrganization].map(([slug, o]) => (
        <li key={slug} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
          <span className="font-medium text-slate-900">{o.name}</span>
          <span className="text-slate-700">{o.roles.join(t('common.listSeparator'))}</span>
        </li>
      ))}
    </ul>
  )
}

export function BudgetSources({ budget, fund }: { budget: PublicProject['budget']; fund?: PublicProject['fund'] }) {
  const { t } = useTranslation()
  return (
    <div className="space-y-2 text-sm">
      {fund && fund.allocatedUsd > 0 ? (
        <dl className="space-y-1 rounded-md bg-slate-50 p-3">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <dt className="text-slate-600">{t('projectPages.page.fundAllocated')}</dt>
            <dd className="tabular-nums text-slate-900">
              <Money minor={fund.allocatedUsd} currency="USD" />
            </dd>
          </div>
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <dt className="text-slate-600">{t('projectPages.page.fundDisbursed')}</dt>
            <dd className="tabular-nums text-slate-900">
              <Money minor={fund.disbursedUsd} currency="USD" />
            </dd>
          </div>
        </dl>
      ) : null}
      <p className="flex flex-wrap items-baseline justify-between gap-2">
        <span className="text-slate-600">{t('projectPages.page.budget')}</span>
        <strong className="tabular-nums text-slate-900">
          <Money minor={budget.amount} currency={budget.currency} />
        </strong>
      </p>
      {budget.sources.length === 0 ? (
        <p className="text-slate-600">{t('projectPages.page.noSources')}</p>
      ) : (
        <ul className="divide-y divide-slate-100 border-t border-slate-100">
          {budget.sources.map((s) => (
            <li key={`${s.label}-${s.amount}`} className="py-2">
              <p className="flex flex-wrap items-baseline justify-between gap-x-3">
                <span className="text-slate-900">{s.label}</span>
                <span className="tabular-nums text-slate-800">
                  <Money minor={s.amount} currency={budget.currency} />
                </span>
              </p>
              {s.organization ? <p className="text-xs text-slate-600">{s.organization}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

export function ProgressSummary({ title, progress }: { title: string; progress: PublicProject['progress'] }) {
  const { t } = useTranslation()
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
        <span className="text-sm font-medium text-slate-700">{t('projectTerms.progress')}</span>
        <ProgressBar percent={progress.percent} label={t('projectPages.card.progressOf', { title })} />
        {progress.milestonesTotal > 0 ? (
          <span className="text-sm text-slate-700">{t('projectPages.page.milestonesDone', { count: progress.milestonesDone, total: progress.milestonesTotal })}</span>
        ) : null}
      </div>
      <p className="hint">{t('projectPages.page.progressHint')}</p>
    </div>
  )
}

export function Milestones({ milestones }: { milestones: PublicProject['milestones'] }) {
  const { t } = useTranslation()
  const formatDate = useFormatDate()
  if (milestones.length === 0) return <p className="text-sm text-slate-600">{t('projectPages.page.noMilestones')}</p>
  return (
    <ScrollRegion label={t('projectPages.page.milestones')}>
      <table className="data-table">
        <caption className="sr-only">{t('projectPages.page.milestones')}</caption>
        <TableHead columns={[t('projectPages.page.milestone'), t('projectPages.page.due'), t('projectPages.page.status')]} />
        <tbody>
          {milestones.map((m, i) => (
            <tr key={`${i}-${m.title}`}>
              <td>{m.title}</td>
              <td className="whitespace-nowrap">
                <time dateTime={m.dueDate}>{formatDate(m.dueDate)}</time>
              </td>
              <td>
                <MilestoneStatusBadge status={m.status as MilestoneStatus} />
                {m.approvedOn ? <span className="ms-2 text-xs text-slate-600">{t('projectPages.page.approvedOn', { date: formatDate(m.approvedOn) })}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  )
}

/** A value broken down, e.g. "Sex: Female 120, Male 80". */
function Breakdown({ items }: { items: PublicProject['indicators'][number]['breakdown'] }) {
  const { t } = useTranslation()
  const number = useNumber()
  if (items.length === 0) return <span className="text-slate-600">—</span>
  const dimensions = [...new Set(items.map((b) => b.dimension))]
  return (
    <ul className="space-y-0.5">
      {dimensions.map((d) => (
        <li key={d}>
          <span className="text-slate-600">{t('projectPages.term', { term: t(dynamicKey(`projectTerms.dimensions.${d}`)) })}</span>{' '}
          {items
            .filter((b) => b.dimension === d)
            .map((b) => `${t(dynamicKey(`projectTerms.categories.${b.category}`))} ${number(b.value)}`)
            .join(t('common.listSeparator'))}
        </li>
      ))}
    </ul>
  )
}

export function Indicators({ indicators }: { indicators: PublicProject['indicators'] }) {
  const { t } = useTranslation()
  const number = useNumber()
  if (indicators.length === 0) return <p className="text-sm text-slate-600">{t('projectPages.page.noIndicators')}</p>
  return (
    <ScrollRegion label={t('projectPages.page.results')}>
      <table className="data-table">
        <caption className="sr-only">{t('projectPages.page.results')}</caption>
        <TableHead columns={[t('projectPages.page.indicator'), { label: t('projectPages.page.baseline'), numeric: true }, { label: t('projectPages.page.target'), numeric: true }, { label: t('projectPages.page.latest'), numeric: true }, { label: t('projectPages.page.achievement'), numeric: true }, t('projectPages.page.breakdown')]} />
        <tbody>
          {indicators.map((i, n) => (
            <tr key={`${n}-${i.name}`}>
              <th scope="row" className="min-w-44 align-top">
                <span className="block text-slate-900">{i.name}</span>
                <span className="text-xs font-normal text-slate-600">
                  {t(`projectTerms.levels.${i.level}`)} · {i.unit}
                </span>
              </th>
              <td className="text-end tabular-nums">{number(i.baseline)}</td>
              <td className="text-end tabular-nums">{number(i.target)}</td>
              <td className="text-end tabular-nums">{i.actual === null ? <span className="text-slate-600">{t('projectPages.page.noValue')}</span> : number(i.actual)}</td>
              <td className="text-end tabular-nums">{Math.round(i.achievement * 100)} %</td>
              <td className="text-sm">
                <Breakdown items={i.breakdown} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  )
}

export function FinalReport({ report }: { report: NonNullable<PublicProject['finalReport']> }) {
  const { t } = useTranslation()
  return (
    <div className="space-y-4">
      {(['results', 'lessons', 'sustainability'] as const).map((part) => (
        <div key={part} className="space-y-1">
          <h3 className="text-base font-semibold">{t(`projectPages.page.report.${part}`)}</h3>
          <p className="whitespace-pre-line text-sm text-slate-800">{report[part]}</p>
        </div>
      ))}
    </div>
  )
}
