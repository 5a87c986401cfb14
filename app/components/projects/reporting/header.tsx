import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from '~/utils/i18n-react'
import { urls } from '~/utils/urls'

/** The top of a reporting page: the way back to the workspace, the project it belongs to, the page's title and status. */
export function ReportingHeader({ projectId, projectTitle, kicker, title, children }: { projectId: string; projectTitle: string; kicker?: string; title: string; children?: ReactNode }) {
  const { t } = useTranslation()
  return (
    <header className="space-y-3">
      <p className="text-sm">
        <Link to={urls.projectWorkspace(projectId)}>{t('reporting.backToWorkspace')}</Link>
      </p>
      <div className="space-y-1">
        <p className="text-sm text-slate-600">
          {kicker ? <span className="font-medium text-slate-700">{kicker} · </span> : null}
          {t('reporting.projectKicker', { title: projectTitle })}
        </p>
        <h1>{title}</h1>
      </div>
      {children ? <div className="flex flex-wrap items-center gap-x-3 gap-y-2 text-sm">{children}</div> : null}
    </header>
  )
}

/** The secretariat's comments on returned work, where the implementer cannot miss them. */
export function ReturnedNotice({ comment, lead = true }: { comment: string; lead?: boolean }) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="returned-title" className="rounded-lg border border-amber-300 border-s-4 border-s-amber-600 bg-amber-50 p-4 sm:p-5">
      <h2 id="returned-title" className="text-base font-semibold text-amber-950">
        {t('reporting.returnedTitle')}
      </h2>
      <p className="mt-2 whitespace-pre-line text-amber-950">{comment}</p>
      {lead ? <p className="mt-3 text-sm text-amber-900">{t('reporting.returnedLead')}</p> : null}
    </section>
  )
}

/** A quieter note for a comment left with an approval or a waiver. */
export function CommentNote({ title, comment }: { title: string; comment: string }) {
  return (
    <div className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm text-slate-800">
      <p className="font-medium">{title}</p>
      <p className="mt-1 whitespace-pre-line">{comment}</p>
    </div>
  )
}
