import { randomUUID } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import {
  finalReports,
  milestones,
  organizations,
  progressUpdates,
  projectDocuments,
  projectEvaluations,
  projectMessages,
  projectParticipants,
  projects,
  type DocumentId,
  type MilestoneId,
  type ProgressUpdateId,
  type ProjectId,
} from '#db/schema/index'
import type { SessionUser } from '~/domain/accounts/sessions.server'
import { DomainError } from '~/domain/errors'
import { noAccess } from '~/domain/access/projects'
import { accessTo, projectForParty } from '~/domain/projects/access.server'
import { addDocument, documentForParty } from '~/domain/projects/documents.server'
import { postProjectMessage, publishProject, transitionProject } from '~/domain/projects/projects.server'
import { publicProject } from '~/domain/projects/public.server'
import { evaluateProject, reviewFinalReport, reviewProgressUpdate, saveFinalReport, saveProgressUpdate } from '~/domain/projects/reports.server'
import { addIndicator, addMilestone, removeMilestone, reviewMilestone, reviewWorkplan, startMilestone, submitMilestone, submitWorkplan, waiveMilestone } from '~/domain/projects/workplan.server'
import { db } from '~/utils/db.server'
import { idParam } from '~/http/project-access.server'
import {
  activeProject,
  addMember,
  completedProject,
  createOrganization,
  createTestProject,
  createUser,
  draftWorkplan,
  evidenceInput,
  finalReportInput,
  indicatorInput,
  milestoneInput,
  noticeKindsOf,
  progressUpdateInput,
  projectOrigin as origin,
  sampleFiles,
  submitTestMilestone,
  verifiedParty,
  type ActiveProject,
  type TestParty,
  type TestProject,
} from '../factories'

type Capacity = 'secretariat' | 'state' | 'implementer' | 'funder'

interface Fixture {
  active: ActiveProject
  inception: TestProject
  completed: ActiveProject
  submitted: MilestoneId
  planned: MilestoneId
  updateId: ProgressUpdateId
  documentId: DocumentId
  otherDocumentId: DocumentId
  funder: TestParty
  unverifiedFunder: SessionUser
  outsider: SessionUser
}

let f: Fixture

/**
 * One active project (a submitted milestone with a file, a planned one, a pending progress update, a verified funder
 * and an unverified one), one in inception with its workplan pending, and one completed with its final report pending.
 */
beforeAll(async () => {
  const active = await activeProject()
  const [submitted, planned] = active.milestoneIds as [MilestoneId, MilestoneId]
  await submitTestMilestone(active, submitted, sampleFiles.pdf())
  const [doc] = await db.select({ id: projectDocuments.id }).from(projectDocuments).where(eq(projectDocuments.milestoneId, submitted))
  const updateId = (await saveProgressUpdate(db, { user: active.partner.member, projectId: active.projectId, updateId: null, input: progressUpdateInput([{ indicatorId: active.indicatorIds[0]!, value: 40 }]), submit: true, origin })) as ProgressUpdateId

  const inception = await createTestProject()
  await draftWorkplan(inception)
  await submitWorkplan(db, inception.partner.member, inception.projectId, origin)

  const completed = await completedProject()
  await saveFinalReport(db, { user: completed.partner.member, projectId: completed.projectId, input: finalReportInput(), submit: true, origin })
  const otherDocumentId = (await addDocument(db, completed.partner.member, completed.projectId, sampleFiles.csv())) as DocumentId

  // A verified funder and an unverified one take part in all three.
  const funder = await verifiedParty('philanthropy')
  const { org: pendingOrg, owner: unverified } = await createOrganization({ type: 'philanthropy', status: 'pending' })
  for (const project of [active, inception, completed]) {
    await db.insert(projectParticipants).values([
      { projectId: project.projectId, organizationId: funder.org.id, role: 'funding' },
      { projectId: project.projectId, organizationId: pendingOrg.id, role: 'funding' },
    ])
  }
  const outsider = (await verifiedParty()).member
  f = { active, inception, completed, submitted, planned, updateId, documentId: doc!.id, otherDocumentId, funder, unverifiedFunder: unverified.actor, outsider }
})

const reason = 'A reason long enough to pass.'
const review = { decision: 'approve' } as const

type Which = 'active' | 'inception' | 'completed'

/** Every workspace action: the project it concerns and the capacities that may take it. */
const actions: Record<string, { on: Which; who: Capacity[]; run: (actor: SessionUser) => Promise<unknown> }> = {
  start: { on: 'inception', who: ['secretariat'], run: (a) => transitionProject(db, { user: a, projectId: f.inception.projectId, input: { action: 'start' }, origin }) },
  hold: { on: 'active', who: ['secretariat'], run: (a) => transitionProject(db, { user: a, projectId: f.active.projectId, input: { action: 'hold', reason }, origin }) },
  cancel: { on: 'active', who: ['secretariat'], run: (a) => transitionProject(db, { user: a, projectId: f.active.projectId, input: { action: 'cancel', reason }, origin }) },
  complete: { on: 'active', who: ['secretariat'], run: (a) => transitionProject(db, { user: a, projectId: f.active.projectId, input: { action: 'complete' }, origin }) },
  close: { on: 'completed', who: ['secretariat'], run: (a) => transitionProject(db, { user: a, projectId: f.completed.projectId, input: { action: 'close' }, origin }) },
  publish: { on: 'active', who: ['secretariat'], run: (a) => publishProject(db, a, f.active.projectId, true) },
  reviewWorkplan: { on: 'inception', who: ['secretariat'], run: (a) => reviewWorkplan(db, { user: a, projectId: f.inception.projectId, input: review, origin }) },
  reviewMilestone: { on: 'active', who: ['secretariat'], run: (a) => reviewMilestone(db, { user: a, projectId: f.active.projectId, milestoneId: f.submitted, input: review, origin }) },
  waiveMilestone: { on: 'active', who: ['secretariat'], run: (a) => waiveMilestone(db, { user: a, projectId: f.active.projectId, milestoneId: f.planned, reason, origin }) },
  reviewUpdate: { on: 'active', who: ['secretariat'], run: (a) => reviewProgressUpdate(db, { user: a, projectId: f.active.projectId, updateId: f.updateId, input: review, origin }) },
  reviewFinalReport: { on: 'completed', who: ['secretariat'], run: (a) => reviewFinalReport(db, { user: a, projectId: f.completed.projectId, input: review, origin }) },
  submitWorkplan: { on: 'inception', who: ['implementer'], run: (a) => submitWorkplan(db, a, f.inception.projectId, origin) },
  startMilestone: { on: 'active', who: ['implementer'], run: (a) => startMilestone(db, a, f.active.projectId, f.planned) },
  submitMilestone: { on: 'active', who: ['implementer'], run: (a) => submitMilestone(db, { user: a, projectId: f.active.projectId, milestoneId: f.planned, input: evidenceInput(), file: null, origin }) },
  saveUpdate: { on: 'active', who: ['implementer'], run: (a) => saveProgressUpdate(db, { user: a, projectId: f.active.projectId, updateId: null, input: progressUpdateInput(), submit: true, origin }) },
  saveFinalReport: { on: 'completed', who: ['implementer'], run: (a) => saveFinalReport(db, { user: a, projectId: f.completed.projectId, input: finalReportInput(), submit: true, origin }) },
  addMilestone: { on: 'inception', who: ['implementer', 'secretariat'], run: (a) => addMilestone(db, a, f.inception.projectId, milestoneInput()) },
  addIndicator: { on: 'inception', who: ['implementer', 'secretariat'], run: (a) => addIndicator(db, a, f.inception.projectId, indicatorInput()) },
  removeMilestone: { on: 'active', who: ['implementer', 'secretariat'], run: (a) => removeMilestone(db, a, f.active.projectId, f.planned) },
  evaluate: { on: 'completed', who: ['state'], run: (a) => evaluateProject(db, { user: a, projectId: f.completed.projectId, input: { rating: 5, comment: 'Excellent work all round.' }, origin }) },
  postMessage: { on: 'active', who: ['secretariat', 'state', 'implementer', 'funder'], run: (a) => postProjectMessage(db, { user: a, projectId: f.active.projectId, body: 'Hello from the thread.', origin }) },
  addDocument: { on: 'active', who: ['secretariat', 'state', 'implementer', 'funder'], run: (a) => addDocument(db, a, f.active.projectId, sampleFiles.pdf()) },
  readWorkspace: { on: 'active', who: ['secretariat', 'state', 'implementer', 'funder'], run: (a) => projectForParty(db, a, f.active.projectId) },
  readDocument: { on: 'active', who: ['secretariat', 'state', 'implementer', 'funder'], run: (a) => documentForParty(db, a, f.active.projectId, f.documentId) },
}

/** The person acting in this capacity in that project; a fixed person for outsiders. */
function actorFor(who: Capacity | SessionUser, project: Which): SessionUser {
  if (typeof who !== 'string') return who
  if (who === 'secretariat') return f.active.secretariat
  if (who === 'funder') return f.funder.member
  return who === 'state' ? f[project].state.member : f[project].partner.member
}

/** The HTTP status each refused action gives this actor (allowed actions are not run: they would change the fixture). */
async function refusals(who: Capacity | SessionUser) {
  const capacity = typeof who === 'string' ? who : null
  const outcomes: Record<string, number | string> = {}
  for (const [name, action] of Object.entries(actions)) {
    if (capacity && action.who.includes(capacity)) continue
    outcomes[name] = await action.run(actorFor(who, action.on)).then(
      () => 'allowed',
      (e: unknown) => (e instanceof DomainError ? e.status : `crashed: ${String(e)}`),
    )
  }
  return outcomes
}

const expected = (capacity: Capacity | null, status: number) =>
  Object.fromEntries(Object.entries(actions).flatMap(([name, a]) => (capacity && a.who.includes(capacity) ? [] : [[name, status]])))

describe('who may do what in a project', () => {
  test('the requesting State reads and writes in the thread, but approves nothing and steers nothing (403)', async () => {
    expect(await refusals('state')).toEqual(expected('state', 403))
    expect(await accessTo(db, f.active.state.member, f.active.projectId)).toEqual({ secretariat: false, state: true, implementer: false, funder: false, party: true })
  })

  test('the implementer does the work but cannot approve its own work, steer, publish or evaluate (403)', async () => {
    expect(await refusals('implementer')).toEqual(expected('implementer', 403))
  })

  test('a verified funder reads and writes in the thread only (403 elsewhere)', async () => {
    expect(await refusals('funder')).toEqual(expected('funder', 403))
  })

  test('the secretariat reviews and steers, but cannot submit work for the implementer nor evaluate for the State (403)', async () => {
    expect(await refusals('secretariat')).toEqual(expected('secretariat', 403))
  })

  test('a member of an unrelated verified organisation gets 404 from everything: the workspace is not revealed', async () => {
    expect(await refusals(f.outsider)).toEqual(expected(null, 404))
    const error = await projectForParty(db, f.outsider, f.active.projectId).catch((e: unknown) => e)
    expect(error).toMatchObject({ status: 404, message: 'Not found.' })
  })

  test('a member of an unverified participant organisation has no access (404)', async () => {
    expect(await accessTo(db, f.unverifiedFunder, f.active.projectId)).toEqual(noAccess)
    expect(await refusals(f.unverifiedFunder)).toEqual(expected(null, 404))
  })

  test('a visitor has no access, and an unpublished project has no public page', async () => {
    expect(await accessTo(db, null, f.active.projectId)).toEqual(noAccess)
    expect(await publicProject(db, f.active.projectId)).toBeNull()
    expect(() => idParam('not-a-uuid')).toThrow(Response)
  })

  test('none of the refusals changed anything; then the rightful people succeed', async () => {
    const [project] = await db.select().from(projects).where(eq(projects.id, f.active.projectId))
    expect(project).toMatchObject({ status: 'active', publishedAt: null })
    const statuses = await db.select({ id: milestones.id, status: milestones.status }).from(milestones).where(eq(milestones.projectId, f.active.projectId))
    expect(Object.fromEntries(statuses.map((m) => [m.id, m.status]))).toEqual({ [f.submitted]: 'submitted', [f.planned]: 'planned' })
    expect(await db.select({ status: progressUpdates.status }).from(progressUpdates).where(eq(progressUpdates.projectId, f.active.projectId))).toEqual([{ status: 'pending' }])
    const [inception] = await db.select().from(projects).where(eq(projects.id, f.inception.projectId))
    expect(inception).toMatchObject({ status: 'inception', workplanStatus: 'pending' })
    expect(await db.select({ status: finalReports.status }).from(finalReports).where(eq(finalReports.projectId, f.completed.projectId))).toEqual([{ status: 'pending' }])
    expect(await db.select().from(projectEvaluations).where(eq(projectEvaluations.projectId, f.completed.projectId))).toEqual([])
    const thread = await db.select({ author: projectMessages.authorId }).from(projectMessages).where(eq(projectMessages.projectId, f.active.projectId))
    expect(thread).toEqual([])

    const secretariat = f.active.secretariat
    expect(await reviewMilestone(db, { user: secretariat, projectId: f.active.projectId, milestoneId: f.submitted, input: review, origin })).toBe('approved')
    expect(await reviewProgressUpdate(db, { user: secretariat, projectId: f.active.projectId, updateId: f.updateId, input: review, origin })).toBe('approved')
    expect(await reviewWorkplan(db, { user: secretariat, projectId: f.inception.projectId, input: review, origin })).toBe('approved')
    expect(await reviewFinalReport(db, { user: secretariat, projectId: f.completed.projectId, input: review, origin })).toBe('approved')
    await evaluateProject(db, { user: f.completed.state.member, projectId: f.completed.projectId, input: { rating: 4, comment: 'Useful and on time.' }, origin })
    expect(await transitionProject(db, { user: secretariat, projectId: f.completed.projectId, input: { action: 'close' }, origin })).toBe('closed')
  })

  test('a document is only reachable through its own project', async () => {
    // The State of the active project asks for the completed project's document through its own project.
    await expect(documentForParty(db, f.active.state.member, f.active.projectId, f.otherDocumentId)).rejects.toMatchObject({ status: 404 })
    await expect(documentForParty(db, f.active.state.member, f.active.projectId, randomUUID() as DocumentId)).rejects.toMatchObject({ status: 404 })
    await expect(projectForParty(db, f.active.secretariat, randomUUID() as ProjectId)).rejects.toMatchObject({ status: 404 })
  })
})

describe('when an organisation loses its verification', () => {
  test('its members lose access to the projects it implements', async () => {
    const project = await activeProject()
    const implementer = project.partner.member
    expect((await accessTo(db, implementer, project.projectId)).implementer).toBe(true)
    await db.update(organizations).set({ verificationStatus: 'pending', verifiedAt: null }).where(eq(organizations.id, project.partner.org.id))
    expect(await accessTo(db, implementer, project.projectId)).toEqual(noAccess)
    await expect(submitMilestone(db, { user: implementer, projectId: project.projectId, milestoneId: project.milestoneIds[0]!, input: evidenceInput(), file: null, origin })).rejects.toMatchObject({ status: 404 })
    await expect(projectForParty(db, implementer, project.projectId)).rejects.toMatchObject({ status: 404 })
  })
})

describe('the parties’ thread', () => {
  test('a message tells every other party and the secretariat, never its author', async () => {
    const project = await activeProject()
    const extraSecretariat = (await createUser({ role: 'secretariat' })).actor
    const colleague = await createUser()
    await addMember(project.partner.org.id, colleague.id, 'member')
    await postProjectMessage(db, { user: project.partner.member, projectId: project.projectId, body: 'The venue for the second course is booked.', origin })
    expect(await noticeKindsOf(project.partner.member.id)).not.toContain('projectMessage')
    for (const person of [colleague.actor, project.partner.owner, project.state.member, project.state.owner, project.secretariat, extraSecretariat]) {
      expect(await noticeKindsOf(person.id)).toContain('projectMessage')
    }
    const [message] = await db.select().from(projectMessages).where(and(eq(projectMessages.projectId, project.projectId), eq(projectMessages.authorId, project.partner.member.id)))
    expect(message?.body).toBe('The venue for the second course is booked.')
  })
})
