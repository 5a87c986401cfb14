import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { DateTime } from '~/components/date-time'
import { ReviewStatusBadge } from '~/components/projects/project-status'
import { ClosingChecklist, EvaluationForm, EvaluationView, FinalReportForm, FinalReportSections } from '~/components/projects/reporting/final-report'
import { CommentNote, ReportingHeader, ReturnedNotice } from '~/components/projects/reporting/header'
import { orphanErrors, replyFor } from '~/components/projects/reporting/reply'
import { FormErrors } from '~/components/forms'
import { ReviewForm } from '~/components/projects/reporting/review-form'
import { ShareAsPractice } from '~/components/practices/share-from-project'
import { canSharePracticeFromProject, createPracticeFromProject } from '~/domain/practices/practices.server'
import { DraftFinalReportSchema } from '~/components/projects/reporting/schemas'
import { evaluateProject, finalReportOf, reviewFinalReport, saveFinalReport } from '~/domain/projects/reports.server'
import { EvaluationSchema, FinalReportSchema, ReviewSchema } from '~/domain/projects/schemas'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { attempt, orErrorPage, parseForm } from '~/http/forms.server'
import { dispatchIntent } from '~/http/intents.server'
import { publicOrigin } from '~/utils/env.server'
import { requestTranslator } from '~/utils/i18n.server'
import { titleMeta } from '~/utils/meta'
import { requireProjectParty } from '~/http/project-access.server'
import type { I18nHandle } from '~/utils/i18n-page'
import { isCompletedProject, isEditableReview } from '~/domain/projects/lifecycle'
import { urls } from '~/utils/urls'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project, access } = await requireProjectParty(request, params.id)
  const { t } = await requestTranslator(request)
  const { report, evaluation } = await finalReportOf(db, project.id)
  const completed = isCompletedProject(project.status)
  return {
    title: `${t('reporting.finalReport.title')} — ${project.title}`,
    project: { id: project.id, title: project.title, status: project.status },
    report: report
      ? { results: report.results, lessons: report.lessons, sustainability: report.sustainability, status: report.status, reviewComment: report.reviewComment, submittedAt: report.submittedAt, approvedAt: report.approvedAt }
      : null,
    evaluation: evaluation ? { rating: evaluation.rating, comment: evaluation.comment, createdAt: evaluation.createdAt } : null,
    can: {
      write: access.implementer && completed && (!report || isEditableReview(report.status)),
      review: access.secretariat && report?.status === 'pending',
      evaluate: access.state && completed && !evaluation,
      sharePractice: await canSharePracticeFromProject(db, user, project.id),
    },
  }
}

type Party = Awaited<ReturnType<typeof requireProjectParty>>
type FormReply = Extract<Awaited<ReturnType<typeof parseForm>>, { ok: false }>['response']
type Step = (request: Request, party: Party) => Promise<Response | FormReply>

const back = (party: Party) => urls.projectFinalReport(party.project.id)

const save =
  (submit: boolean): Step =>
  async (request, party) => {
    const form = await parseForm(request, submit ? FinalReportSchema : DraftFinalReportSchema)
    if (!form.ok) return form.response
    const outcome = await attempt(form.submission, () => saveFinalReport(db, { user: party.user, projectId: party.project.id, input: form.value, submit, origin: publicOrigin() }))
    if (!outcome.ok) return outcome.response
    return redirectWithFlash(back(party), { key: submit ? 'reporting.flash.reportSubmitted' : 'reporting.flash.reportSaved' })
  }

const steps: Record<string, Step> = {
  save: save(false),
  submit: save(true),
  review: async (request, party) => {
    const form = await parseForm(request, ReviewSchema)
    if (!form.ok) return form.response
    const outcome = await attempt(form.submission, () => reviewFinalReport(db, { user: party.user, projectId: party.project.id, input: form.value, origin: publicOrigin() }))
    if (!outcome.ok) return outcome.response
    return redirectWithFlash(back(party), { key: outcome.value === 'approved' ? 'reporting.flash.reportApproved' : 'reporting.flash.reportReturned' })
  },
  evaluate: async (request, party) => {
    const form = await parseForm(request, EvaluationSchema)
    if (!form.ok) return form.response
    const outcome = await attempt(form.submission, () => evaluateProject(db, { user: party.user, projectId: party.project.id, input: form.value, origin: publicOrigin() }))
    return outcome.ok ? redirectWithFlash(back(party), { key: 'reporting.flash.evaluated' }) : outcome.response
  },
  sharePractice: async (_request, party) => {
    const practiceId = await orErrorPage(() => createPracticeFromProject(db, party.user, party.project.id))
    return redirectWithFlash(urls.practiceEdit(practiceId), { key: 'practices.flash.fromProject', tone: 'info' })
  },
}

export async function action({ request, params }: ActionFunctionArgs) {
  const party = await requireProjectParty(request, params.id)
  return dispatchIntent(request, steps, request, party)
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['practices', 'projectTerms', 'reporting', 'validation'] }

export default function FinalReportPage() {
  const { project, report, evaluation, can } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()?.result
  const { t } = useTranslation()
  const finished = project.status === 'completed' || project.status === 'closed'
  return (
    <article className="space-y-6">
      <ReportingHeader projectId={project.id} projectTitle={project.title} title={t('reporting.finalReport.title')}>
        {report ? <ReviewStatusBadge status={report.status} /> : <span className="badge bg-slate-100 text-slate-800">{t('reporting.finalReport.notStarted')}</span>}
        {report?.submittedAt ? (
          <span className="text-slate-700">
            {t('reporting.finalReport.submittedOn')} <DateTime value={report.submittedAt} dateOnly />
          </span>
        ) : null}
        {report?.approvedAt ? (
          <span className="text-slate-700">
            {t('reporting.finalReport.approvedOn')} <DateTime value={report.approvedAt} dateOnly />
          </span>
        ) : null}
      </ReportingHeader>
      <FormErrors
        id="page-errors"
        errors={orphanErrors(reply, [...(can.write ? ['save', 'submit'] : []), ...(can.review ? ['review'] : []), ...(can.evaluate && !evaluation ? ['evaluate'] : [])])}
      />
      <p className="max-w-3xl text-slate-700">{t('reporting.finalReport.lead')}</p>
      {finished ? <ClosingChecklist reportApproved={report?.status === 'approved'} evaluated={evaluation !== null} closed={project.status === 'closed'} /> : null}
      {!finished && !report ? <p className="card text-slate-700">{t('reporting.finalReport.tooEarly')}</p> : null}
      {report?.status === 'returned' && report.reviewComment ? <ReturnedNotice comment={report.reviewComment} lead={can.write} /> : null}
      {report?.status === 'approved' && report.reviewComment ? <CommentNote title={t('reporting.secretariatComment')} comment={report.reviewComment} /> : null}
      {can.write ? (
        <FinalReportForm reply={replyFor(reply, 'save', 'submit')} defaultValue={report} editing={report !== null} />
      ) : finished || report ? (
        <FinalReportSections report={report} />
      ) : null}
      {can.review ? <ReviewForm reply={replyFor(reply, 'review')} /> : null}
      {can.sharePractice ? <ShareAsPractice /> : null}
      {finished ? (
        <section aria-labelledby="evaluation-title" className="card space-y-4">
          <div className="space-y-1">
            <h2 id="evaluation-title">{t('reporting.finalReport.evaluation.title')}</h2>
            {can.evaluate ? <p className="text-sm text-slate-700">{t('reporting.finalReport.evaluation.lead')}</p> : null}
          </div>
          {evaluation ? (
            <EvaluationView evaluation={evaluation} />
          ) : can.evaluate ? (
            <EvaluationForm reply={replyFor(reply, 'evaluate')} />
          ) : (
            <p className="text-sm text-slate-600">{t('reporting.finalReport.evaluation.none')}</p>
          )}
        </section>
      ) : null}
    </article>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
