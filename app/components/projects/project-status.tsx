import type { MilestoneStatus, ProjectStatus, ReviewStatus } from '#db/schema/projects'
import { useTranslation } from '~/utils/i18n-react'

const projectTones: Record<ProjectStatus, string> = {
  inception: 'bg-sky-100 text-sky-900',
  active: 'bg-emerald-100 text-emerald-900',
  on_hold: 'bg-amber-100 text-amber-900',
  completed: 'bg-indigo-100 text-indigo-900',
  closed: 'bg-slate-200 text-slate-800',
  cancelled: 'bg-red-100 text-red-900',
}

const milestoneTones: Record<MilestoneStatus, string> = {
  planned: 'bg-slate-100 text-slate-800',
  in_progress: 'bg-sky-100 text-sky-900',
  submitted: 'bg-amber-100 text-amber-900',
  approved: 'bg-emerald-100 text-emerald-900',
  returned: 'bg-red-100 text-red-900',
  waived: 'bg-slate-200 text-slate-700',
}

const reviewTones: Record<ReviewStatus, string> = {
  draft: 'bg-slate-100 text-slate-800',
  pending: 'bg-amber-100 text-amber-900',
  approved: 'bg-emerald-100 text-emerald-900',
  returned: 'bg-red-100 text-red-900',
}

export function ProjectStatusBadge({ status }: { status: ProjectStatus }) {
  const { t } = useTranslation()
  return <span className={`badge ${projectTones[status]}`}>{t(`projectTerms.statuses.${status}`)}</span>
}

export function MilestoneStatusBadge({ status }: { status: MilestoneStatus }) {
  const { t } = useTranslation()
  return <span className={`badge ${milestoneTones[status]}`}>{t(`projectTerms.milestoneStatuses.${status}`)}</span>
}

export function ReviewStatusBadge({ status }: { status: ReviewStatus }) {
  const { t } = useTranslation()
  return <span className={`badge ${reviewTones[status]}`}>{t(`projectTerms.reviewStatuses.${status}`)}</span>
}

/**
 * Progress computed from approved work: a native <progress> (no inline style, which the CSP forbids) with its
 * number beside it, formatted for the reader's language (29% in English, 29 % in French).
 */
export function ProgressBar({ percent, label }: { percent: number | null; label: string }) {
  const { t, i18n } = useTranslation()
  if (percent === null) return <span className="text-sm text-slate-600">{t('projectTerms.noProgressYet')}</span>
  const formatted = new Intl.NumberFormat(i18n.language || 'en', { style: 'percent', maximumFractionDigits: 0 }).format(percent / 100)
  return (
    <div className="flex items-center gap-2">
      <progress
        aria-label={label}
        value={percent}
        max={100}
        className="h-2 w-32 shrink-0 appearance-none overflow-hidden rounded-full bg-slate-200 [&::-moz-progress-bar]:bg-emerald-600 [&::-webkit-progress-bar]:bg-slate-200 [&::-webkit-progress-value]:rounded-full [&::-webkit-progress-value]:bg-emerald-600"
      >
        {formatted}
      </progress>
      <span className="whitespace-nowrap text-sm tabular-nums text-slate-800">{formatted}</span>
    </div>
  )
}
