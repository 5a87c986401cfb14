import type { ProjectStatus } from '#db/schema/projects'
import { Link } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import type { DueItem } from '~/domain/projects/progress'
import { OverdueCount, ProjectStandingCells } from './due'
import { ScrollRegion } from './project-sections'
import { TableHead } from '~/components/table-head'
import { urls } from '~/utils/urls'

export interface PortfolioRow {
  id: string
  title: string
  state: string
  implementers: string[]
  status: ProjectStatus
  percent: number | null
  nextDue: DueItem | null
  overdue: number
  risk: number
  published: boolean
}

const riskLevels = [
  { min: 10, key: 'high', tone: 'bg-red-100 text-red-900' },
  { min: 5, key: 'elevated', tone: 'bg-amber-100 text-amber-900' },
  { min: 1, key: 'watch', tone: 'bg-sky-100 text-sky-900' },
  { min: 0, key: 'onTrack', tone: 'bg-emerald-100 text-emerald-900' },
] as const

/** The risk score in words (a negative score is a finished project: nothing to watch). */
export function RiskBadge({ risk }: { risk: number }) {
  const { t } = useTranslation()
  const level = riskLevels.find((l) => risk >= l.min)
  if (!level) return <span className="text-slate-600">{t('projectPages.risk.finished')}</span>
  return <span className={`badge whitespace-nowrap ${level.tone}`}>{t(`projectPages.risk.${level.key}`)}</span>
}

/** Every project, the worrying ones first, with what is due and who is late. */
export function PortfolioTable({ rows }: { rows: PortfolioRow[] }) {
  const { t } = useTranslation()
  return (
    <div className="card p-0 sm:p-0">
      <ScrollRegion label={t('projectPages.portfolio.caption')}>
        <table className="data-table">
          <caption className="sr-only">{t('projectPages.portfolio.caption')}</caption>
          <TableHead columns={[t('projectPages.portfolio.project'), t('projectPages.portfolio.status'), t('projectTerms.progress'), t('projectPages.portfolio.nextDue'), t('projectPages.portfolio.overdue'), t('projectPages.portfolio.risk')]} />
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row" className="min-w-56 align-top">
                  <Link to={urls.projectWorkspace(r.id)}>{r.title}</Link>
                  <span className="mt-1 block text-xs font-normal text-slate-700">
                    {t('projectPages.term', { term: t('projectPages.portfolio.state') })} {r.state}
                  </span>
                  <span className="block text-xs font-normal text-slate-700">
                    {t('projectPages.term', { term: t('projectPages.portfolio.implementer') })} {r.implementers.join(t('common.listSeparator')) || '—'}
                  </span>
                  {r.published ? null : <span className="mt-1 block text-xs font-normal text-slate-600">{t('projectPages.portfolio.unpublished')}</span>}
                </th>
                <ProjectStandingCells project={r} />
                <td>
                  <OverdueCount count={r.overdue} />
                </td>
                <td>
                  <RiskBadge risk={r.risk} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  )
}
