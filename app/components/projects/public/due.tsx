import { useTranslation } from '~/utils/i18n-react'
import { useFormatDate } from '~/components/date-time'
import type { ProjectStatus } from '#db/schema/projects'
import type { DueItem } from '~/domain/projects/progress'
import { ProgressBar, ProjectStatusBadge } from '../project-status'

/** What is due next: its kind, title and date; an overdue item says so in words, not colour alone. */
export function NextDue({ item }: { item: DueItem | null }) {
  const { t } = useTranslation()
  const formatDate = useFormatDate()
  if (!item) return <span className="text-slate-600">{t('projectPages.due.nothing')}</span>
  return (
    <span className="block space-y-0.5">
      <span className="block">
        {t(`projectTerms.dueKinds.${item.kind}`)}
        {item.title ? <span className="text-slate-700"> — {item.title}</span> : null}
      </span>
      <span className="flex flex-wrap items-center gap-x-2 gap-y-1 text-slate-700">
        <time dateTime={item.dueDate} className="whitespace-nowrap">
          {formatDate(item.dueDate)}
        </time>
        {item.overdue ? <span className="badge whitespace-nowrap bg-red-100 text-red-900">{t('projectTerms.overdue')}</span> : null}
      </span>
    </span>
  )
}

/** How many items are overdue, in words with a badge. */
export function OverdueCount({ count }: { count: number }) {
  const { t } = useTranslation()
  if (count === 0) return <span className="text-slate-700">{t('projectPages.due.noneOverdue')}</span>
  return <span className="badge whitespace-nowrap bg-red-100 text-red-900">{t('projectPages.due.overdueCount', { count })}</span>
}

/** A project's row cells in the tables that follow projects: its status, its progress and what is due next. */
export function ProjectStandingCells({ project }: { project: { title: string; status: ProjectStatus; percent: number | null; nextDue: DueItem | null } }) {
  const { t } = useTranslation()
  return (
    <>
      <td>
        <ProjectStatusBadge status={project.status} />
      </td>
      <td className="min-w-48">
        <ProgressBar percent={project.percent} label={t('projectPages.card.progressOf', { title: project.title })} />
      </td>
      <td className="min-w-48">
        <NextDue item={project.nextDue} />
      </td>
    </>
  )
}
