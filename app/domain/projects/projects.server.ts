import { and, eq, inArray } from 'drizzle-orm'
import {
  finalReports,
  matches,
  milestones,
  offers,
  organizations,
  projectBudgetSources,
  projectEvaluations,
  projectMessages,
  projectParticipants,
  projects,
  requests,
  type MatchId,
  type OrganizationId,
  type ParticipantRole,
  type ProjectId,
} from '#db/schema/index'
import { recordAudit } from '~/utils/audit.server'
import type { Db } from '~/utils/db.server'
import { can } from '~/domain/access/abilities'
import type { SessionUser } from '../accounts/sessions.server'
import { DomainError, notFound } from '../errors'
import { nextStatus } from '../lifecycle'
import { notify } from '../notifications/notifications.server'
import { membershipContext } from '../organizations/organizations.server'
import { requestMachine } from '../requests/lifecycle'
import { toMinorUnits } from '../vocabulary/codes'
import { lockProjectFor, projectAudience } from './access.server'
import { nameFunders } from './funders.server'
import { finishedMilestone, isFinishedProject, projectMachine } from './lifecycle'
import type { ProjectSetupInput, TransitionInput } from './schemas'
import { urls } from '~/utils/urls'

/** The agreed match a project is set up from, if this user may set it up (the secretariat or the requesting State). */
export async function agreedMatchForSetup(db: Db, user: SessionUser, matchId: MatchId) {
  const [row] = await db
    .select({ match: matches, request: requests, providerName: organizations.name, offerKind: offers.kind })
    .from(matches)
    .innerJoin(requests, eq(requests.id, matches.requestId))
    .innerJoin(organizations, eq(organizations.id, matches.providerId))
    .leftJoin(offers, eq(offers.id, matches.offerId))
    .where(eq(matches.id, matchId))
  if (!row) throw notFound()
  if (!can(user, 'manage:project') && !(await actsForOrganization(db, user, row.request.organizationId))) throw notFound()
  if (row.match.status !== 'agreed') throw new DomainError('projects.matchNotAgreed', 'A project can only be set up from an agreed match.', 409)
  return row
}

async function actsForOrganization(db: Db, user: SessionUser, organizationId: OrganizationId) {
  const [org] = await db.select().from(organizations).where(eq(organizations.id, organizationId))
  return org ? can(user, 'act:project', await membershipContext(db, user, org)) : false
}

/** Turns an agreed match into a project in inception: the match is converted and the request is in a project. */
export async function createProjectFromMatch(db: Db, { user, matchId, input, origin }: { user: SessionUser; matchId: MatchId; input: ProjectSetupInput; origin: string }) {
  return db.transaction(async (tx) => {
    const { match, request, offerKind } = await agreedMatchForSetup(tx, user, matchId)
    await tx.select({ id: requests.id }).from(requests).where(eq(requests.id, request.id)).for('update')
    const [locked] = await tx.select({ status: matches.status }).from(matches).where(eq(matches.id, matchId)).for('update')
    if (locked?.status !== 'agreed') throw new DomainError('projects.matchNotAgreed', 'A project can only be set up from an agreed match.', 409)

    const funderIds = [...new Set(input.funderIds as OrganizationId[])]
    const sourceOrgs = input.sources.flatMap((s) => (s.organizationId ? [s.organizationId as OrganizationId] : []))
    const named = [...new Set([...funderIds, ...sourceOrgs])]
    if (named.length) {
      const verified = await tx.select({ id: organizations.id }).from(organizations).where(and(inArray(organizations.id, named), eq(organizations.verificationStatus, 'verified')))
      if (verified.length !== named.length) throw new DomainError('validation.choice', 'Choose verified organisations.', 400, 'funderIds')
    }

    const [project] = await tx
      .insert(projects)
      .values({
        matchId,
        requestId: request.id,
        stateId: request.organizationId,
        title: input.title,
        summary: input.summary,
        objectives: request.objectives,
        countries: request.countries,
        regions: request.regions,
        startDate: input.startDate,
        endDate: input.endDate,
        budgetAmount: toMinorUnits(input.budgetAmount, input.budgetCurrency),
        budgetCurrency: input.budgetCurrency,
        reportingMonths: input.reportingMonths,
        createdBy: user.id,
      })
      .returning({ id: projects.id })
    if (!project) throw new Error('project not saved')

    // IATI roles: the State is accountable; the provider implements, or funds when it answered with a financing offer.
    const roles: { organizationId: OrganizationId; role: ParticipantRole }[] = [{ organizationId: request.organizationId, role: 'accountable' }]
    if (offerKind === 'financing') roles.push({ organizationId: match.providerId, role: 'funding' }, { organizationId: request.organizationId, role: 'implementing' })
    else roles.push({ organizationId: match.providerId, role: 'implementing' })
    await tx.insert(projectParticipants).values(roles.map((r) => ({ ...r, projectId: project.id }))).onConflictDoNothing()
    // Other funders join only with their consent: the two parties of the agreed match have given it.
    await nameFunders(tx, { user, projectId: project.id, title: input.title, consented: [request.organizationId, match.providerId], funderIds: named, origin })
    if (input.sources.length) {
      await tx.insert(projectBudgetSources).values(
        input.sources.map((s) => ({ projectId: project.id, label: s.label, organizationId: (s.organizationId as OrganizationId | undefined) ?? null, amount: toMinorUnits(s.amount, input.budgetCurrency) })),
      )
    }

    await tx.update(matches).set({ status: 'converted', updatedAt: new Date() }).where(eq(matches.id, matchId))
    await tx.update(requests).set({ status: nextStatus(requestMachine, request.status, 'startProject'), updatedAt: new Date() }).where(eq(requests.id, request.id))
    await recordAudit(tx, { actorId: user.id, action: 'project.created', entityType: 'project', entityId: project.id, summary: { matchId, requestId: request.id } })
    await notify(tx, await projectAudience(tx, project.id), { kind: 'projectCreated', values: { title: input.title }, link: urls.projectWorkspace(project.id) }, origin)
    return project.id
  })
}

/** Why a transition cannot happen yet, checked inside the transaction that makes it. */
async function guard(tx: Db, project: typeof projects.$inferSelect, action: TransitionInput['action']) {
  if (action === 'start' && project.workplanStatus !== 'approved') {
    throw new DomainError('projects.guard.workplan', 'The workplan must be approved before the project starts.', 409)
  }
  if (action === 'complete') {
    const rows = await tx.select({ status: milestones.status }).from(milestones).where(eq(milestones.projectId, project.id))
    if (rows.length === 0 || !rows.every((m) => finishedMilestone(m.status))) {
      throw new DomainError('projects.guard.milestones', 'Every milestone must be approved or waived before the project is completed.', 409)
    }
  }
  if (action === 'close') {
    const [report] = await tx.select({ status: finalReports.status }).from(finalReports).where(eq(finalReports.projectId, project.id))
    if (report?.status !== 'approved') throw new DomainError('projects.guard.finalReport', 'The final report must be approved before the project is closed.', 409)
    const [evaluation] = await tx.select({ rating: projectEvaluations.rating }).from(projectEvaluations).where(eq(projectEvaluations.projectId, project.id))
    if (!evaluation) throw new DomainError('projects.guard.evaluation', 'The requesting State’s evaluation is needed before the project is closed.', 409)
  }
}

/** Start, hold, resume, complete, close or cancel: the secretariat steers, each step behind its guard. */
export async function transitionProject(db: Db, { user, projectId, input, origin }: { user: SessionUser; projectId: ProjectId; input: TransitionInput; origin: string }) {
  return db.transaction(async (tx) => {
    const { project } = await lockProjectFor(tx, user, projectId, ['secretariat'])
    const status = nextStatus(projectMachine, project.status, input.action)
    await guard(tx, project, input.action)
    const now = new Date()
    const reason = 'reason' in input ? input.reason : undefined
    await tx
      .update(projects)
      .set({
        status,
        updatedAt: now,
        ...(input.action === 'start' ? { startedAt: now } : {}),
        ...(input.action === 'complete' ? { completedAt: now } : {}),
        ...(input.action === 'close' ? { closedAt: now } : {}),
        ...(input.action === 'cancel' ? { cancelledAt: now, cancelReason: reason } : {}),
        ...(input.action === 'hold' ? { holdReason: reason } : input.action === 'resume' ? { holdReason: null } : {}),
      })
      .where(eq(projects.id, projectId))
    if (input.action === 'complete' || input.action === 'cancel') {
      const [request] = await tx.select({ status: requests.status }).from(requests).where(eq(requests.id, project.requestId)).for('update')
      if (request?.status === 'in_project') {
        await tx.update(requests).set({ status: nextStatus(requestMachine, 'in_project', input.action === 'complete' ? 'complete' : 'close'), updatedAt: now, ...(input.action === 'cancel' ? { closedAt: now } : {}) }).where(eq(requests.id, project.requestId))
      }
    }
    await recordAudit(tx, { actorId: user.id, action: `project.${input.action}`, entityType: 'project', entityId: projectId, summary: { from: project.status, to: status, reason } })
    await notify(tx, await projectAudience(tx, projectId, { secretariat: false }), { kind: `project.${input.action}`, values: { title: project.title }, link: urls.projectWorkspace(projectId) }, origin)
    return status
  })
}

/** Makes the project's public page visible (objectives, places, partners, progress, results, funding). */
export async function publishProject(db: Db, user: SessionUser, projectId: ProjectId, published: boolean) {
  return db.transaction(async (tx) => {
    await lockProjectFor(tx, user, projectId, ['secretariat'])
    await tx.update(projects).set({ publishedAt: published ? new Date() : null, updatedAt: new Date() }).where(eq(projects.id, projectId))
    await recordAudit(tx, { actorId: user.id, action: published ? 'project.published' : 'project.unpublished', entityType: 'project', entityId: projectId })
  })
}

/** A message in the parties' thread; everyone else in the project hears of it. */
export async function postProjectMessage(db: Db, { user, projectId, body, origin }: { user: SessionUser; projectId: ProjectId; body: string; origin: string }) {
  return db.transaction(async (tx) => {
    const { project } = await lockProjectFor(tx, user, projectId, ['secretariat', 'state', 'implementer', 'funder'])
    if (isFinishedProject(project.status)) throw new DomainError('projects.finished', 'This project is finished; its thread is read-only.', 409)
    const [message] = await tx.insert(projectMessages).values({ projectId, authorId: user.id, body }).returning({ id: projectMessages.id })
    const audience = (await projectAudience(tx, projectId)).filter((id) => id !== user.id)
    await notify(tx, audience, { kind: 'projectMessage', values: { title: project.title, author: user.displayName }, link: urls.projectWorkspace(projectId, 'thread') }, origin)
    return message?.id
  })
}
