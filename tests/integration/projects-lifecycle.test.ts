import { randomUUID } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { matches, projectBudgetSources, projectParticipants, projects, requests, type MatchId, type ProjectId } from '#db/schema/index'
import { decideMatch, expressInterest } from '~/domain/matching/matches.server'
import { createProjectFromMatch, postProjectMessage, transitionProject } from '~/domain/projects/projects.server'
import { evaluateProject, reviewFinalReport, saveFinalReport } from '~/domain/projects/reports.server'
import { ProjectSetupSchema, TransitionSchema } from '~/domain/projects/schemas'
import { transitionRequest } from '~/domain/requests/requests.server'
import { reviewMilestone, reviewWorkplan, startMilestone, waiveMilestone } from '~/domain/projects/workplan.server'
import { db } from '~/utils/db.server'
import {
  activeProject,
  approveTestMilestone,
  auditActionsOf,
  completedProject,
  createTestProject,
  finalReportInput,
  noticeKindsOf,
  projectOrigin as origin,
  projectSetup,
  submitTestMilestone,
  testMatch,
  verifiedParty,
} from '../factories'
import { createOrganization, createUser } from '../factories'
import { expectDatabaseError, expectDomainError } from './support'

const projectRow = async (id: ProjectId) => (await db.select().from(projects).where(eq(projects.id, id)))[0]
const requestStatus = async (id: string) => (await db.select({ status: requests.status, closedAt: requests.closedAt }).from(requests).where(eq(requests.id, id as never)))[0]

describe('setting a project up from a match', () => {
  test('an agreed match becomes a project in inception: the match is converted, the request in a project, everyone told', async () => {
    const match = await testMatch()
    const funder = await verifiedParty('philanthropy')
    const setup = projectSetup({ budgetAmount: 120000.5, funderIds: [funder.org.id], sources: [{ label: 'Core grant', amount: 50000, organizationId: funder.org.id }] })
    const projectId = (await createProjectFromMatch(db, { user: match.secretariat, matchId: match.matchId, input: setup, origin })) as ProjectId

    const project = await projectRow(projectId)
    expect(project).toMatchObject({ status: 'inception', workplanStatus: 'draft', stateId: match.state.org.id, requestId: match.requestId, budgetAmount: 12000050, budgetCurrency: 'USD', objectives: [3] })
    const [converted] = await db.select({ status: matches.status }).from(matches).where(eq(matches.id, match.matchId))
    expect(converted?.status).toBe('converted')
    expect((await requestStatus(match.requestId))?.status).toBe('in_project')

    const roles = await db.select({ org: projectParticipants.organizationId, role: projectParticipants.role }).from(projectParticipants).where(eq(projectParticipants.projectId, projectId))
    expect(roles).toHaveLength(3)
    expect(roles).toEqual(
      expect.arrayContaining([
        { org: match.state.org.id, role: 'accountable' },
        { org: match.partner.org.id, role: 'implementing' },
        { org: funder.org.id, role: 'funding' },
      ]),
    )
    const [source] = await db.select().from(projectBudgetSources).where(eq(projectBudgetSources.projectId, projectId))
    expect(source).toMatchObject({ label: 'Core grant', amount: 5000000, organizationId: funder.org.id })

    expect(await auditActionsOf(projectId)).toEqual(['project.created'])
    for (const person of [match.state.member, match.state.owner, match.partner.member, funder.member, match.secretariat]) {
      expect(await noticeKindsOf(person.id)).toContain('projectCreated')
    }
  })

  test('an open or a declined match cannot become a project (409), and nothing is written', async () => {
    const open = await testMatch({ agreed: false })
    await expectDomainError(createProjectFromMatch(db, { user: open.secretariat, matchId: open.matchId, input: projectSetup(), origin }), { status: 409, code: 'projects.matchNotAgreed' })
    await decideMatch(db, open.state.member, open.matchId, { decision: 'decline', side: 'request', reason: 'We work with another partner.' }, origin)
    await expectDomainError(createProjectFromMatch(db, { user: open.secretariat, matchId: open.matchId, input: projectSetup(), origin }), { status: 409, code: 'projects.matchNotAgreed' })
    expect(await db.select().from(projects).where(eq(projects.matchId, open.matchId))).toEqual([])
    expect((await requestStatus(open.requestId))?.status).toBe('published')
  })

  test('the requesting State may set it up; the partner and outsiders cannot even see the match (404)', async () => {
    const match = await testMatch()
    const outsider = await verifiedParty()
    await expectDomainError(createProjectFromMatch(db, { user: match.partner.member, matchId: match.matchId, input: projectSetup(), origin }), { status: 404 })
    await expectDomainError(createProjectFromMatch(db, { user: outsider.member, matchId: match.matchId, input: projectSetup(), origin }), { status: 404 })
    await expectDomainError(createProjectFromMatch(db, { user: match.secretariat, matchId: randomUUID() as MatchId, input: projectSetup(), origin }), { status: 404 })
    expect(await createProjectFromMatch(db, { user: match.state.member, matchId: match.matchId, input: projectSetup(), origin })).toEqual(expect.any(String))
  })

  test('funders must be verified organisations (400 on funderIds)', async () => {
    const match = await testMatch()
    const { org: pending } = await createOrganization({ type: 'philanthropy', status: 'pending' })
    const error = await expectDomainError(createProjectFromMatch(db, { user: match.secretariat, matchId: match.matchId, input: projectSetup({ funderIds: [pending.id] }), origin }), { status: 400 })
    expect(error.field).toBe('funderIds')
    expect((await requestStatus(match.requestId))?.status).toBe('matched')
  })

  test('one project per match and per request: a second attempt fails, and the database refuses a duplicate', async () => {
    const match = await testMatch({ agreed: false })
    const rival = await verifiedParty()
    const rivalMatch = (await expressInterest(db, rival.member, match.requestId, { providerId: rival.org.id, message: 'We could also run this course for you.' }, origin)) as MatchId
    await decideMatch(db, match.state.member, match.matchId, { decision: 'accept', side: 'request' }, origin)
    const projectId = (await createProjectFromMatch(db, { user: match.secretariat, matchId: match.matchId, input: projectSetup(), origin })) as ProjectId

    await expectDomainError(createProjectFromMatch(db, { user: match.secretariat, matchId: match.matchId, input: projectSetup(), origin }), { status: 409, code: 'projects.matchNotAgreed' })
    await expectDomainError(createProjectFromMatch(db, { user: match.secretariat, matchId: rivalMatch, input: projectSetup(), origin }), { status: 409 })
    const existing = await projectRow(projectId)
    if (!existing) throw new Error('project missing')
    const { id: _id, key: _key, ...copy } = existing
    await expectDatabaseError(db.insert(projects).values({ ...copy, matchId: rivalMatch }), '23505')
  })

  test('a request withdrawn after the agreement cannot become a project (409), and nothing is written', async () => {
    const match = await testMatch()
    await transitionRequest(db, match.state.member, match.requestId, 'withdraw', { origin })
    await expectDomainError(createProjectFromMatch(db, { user: match.secretariat, matchId: match.matchId, input: projectSetup(), origin }), { status: 409 })
    expect(await db.select().from(projects).where(eq(projects.matchId, match.matchId))).toEqual([])
    const [still] = await db.select({ status: matches.status }).from(matches).where(eq(matches.id, match.matchId))
    expect(still?.status).toBe('agreed')
  })

  // The request machine lets `close` start from `in_project` (the project's cancellation uses it), but nobody may
  // take that step on the request directly: a live project must not end up on a closed request.
  test('the request of a live project cannot be closed or completed behind the project’s back', async () => {
    const project = await activeProject()
    await expectDomainError(transitionRequest(db, project.state.member, project.requestId, 'close', { origin }), { status: 409, code: 'requests.inProject' })
    await expectDomainError(transitionRequest(db, project.secretariat, project.requestId, 'close', { origin }), { status: 409, code: 'requests.inProject' })
    await expectDomainError(transitionRequest(db, project.state.member, project.requestId, 'complete', { origin }), { status: 403 })
  })

  test('two set-ups of the same match at the same moment yield exactly one project', async () => {
    for (let round = 0; round < 3; round++) {
      const match = await testMatch()
      const outcomes = await Promise.allSettled([
        createProjectFromMatch(db, { user: match.secretariat, matchId: match.matchId, input: projectSetup(), origin }),
        createProjectFromMatch(db, { user: match.state.member, matchId: match.matchId, input: projectSetup(), origin }),
      ])
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
      const failure = outcomes.find((o) => o.status === 'rejected')
      expect(failure?.reason).toMatchObject({ name: 'DomainError', status: 409 })
      expect(await db.select().from(projects).where(eq(projects.matchId, match.matchId))).toHaveLength(1)
    }
  })

  test('the setup form rejects garbage with field errors, not an exception', () => {
    const result = ProjectSetupSchema.safeParse({ title: 'x', summary: '', startDate: '2030-13-45', endDate: 'soon', budgetAmount: 'lots', budgetCurrency: 'XXX1', reportingMonths: '13', funderIds: ['nope'] })
    expect(result.success).toBe(false)
    const fields = new Set(result.error?.issues.map((i) => String(i.path[0])))
    for (const field of ['title', 'summary', 'startDate', 'endDate', 'budgetAmount', 'budgetCurrency', 'reportingMonths', 'funderIds']) expect(fields).toContain(field)

    const crossed = ProjectSetupSchema.safeParse({ ...projectSetup(), startDate: '2030-06-01', endDate: '2030-05-31', budgetAmount: 100, sources: [{ label: 'Grant', amount: 101 }] })
    expect(crossed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['endDate', 'validation.endBeforeStart'],
      ['sources', 'validation.sourcesExceedBudget'],
    ])
  })
})

describe('steering a project', () => {
  test('start needs an approved workplan; the database refuses an active project without one', async () => {
    const project = await createTestProject()
    await expectDomainError(transitionProject(db, { user: project.secretariat, projectId: project.projectId, input: { action: 'start' }, origin }), { status: 409, code: 'projects.guard.workplan' })
    await expectDatabaseError(db.update(projects).set({ status: 'active' }).where(eq(projects.id, project.projectId)), '23514')
    await expectDatabaseError(db.update(projects).set({ status: 'cancelled' }).where(eq(projects.id, project.projectId)), '23514')
    expect((await projectRow(project.projectId))?.status).toBe('inception')
  })

  test('a step from the wrong status is refused with lifecycle.notAllowed', async () => {
    const project = await createTestProject()
    for (const action of ['resume', 'complete', 'close'] as const) {
      await expectDomainError(transitionProject(db, { user: project.secretariat, projectId: project.projectId, input: { action }, origin }), { status: 409, code: 'lifecycle.notAllowed' })
    }
    await expectDomainError(transitionProject(db, { user: project.secretariat, projectId: project.projectId, input: { action: 'hold', reason: 'Waiting for the ministry.' }, origin }), { status: 409, code: 'lifecycle.notAllowed' })
    const active = await activeProject()
    await expectDomainError(transitionProject(db, { user: active.secretariat, projectId: active.projectId, input: { action: 'start' }, origin }), { status: 409, code: 'lifecycle.notAllowed' })
    await expectDomainError(transitionProject(db, { user: active.secretariat, projectId: randomUUID() as ProjectId, input: { action: 'start' }, origin }), { status: 404 })
  })

  test('started, held with a reason, resumed: milestones wait while the project is on hold', async () => {
    const project = await activeProject()
    const row = await projectRow(project.projectId)
    expect(row?.status).toBe('active')
    expect(row?.startedAt).toBeInstanceOf(Date)
    expect(await noticeKindsOf(project.partner.member.id)).toContain('project.start')

    expect(TransitionSchema.safeParse({ action: 'hold' }).success).toBe(false)
    expect(await transitionProject(db, { user: project.secretariat, projectId: project.projectId, input: { action: 'hold', reason: 'Elections: the ministry asked for a pause.' }, origin })).toBe('on_hold')
    expect((await projectRow(project.projectId))?.holdReason).toBe('Elections: the ministry asked for a pause.')
    await expectDomainError(startMilestone(db, project.partner.member, project.projectId, project.milestoneIds[0]!), { status: 409, code: 'projects.notActive' })

    expect(await transitionProject(db, { user: project.secretariat, projectId: project.projectId, input: { action: 'resume' }, origin })).toBe('active')
    expect((await projectRow(project.projectId))?.holdReason).toBeNull()
    await startMilestone(db, project.partner.member, project.projectId, project.milestoneIds[0]!)
    expect(await auditActionsOf(project.projectId)).toEqual(expect.arrayContaining(['project.start', 'project.hold', 'project.resume']))
    expect(await noticeKindsOf(project.state.member.id)).toEqual(expect.arrayContaining(['project.hold', 'project.resume']))
  })

  test('complete needs every milestone approved or waived; the request is then completed', async () => {
    const project = await activeProject()
    const [first, second] = project.milestoneIds
    if (!first || !second) throw new Error('the factory drafts two milestones')
    await expectDomainError(transitionProject(db, { user: project.secretariat, projectId: project.projectId, input: { action: 'complete' }, origin }), { status: 409, code: 'projects.guard.milestones' })
    await approveTestMilestone(project, first)
    await expectDomainError(transitionProject(db, { user: project.secretariat, projectId: project.projectId, input: { action: 'complete' }, origin }), { status: 409, code: 'projects.guard.milestones' })
    await waiveMilestone(db, { user: project.secretariat, projectId: project.projectId, milestoneId: second, reason: 'The ministry ran the pilot itself.', origin })
    expect(await transitionProject(db, { user: project.secretariat, projectId: project.projectId, input: { action: 'complete' }, origin })).toBe('completed')
    expect((await projectRow(project.projectId))?.completedAt).toBeInstanceOf(Date)
    expect((await requestStatus(project.requestId))?.status).toBe('completed')
  })

  test('close needs an approved final report and the State’s evaluation; the thread is then read-only', async () => {
    const project = await completedProject()
    const close = () => transitionProject(db, { user: project.secretariat, projectId: project.projectId, input: { action: 'close' }, origin })
    await expectDomainError(close(), { status: 409, code: 'projects.guard.finalReport' })
    await saveFinalReport(db, { user: project.partner.member, projectId: project.projectId, input: finalReportInput(), submit: true, origin })
    await expectDomainError(close(), { status: 409, code: 'projects.guard.finalReport' })
    await reviewFinalReport(db, { user: project.secretariat, projectId: project.projectId, input: { decision: 'approve' }, origin })
    await expectDomainError(close(), { status: 409, code: 'projects.guard.evaluation' })
    await evaluateProject(db, { user: project.state.member, projectId: project.projectId, input: { rating: 4, comment: 'Useful, and delivered on time.' }, origin })
    expect(await close()).toBe('closed')
    expect((await projectRow(project.projectId))?.closedAt).toBeInstanceOf(Date)
    await expectDomainError(postProjectMessage(db, { user: project.state.member, projectId: project.projectId, body: 'One more thing.', origin }), { status: 409, code: 'projects.finished' })
    await expectDomainError(transitionProject(db, { user: project.secretariat, projectId: project.projectId, input: { action: 'cancel', reason: 'Too late to cancel.' }, origin }), { status: 409, code: 'lifecycle.notAllowed' })
  })

  test('cancel needs a reason, closes the request and tells the parties; nothing restarts it', async () => {
    expect(TransitionSchema.safeParse({ action: 'cancel' }).error?.issues[0]?.path).toEqual(['reason'])
    expect(TransitionSchema.safeParse({ action: 'cancel', reason: 'no' }).success).toBe(false)
    expect(TransitionSchema.safeParse({ action: 'explode' }).success).toBe(false)

    const project = await activeProject()
    expect(await transitionProject(db, { user: project.secretariat, projectId: project.projectId, input: { action: 'cancel', reason: 'The partner withdrew from the country.' }, origin })).toBe('cancelled')
    const row = await projectRow(project.projectId)
    expect(row).toMatchObject({ status: 'cancelled', cancelReason: 'The partner withdrew from the country.' })
    expect(row?.cancelledAt).toBeInstanceOf(Date)
    const request = await requestStatus(project.requestId)
    expect(request?.status).toBe('closed')
    expect(request?.closedAt).toBeInstanceOf(Date)
    expect(await noticeKindsOf(project.partner.member.id)).toContain('project.cancel')
    expect(await noticeKindsOf(project.state.owner.id)).toContain('project.cancel')
    await expectDomainError(transitionProject(db, { user: project.secretariat, projectId: project.projectId, input: { action: 'start' }, origin }), { status: 409, code: 'lifecycle.notAllowed' })
    await expectDomainError(transitionProject(db, { user: project.secretariat, projectId: project.projectId, input: { action: 'resume' }, origin }), { status: 409, code: 'lifecycle.notAllowed' })
  })

  test('a cancelled project is history: nobody reviews, waives or approves its work any more (409)', async () => {
    const project = await activeProject()
    const [milestoneId] = project.milestoneIds
    if (!milestoneId) throw new Error('no milestone')
    await submitTestMilestone(project, milestoneId)
    await transitionProject(db, { user: project.secretariat, projectId: project.projectId, input: { action: 'cancel', reason: 'The partner withdrew from the country.' }, origin })
    await expectDomainError(reviewMilestone(db, { user: project.secretariat, projectId: project.projectId, milestoneId, input: { decision: 'approve' }, origin }), { status: 409, code: 'projects.finished' })
    await expectDomainError(waiveMilestone(db, { user: project.secretariat, projectId: project.projectId, milestoneId, reason: 'No longer needed.', origin }), { status: 409, code: 'projects.finished' })
    await expectDomainError(reviewWorkplan(db, { user: project.secretariat, projectId: project.projectId, input: { decision: 'return', comment: 'Please revise.' }, origin }), { status: 409, code: 'projects.finished' })
  })

  test('a project in inception may be cancelled too', async () => {
    const project = await createTestProject()
    expect(await transitionProject(db, { user: project.secretariat, projectId: project.projectId, input: { action: 'cancel', reason: 'The State changed its priorities.' }, origin })).toBe('cancelled')
    expect((await requestStatus(project.requestId))?.status).toBe('closed')
  })

  test('a steering step that fails leaves no trace: no audit row, no notification', async () => {
    const project = await createTestProject()
    const before = await noticeKindsOf(project.partner.member.id)
    await expectDomainError(transitionProject(db, { user: project.secretariat, projectId: project.projectId, input: { action: 'start' }, origin }), { status: 409 })
    expect(await auditActionsOf(project.projectId)).toEqual(['project.created'])
    expect(await noticeKindsOf(project.partner.member.id)).toEqual(before)
    const [{ n } = { n: -1 }] = await db.execute<{ n: number }>(sql`select count(*)::int as n from projects where id = ${project.projectId} and started_at is not null`)
    expect(n).toBe(0)
  })
})

test('an admin steers as the secretariat does (manage:project)', async () => {
  const admin = (await createUser({ role: 'admin' })).actor
  const project = await createTestProject()
  await expectDomainError(transitionProject(db, { user: admin, projectId: project.projectId, input: { action: 'start' }, origin }), { status: 409, code: 'projects.guard.workplan' })
})
