import { Link } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { Facts } from '~/components/facts'
import { Money } from '~/components/money'
import { useFormatDate } from '~/components/date-time'
import type { Project } from '~/domain/projects/access.server'
import type { ProjectWorkspace } from '~/domain/projects/workspace.server'
import { ProgressBar, ProjectStatusBadge } from '../project-status'
import { urls } from '~/utils/urls'

/** Who, what, when and how much: the project at a glance, with its computed progress. */
export function WorkspaceHeader({ project, workspace, secretariat }: { project: Project; workspace: ProjectWorkspace; secretariat: boolean }) {
  const { t } = useTranslation()
  const formatDate = useFormatDate()
  const { progress, participants, sources, request } = workspace
  const currency = project.budgetCurrency
  return (
    <header className="card space-y-5">
      <div className="space-y-2">
        <p className="text-sm font-medium text-slate-600">{t('workspace.kicker')}</p>
        <h1>{project.title}</h1>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
          <ProjectStatusBadge status={project.status} />
          <ProgressBar percent={progress.percent} label={t('projectTerms.progress')} />
          {progress.milestonesTotal > 0 ? (
            <span className="text-sm text-slate-700">{t('workspace.milestonesDone', { done: progress.milestonesDone, total: progress.milestonesTotal })}</span>
          ) : null}
        </div>
        {project.status === 'on_hold' && project.holdReason ? <p className="text-sm text-amber-900">{t('workspace.holdReason', { reason: project.holdReason })}</p> : null}
        {project.status === 'cancelled' && project.cancelReason ? <p className="text-sm text-red-900">{t('workspace.cancelReason', { reason: project.cancelReason })}</p> : null}
      </div>
      <p className="max-w-3xl text-slate-700">{project.summary}</p>
      <Facts
        items={[
          { label: t('workspace.facts.dates'), value: t('workspace.facts.datesValue', { start: formatDate(project.startDate), end: formatDate(project.endDate) }) },
          { label: t('workspace.facts.reporting'), value: t('workspace.facts.reportingValue', { count: project.reportingMonths }) },
          { label: t('workspace.facts.budget'), value: <Money minor={project.budgetAmount} currency={currency} /> },
          {
            label: t('workspace.facts.sources'),
            value: sources.length ? (
              <ul className="space-y-1">
                {sources.map((s) => (
                  <li key={s.id}>
                    {s.label} · <Money minor={s.amount} currency={currency} />
                    {s.organization ? <span className="text-slate-600"> ({s.organization})</span> : null}
                  </li>
                ))}
              </ul>
            ) : null,
          },
          {
            label: t('workspace.facts.participants'),
            value: (
              <ul className="space-y-1">
                {participants.map((p) => (
                  <li key={p.organizationId}>
                    <Link to={urls.organization(p.slug)}>{p.name}</Link>
                    <span className="text-slate-600"> · {p.roles.map((role) => t(`projectTerms.roles.${role}`)).join(t('common.listSeparator'))}</span>
                  </li>
                ))}
              </ul>
            ),
          },
          { label: t('workspace.facts.request'), value: request ? <Link to={urls.request(request.id)}>{request.title}</Link> : null },
        ]}
      />
      <nav aria-label={t('workspace.links.label')} className="flex flex-wrap gap-x-5 gap-y-2 border-t border-slate-100 pt-4 text-sm">
        <Link to={urls.projectTimeline(project.id)}>{t('workspace.links.timeline')}</Link>
        {project.publishedAt ? (
          <Link to={urls.project(project.id)}>{t('workspace.links.public')}</Link>
        ) : secretariat ? (
          <span>
            <Link to={urls.project(project.id)}>{t('workspace.links.public')}</Link> <span className="text-slate-600">{t('workspace.links.notPublic')}</span>
          </span>
        ) : null}
        <a href="#workplan">{t('workspace.workplan.title')}</a>
        <a href="#reports">{t('workspace.reports.title')}</a>
        <a href="#documents">{t('workspace.documents.title')}</a>
        <a href="#thread">{t('workspace.thread.title')}</a>
      </nav>
    </header>
  )
}

/** What the implementer owes next, earliest first; an overdue item says so in words. */
export function DueNext({ projectId, due }: { projectId: string; due: ProjectWorkspace['due'] }) {
  const { t } = useTranslation()
  const formatDate = useFormatDate()
  const overdue = due.filter((d) => d.overdue).length
  return (
    <section aria-labelledby="due-title" className="card space-y-3">
      <h2 id="due-title">{t('workspace.due.title')}</h2>
      {due.length === 0 ? <p className="text-sm text-slate-600">{t('workspace.due.none')}</p> : null}
      {overdue > 0 ? <p className="text-sm font-medium text-red-800">{t('workspace.due.overdueCount', { count: overdue })}</p> : null}
      {due.length > 0 ? (
        <ul className="divide-y divide-slate-100 text-sm">
          {due.map((item) => (
            <li key={`${item.kind}-${item.id}`} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2">
              <span>
                <span className="font-medium">{t(`projectTerms.dueKinds.${item.kind}`)}</span>
                {item.kind === 'milestone' ? (
                  <>
                    {' · '}
                    <Link to={urls.projectMilestone(projectId, item.id)}>{item.title}</Link>
                  </>
                ) : null}
              </span>
              <span className="flex items-center gap-2">
                {item.overdue ? <strong className="badge bg-red-100 text-red-900">{t('projectTerms.overdue')}</strong> : null}
                <span className={item.overdue ? 'font-medium text-red-800' : 'text-slate-700'}>{t('workspace.due.on', { date: formatDate(item.dueDate) })}</span>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  )
}
