import { Link } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { DateTime, useFormatDate } from '~/components/date-time'
import type { ProjectStatus } from '#db/schema/projects'
import type { ProjectWorkspace, WorkspaceAbilities } from '~/domain/projects/workspace.server'
import { ReviewStatusBadge } from '../project-status'
import { TableScroll } from './table-scroll'
import { TableHead } from '~/components/table-head'
import { urls } from '~/utils/urls'

/** Progress updates per reporting period, and the final report that lets the project close. */
export function ReportsSection({ projectId, status, workspace, can }: { projectId: string; status: ProjectStatus; workspace: ProjectWorkspace; can: WorkspaceAbilities }) {
  const { t } = useTranslation()
  const formatDate = useFormatDate()
  const updates = can.seeDraftUpdates ? workspace.updates : workspace.updates.filter((u) => u.status !== 'draft')
  const report = workspace.finalReport
  return (
    <section id="reports" aria-labelledby="reports-title" className="card space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="reports-title">{t('workspace.reports.title')}</h2>
        {can.writeUpdate ? (
          <Link to={urls.projectNewUpdate(projectId)} className="btn-primary">
            {t('workspace.reports.write')}
          </Link>
        ) : null}
      </div>
      {updates.length === 0 ? (
        <p className="text-sm text-slate-600">{t('workspace.reports.none')}</p>
      ) : (
        <TableScroll captionId="updates-caption">
          <table className="data-table">
            <caption id="updates-caption" className="mb-2 text-start text-base font-semibold text-slate-900">{t('workspace.reports.updates')}</caption>
            <TableHead columns={[t('workspace.reports.columns.period'), t('workspace.reports.columns.status'), t('workspace.reports.columns.submitted')]} />
            <tbody>
              {updates.map((u) => (
                <tr key={u.id}>
                  <td>
                    <Link to={urls.projectUpdate(projectId, u.id)}>{t('workspace.reports.period', { start: formatDate(u.periodStart), end: formatDate(u.periodEnd) })}</Link>
                  </td>
                  <td>
                    <ReviewStatusBadge status={u.status} />
                  </td>
                  <td>{u.submittedAt ? <DateTime value={u.submittedAt} dateOnly /> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <div className="space-y-2 border-t border-slate-100 pt-4">
        <h3 className="text-base font-semibold">{t('workspace.reports.finalReport')}</h3>
        {report ? (
          <p className="flex flex-wrap items-center gap-3 text-sm">
            <Link to={urls.projectFinalReport(projectId)}>{t('workspace.reports.openFinalReport')}</Link>
            <ReviewStatusBadge status={report.status} />
            {workspace.evaluated ? <span className="text-slate-700">{t('workspace.reports.evaluated')}</span> : null}
          </p>
        ) : can.writeFinalReport ? (
          <p className="text-sm">
            <Link to={urls.projectFinalReport(projectId)} className="btn-secondary">
              {t('workspace.reports.writeFinalReport')}
            </Link>
          </p>
        ) : status === 'completed' ? (
          <p className="text-sm text-slate-700">
            {t('workspace.reports.finalReportAwaited')} <Link to={urls.projectFinalReport(projectId)}>{t('workspace.reports.openFinalReport')}</Link>
          </p>
        ) : (
          <p className="text-sm text-slate-600">{t('workspace.reports.finalReportLater')}</p>
        )}
      </div>
    </section>
  )
}
