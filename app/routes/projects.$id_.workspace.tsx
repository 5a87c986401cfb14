import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import type { IndicatorId, MilestoneId } from '#db/schema/index'
import { WorkspaceHeader, DueNext } from '~/components/projects/workspace/header'
import { DocumentsSection } from '~/components/projects/workspace/documents'
import { FundingSection } from '~/components/projects/workspace/funding'
import { ReportsSection } from '~/components/projects/workspace/reports'
import { SteeringPanel } from '~/components/projects/workspace/steering'
import { ThreadSection } from '~/components/projects/workspace/thread'
import { WorkplanSection } from '~/components/projects/workspace/workplan'
import { replyFor } from '~/components/projects/workspace/reply'
import { DomainError } from '~/domain/errors'
import { postProjectMessage, publishProject, transitionProject } from '~/domain/projects/projects.server'
import { IndicatorSchema, MessageSchema, MilestoneSchema, ReviewSchema, TransitionSchema } from '~/domain/projects/schemas'
import { addIndicator, addMilestone, removeIndicator, removeMilestone, reviewWorkplan, submitWorkplan } from '~/domain/projects/workplan.server'
import { projectWorkspace, workspaceAbilities } from '~/domain/projects/workspace.server'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { attempt, parseForm } from '~/http/forms.server'
import { dispatchIntent } from '~/http/intents.server'
import { publicOrigin } from '~/utils/env.server'
import { requestTranslator } from '~/utils/i18n.server'
import { titleMeta } from '~/utils/meta'
import { requireProjectParty } from '~/http/project-access.server'
import type { I18nHandle } from '~/utils/i18n-page'
import { urls } from '~/utils/urls'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project, access } = await requireProjectParty(request, params.id)
  const { t } = await requestTranslator(request)
  return {
    title: t('workspace.title', { title: project.title }),
    project,
    secretariat: access.secretariat,
    can: workspaceAbilities(project, access),
    workspace: await projectWorkspace(db, project),
  }
}

type Party = Awaited<ReturnType<typeof requireProjectParty>> & { request: Request; origin: string }

/** Someone who may not do this, or a thing that is gone, gets the error page rather than a message on a form. */
function refusedAsErrorPage(error: unknown): never {
  if (error instanceof DomainError && (error.status === 403 || error.status === 404)) throw new Response(error.message, { status: error.status })
  throw error
}

/**
 * One form of the workspace: validate with its schema, call one domain function, and go back to the section
 * it came from with a flash message. A rule that says no comes back as a message on the form.
 */
function workspaceForm<Schema extends z.ZodType>(
  schema: Schema,
  run: (party: Party, value: z.output<Schema>) => Promise<unknown>,
  after: (value: z.output<Schema>) => readonly [anchor: string, flashKey: string],
) {
  return async (party: Party) => {
    const form = await parseForm(party.request, schema)
    if (!form.ok) return form.response
    const done = await attempt(form.submission, () => run(party, form.value).catch(refusedAsErrorPage))
    if (!done.ok) return done.response
    const [anchor, key] = after(form.value)
    return redirectWithFlash(urls.projectWorkspace(party.project.id, anchor), { key })
  }
}

const PublishSchema = z.object({ published: z.enum(['true', 'false']).transform((value) => value === 'true') })
const MilestoneRef = z.object({ milestoneId: z.uuid() })
const IndicatorRef = z.object({ indicatorId: z.uuid() })
const NoFields = z.object({})

const intents = {
  transition: workspaceForm(TransitionSchema, (p, v) => transitionProject(db, { user: p.user, projectId: p.project.id, input: v, origin: p.origin }), (v) => ['steering', `workspace.flash.transition.${v.action}`]),
  publish: workspaceForm(PublishSchema, (p, v) => publishProject(db, p.user, p.project.id, v.published), (v) => ['steering', v.published ? 'workspace.flash.published' : 'workspace.flash.unpublished']),
  addMilestone: workspaceForm(MilestoneSchema, (p, v) => addMilestone(db, p.user, p.project.id, v), () => ['workplan', 'workspace.flash.milestoneAdded']),
  removeMilestone: workspaceForm(MilestoneRef, (p, v) => removeMilestone(db, p.user, p.project.id, v.milestoneId as MilestoneId), () => ['workplan', 'workspace.flash.milestoneRemoved']),
  addIndicator: workspaceForm(IndicatorSchema, (p, v) => addIndicator(db, p.user, p.project.id, v), () => ['workplan', 'workspace.flash.indicatorAdded']),
  removeIndicator: workspaceForm(IndicatorRef, (p, v) => removeIndicator(db, p.user, p.project.id, v.indicatorId as IndicatorId), () => ['workplan', 'workspace.flash.indicatorRemoved']),
  submitWorkplan: workspaceForm(NoFields, (p) => submitWorkplan(db, p.user, p.project.id, p.origin), () => ['workplan', 'workspace.flash.workplanSubmitted']),
  reviewWorkplan: workspaceForm(ReviewSchema, (p, v) => reviewWorkplan(db, { user: p.user, projectId: p.project.id, input: v, origin: p.origin }), (v) => ['workplan', `workspace.flash.workplan.${v.decision}`]),
  postMessage: workspaceForm(MessageSchema, (p, v) => postProjectMessage(db, { user: p.user, projectId: p.project.id, body: v.body, origin: p.origin }), () => ['thread', 'workspace.flash.messagePosted']),
}

export async function action({ request, params }: ActionFunctionArgs) {
  const party = await requireProjectParty(request, params.id)
  // The intent picks the form's handler; the handler then reads the body for itself.
  return dispatchIntent(request, intents, { ...party, request, origin: publicOrigin() })
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['projectTerms', 'projects', 'requests', 'validation', 'workspace'] }

export default function ProjectWorkspacePage() {
  const { project, secretariat, can, workspace } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()?.result
  return (
    <div className="space-y-6">
      <WorkspaceHeader project={project} workspace={workspace} secretariat={secretariat} />
      <DueNext projectId={project.id} due={workspace.due} />
      {can.steer.length > 0 || can.publish ? <SteeringPanel actions={can.steer} publishedAt={project.publishedAt} reply={reply} /> : null}
      <WorkplanSection project={project} workspace={workspace} can={can} reply={reply} />
      <ReportsSection projectId={project.id} status={project.status} workspace={workspace} can={can} />
      <FundingSection funding={workspace.funding} />
      <DocumentsSection projectId={project.id} workspace={workspace} canUpload={can.upload} />
      <ThreadSection messages={workspace.messages} canPost={can.post} reply={replyFor(reply, 'postMessage')} />
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
