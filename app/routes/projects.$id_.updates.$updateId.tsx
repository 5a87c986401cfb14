import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import type { ProgressUpdateId } from '#db/schema/index'
import { DateTime, formatDateTime, useFormatDate } from '~/components/date-time'
import { ReviewStatusBadge } from '~/components/projects/project-status'
import { CommentNote, ReportingHeader, ReturnedNotice } from '~/components/projects/reporting/header'
import { ProgressUpdateForm } from '~/components/projects/reporting/progress-update-form'
import { progressUpdateDefaults, ProgressUpdateFormSchema } from '~/components/projects/reporting/progress-update-schema'
import { CountsNote, UpdateSummary } from '~/components/projects/reporting/progress-update-view'
import { orphanErrors, replyFor } from '~/components/projects/reporting/reply'
import { FormErrors } from '~/components/forms'
import { ReviewForm } from '~/components/projects/reporting/review-form'
import { progressUpdateWithValues, reviewProgressUpdate, saveProgressUpdate } from '~/domain/projects/reports.server'
import { indicatorsWithLatest } from '~/domain/projects/reporting.server'
import { ReviewSchema } from '~/domain/projects/schemas'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { attempt, orErrorPage, parseForm } from '~/http/forms.server'
import { dispatchIntent } from '~/http/intents.server'
import { publicOrigin } from '~/utils/env.server'
import { requestTranslator } from '~/utils/i18n.server'
import { titleMeta } from '~/utils/meta'
import { idParam, requireProjectParty } from '~/http/project-access.server'
import type { I18nHandle } from '~/utils/i18n-page'
import { isEditableReview, isReportingProject } from '~/domain/projects/lifecycle'
import { urls } from '~/utils/urls'

async function updatePage(request: Request, params: LoaderFunctionArgs['params']) {
  const party = await requireProjectParty(request, params.id)
  const updateId = idParam<ProgressUpdateId>(params.updateId)
  const { update, values } = await orErrorPage(() => progressUpdateWithValues(db, party.project.id, updateId))
  return { ...party, update, values }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project, access, update: u, values } = await updatePage(request, params)
  const { t, locale } = await requestTranslator(request)
  const indicators = await indicatorsWithLatest(db, project.id)
  const given = values.map((v) => ({ indicatorId: v.indicatorId as string, value: v.value, breakdown: v.breakdown }))
  const edit = access.implementer && isEditableReview(u.status) && isReportingProject(project.status)
  return {
    title: t('reporting.update.title', { start: formatDateTime(locale, u.periodStart, true), end: formatDateTime(locale, u.periodEnd, true) }),
    project: { id: project.id, title: project.title },
    update: {
      id: u.id,
      periodStart: u.periodStart,
      periodEnd: u.periodEnd,
      narrative: u.narrative,
      estimatedPercent: u.estimatedPercent,
      status: u.status,
      reviewComment: u.reviewComment,
      submittedAt: u.submittedAt,
      approvedAt: u.approvedAt,
    },
    indicators,
    values: given,
    defaultValue: edit ? progressUpdateDefaults(indicators, u, given) : null,
    can: { review: access.secretariat && u.status === 'pending' },
  }
}

type Page = Awaited<ReturnType<typeof updatePage>>
type FormReply = Extract<Awaited<ReturnType<typeof parseForm>>, { ok: false }>['response']
type Step = (request: Request, page: Page) => Promise<Response | FormReply>

const back = (page: Page) => urls.projectUpdate(page.project.id, page.update.id)

const save =
  (submit: boolean): Step =>
  async (request, page) => {
    const form = await parseForm(request, ProgressUpdateFormSchema)
    if (!form.ok) return form.response
    const outcome = await attempt(form.submission, () => saveProgressUpdate(db, { user: page.user, projectId: page.project.id, updateId: page.update.id, input: form.value, submit, origin: publicOrigin() }))
    if (!outcome.ok) return outcome.response
    return redirectWithFlash(back(page), { key: submit ? 'reporting.flash.updateSubmitted' : 'reporting.flash.updateSaved' })
  }

const steps: Record<string, Step> = {
  save: save(false),
  submit: save(true),
  review: async (request, page) => {
    const form = await parseForm(request, ReviewSchema)
    if (!form.ok) return form.response
    const outcome = await attempt(form.submission, () => reviewProgressUpdate(db, { user: page.user, projectId: page.project.id, updateId: page.update.id, input: form.value, origin: publicOrigin() }))
    if (!outcome.ok) return outcome.response
    return redirectWithFlash(back(page), { key: outcome.value === 'approved' ? 'reporting.flash.updateApproved' : 'reporting.flash.updateReturned' })
  },
}

export async function action({ request, params }: ActionFunctionArgs) {
  const page = await updatePage(request, params)
  return dispatchIntent(request, steps, request, page)
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['projectTerms', 'reporting', 'validation'] }

export default function ProgressUpdatePage() {
  const { project, update, indicators, values, defaultValue, can } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()?.result
  const { t } = useTranslation()
  const formatDate = useFormatDate()
  return (
    <article className="space-y-6">
      <ReportingHeader projectId={project.id} projectTitle={project.title} title={t('reporting.update.title', { start: formatDate(update.periodStart), end: formatDate(update.periodEnd) })}>
        <ReviewStatusBadge status={update.status} />
        {update.submittedAt ? (
          <span className="text-slate-700">
            {t('reporting.update.submittedOn')}{' '}
            <DateTime value={update.submittedAt} dateOnly />
          </span>
        ) : null}
        {update.approvedAt ? (
          <span className="text-slate-700">
            {t('reporting.update.approvedOn')}{' '}
            <DateTime value={update.approvedAt} dateOnly />
          </span>
        ) : null}
      </ReportingHeader>
      <FormErrors id="page-errors" errors={orphanErrors(reply, [...(defaultValue ? ['save', 'submit'] : []), ...(can.review ? ['review'] : [])])} />
      {update.status === 'returned' && update.reviewComment ? <ReturnedNotice comment={update.reviewComment} lead={defaultValue !== null} /> : null}
      {update.status === 'approved' && update.reviewComment ? <CommentNote title={t('reporting.secretariatComment')} comment={update.reviewComment} /> : null}
      <CountsNote status={update.status} />
      {/* A draft being edited is all in the form below; once handed in, what was submitted is shown as it is. */}
      {update.status === 'draft' && defaultValue ? null : <UpdateSummary narrative={update.narrative} estimatedPercent={update.estimatedPercent} indicators={indicators} values={values} />}
      {defaultValue ? (
        <section aria-labelledby="edit-title" className="card space-y-4">
          <h2 id="edit-title">{t('reporting.update.editTitle')}</h2>
          <ProgressUpdateForm indicators={indicators} defaultValue={defaultValue} reply={replyFor(reply, 'save', 'submit')} nested />
        </section>
      ) : null}
      {can.review ? <ReviewForm reply={replyFor(reply, 'review')} /> : null}
    </article>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
