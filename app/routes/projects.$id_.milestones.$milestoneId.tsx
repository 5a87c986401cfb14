import { parseWithZod } from '@conform-to/zod/v4'
import {
  data,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  type UploadHandler,
} from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { z } from 'zod'
import type { MilestoneId } from '#db/schema/index'
import { formatMoney } from '~/components/money'
import { MilestoneStatusBadge } from '~/components/projects/project-status'
import { CommentNote, ReportingHeader, ReturnedNotice } from '~/components/projects/reporting/header'
import { MilestoneDetails, MilestoneEvidence } from '~/components/projects/reporting/milestone-details'
import { EvidenceForm, StartMilestoneForm, WaiveForm } from '~/components/projects/reporting/milestone-forms'
import { orphanErrors, replyFor } from '~/components/projects/reporting/reply'
import { FormErrors } from '~/components/forms'
import { ReviewForm } from '~/components/projects/reporting/review-form'
import { allowedActions } from '~/domain/lifecycle'
import { documentsOf, maxDocumentBytes } from '~/domain/projects/documents.server'
import { isLiveProject, isOpenMilestone, isUnderwayProject, milestoneMachine } from '~/domain/projects/lifecycle'
import { isoDay } from '~/domain/projects/progress'
import { milestoneOf } from '~/domain/projects/reporting.server'
import { EvidenceSchema, ReviewSchema, WaiveSchema } from '~/domain/projects/schemas'
import { reviewMilestone, startMilestone, submitMilestone, waiveMilestone } from '~/domain/projects/workplan.server'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { attempt, orErrorPage, parseForm } from '~/http/forms.server'
import { dispatchIntent } from '~/http/intents.server'
import { publicOrigin } from '~/utils/env.server'
import { isHoneypotFilled } from '~/utils/honeypot'
import { requestTranslator } from '~/utils/i18n.server'
import { titleMeta } from '~/utils/meta'
import { idParam, requireProjectParty } from '~/http/project-access.server'
import type { I18nHandle } from '~/utils/i18n-page'
import { urls } from '~/utils/urls'

async function milestonePage(request: Request, params: LoaderFunctionArgs['params']) {
  const party = await requireProjectParty(request, params.id)
  const milestoneId = idParam<MilestoneId>(params.milestoneId)
  const milestone = await orErrorPage(() => milestoneOf(db, party.project.id, milestoneId))
  return { ...party, milestone }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project, access, milestone: m } = await milestonePage(request, params)
  const { t } = await requestTranslator(request)
  const documents = (await documentsOf(db, project.id)).filter((d) => d.milestoneId === m.id)
  const possible = allowedActions(milestoneMachine, m.status)
  const active = isUnderwayProject(project.status)
  const live = isLiveProject(project.status)
  const open = isOpenMilestone(m.status) && live
  return {
    title: `${m.title} — ${t('reporting.milestone.kicker', { position: m.position })}`,
    project: { id: project.id, title: project.title, currency: project.budgetCurrency },
    milestone: {
      id: m.id,
      position: m.position,
      title: m.title,
      description: m.description,
      deliverable: m.deliverable,
      dueDate: m.dueDate,
      trancheAmount: m.trancheAmount,
      status: m.status,
      evidence: m.evidence,
      evidenceLinks: m.evidenceLinks,
      reviewComment: m.reviewComment,
      submittedAt: m.submittedAt,
      approvedAt: m.approvedAt,
    },
    documents: documents.map((d) => ({ id: d.id, fileName: d.fileName, size: d.size, createdAt: d.createdAt, uploadedBy: d.uploadedBy })),
    overdue: open && m.dueDate < isoDay(new Date()),
    onlyFollows: !access.secretariat && !access.implementer,
    waitingForActive: access.implementer && open && !active,
    can: {
      start: access.implementer && active && possible.includes('start'),
      submit: access.implementer && active && possible.includes('submit'),
      review: access.secretariat && live && possible.includes('approve'),
      waive: access.secretariat && live && possible.includes('waive'),
    },
  }
}

type Page = Awaited<ReturnType<typeof milestonePage>>
type FormReply = Extract<Awaited<ReturnType<typeof parseForm>>, { ok: false }>['response']
type Step = (request: Request, page: Page) => Promise<Response | FormReply>

const back = (page: Page) => urls.projectMilestone(page.project.id, page.milestone.id)

/**
 * Reads the multipart evidence form. A file over the limit is read to its end and dropped (so the browser gets
 * an answer, not a reset connection) and flagged, keeping the text fields so the form comes back as typed.
 */
async function readEvidenceForm(request: Request) {
  const memory = unstable_createMemoryUploadHandler({ maxPartSize: maxDocumentBytes })
  let tooLarge = false
  const handler: UploadHandler = async (part) => {
    try {
      return await memory(part)
    } catch (error) {
      if (!(error instanceof MaxPartSizeExceededError) || part.filename === undefined) throw error
      tooLarge = true
      for await (const chunk of part.data) void chunk
      return undefined
    }
  }
  try {
    const formData = await unstable_parseMultipartFormData(request, handler)
    return { formData, tooLarge }
  } catch {
    throw new Response('The submitted form could not be read.', { status: 400 })
  }
}

const submitEvidence: Step = async (request, page) => {
  const { user, project, milestone } = page
  const { formData, tooLarge } = await readEvidenceForm(request)
  if (isHoneypotFilled(formData)) throw new Response('The form could not be accepted.', { status: 400 })
  const submission = parseWithZod(formData, { schema: EvidenceSchema })
  const fileError = tooLarge ? { fieldErrors: { file: ['projects.fileTooLarge'] } } : {}
  if (submission.status !== 'success' || tooLarge) return data({ result: submission.reply(fileError) }, { status: tooLarge ? 413 : 400 })
  const file = formData.get('file')
  // An empty file input still sends a part, with no name and no bytes: that is no file.
  const upload = file instanceof File && (file.name !== '' || file.size > 0) ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : null
  const outcome = await attempt(submission, () => submitMilestone(db, { user, projectId: project.id, milestoneId: milestone.id, input: submission.value, file: upload, origin: publicOrigin() }))
  if (!outcome.ok) return outcome.response
  return redirectWithFlash(back(page), { key: 'reporting.flash.milestoneSubmitted' })
}

const steps: Record<string, Step> = {
  start: async (request, page) => {
    const form = await parseForm(request, z.object({ intent: z.literal('start') }))
    if (!form.ok) return form.response
    const outcome = await attempt(form.submission, () => startMilestone(db, page.user, page.project.id, page.milestone.id))
    return outcome.ok ? redirectWithFlash(back(page), { key: 'reporting.flash.milestoneStarted' }) : outcome.response
  },
  submit: submitEvidence,
  review: async (request, page) => {
    const form = await parseForm(request, ReviewSchema)
    if (!form.ok) return form.response
    const outcome = await attempt(form.submission, () => reviewMilestone(db, { user: page.user, projectId: page.project.id, milestoneId: page.milestone.id, input: form.value, origin: publicOrigin() }))
    if (!outcome.ok) return outcome.response
    return redirectWithFlash(back(page), { key: outcome.value === 'approved' ? 'reporting.flash.milestoneApproved' : 'reporting.flash.milestoneReturned' })
  },
  waive: async (request, page) => {
    const form = await parseForm(request, WaiveSchema)
    if (!form.ok) return form.response
    const outcome = await attempt(form.submission, () => waiveMilestone(db, { user: page.user, projectId: page.project.id, milestoneId: page.milestone.id, reason: form.value.reason, origin: publicOrigin() }))
    return outcome.ok ? redirectWithFlash(back(page), { key: 'reporting.flash.milestoneWaived' }) : outcome.response
  },
}

export async function action({ request, params }: ActionFunctionArgs) {
  const page = await milestonePage(request, params)
  // Each step parses the body its own way (the evidence form is multipart).
  return dispatchIntent(request, steps, request, page)
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['lifecycle', 'projectTerms', 'projects', 'reporting', 'requests', 'validation'] }

export default function MilestonePage() {
  const { project, milestone, documents, overdue, onlyFollows, waitingForActive, can } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()?.result
  const { t, i18n } = useTranslation()
  const tranche = milestone.trancheAmount === null ? null : formatMoney(i18n.language, milestone.trancheAmount, project.currency)
  return (
    <article className="space-y-6">
      <ReportingHeader projectId={project.id} projectTitle={project.title} kicker={t('reporting.milestone.kicker', { position: milestone.position })} title={milestone.title}>
        <MilestoneStatusBadge status={milestone.status} />
        {overdue ? <strong className="badge bg-red-100 text-red-900">{t('projectTerms.overdue')}</strong> : null}
      </ReportingHeader>
      <FormErrors id="page-errors" errors={orphanErrors(reply, Object.keys(can).filter((intent) => can[intent as keyof typeof can]))} />
      {milestone.status === 'returned' && milestone.reviewComment ? <ReturnedNotice comment={milestone.reviewComment} lead={can.submit} /> : null}
      {milestone.status === 'waived' && milestone.reviewComment ? <CommentNote title={t('reporting.milestone.waivedTitle')} comment={milestone.reviewComment} /> : null}
      {milestone.status === 'approved' && milestone.reviewComment ? <CommentNote title={t('reporting.secretariatComment')} comment={milestone.reviewComment} /> : null}
      {milestone.status === 'submitted' && !can.review ? <p className="rounded-md border border-sky-200 bg-sky-50 p-3 text-sm text-sky-950">{t('reporting.milestone.awaitingReview')}</p> : null}
      <MilestoneDetails milestone={milestone} currency={project.currency} overdue={overdue} />
      <MilestoneEvidence projectId={project.id} milestone={milestone} documents={documents} />
      {can.start ? <StartMilestoneForm reply={replyFor(reply, 'start')} /> : null}
      {can.submit ? (
        <EvidenceForm
          reply={replyFor(reply, 'submit')}
          again={milestone.status === 'returned'}
          defaultValue={{ evidence: milestone.evidence ?? '', links: milestone.evidenceLinks.join('\n') }}
        />
      ) : null}
      {waitingForActive ? <p className="text-sm text-slate-700">{t('reporting.milestone.notActive')}</p> : null}
      {can.review ? (
        <ReviewForm reply={replyFor(reply, 'review')} note={tranche ? <p className="text-sm text-slate-700">{t('reporting.milestone.review.trancheNote', { amount: tranche })}</p> : null} />
      ) : null}
      {can.waive ? <WaiveForm reply={replyFor(reply, 'waive')} /> : null}
      {onlyFollows ? <p className="text-sm text-slate-600">{t('reporting.milestone.followNote')}</p> : null}
    </article>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
