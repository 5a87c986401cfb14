import { and, asc, eq, max, ne, sum } from 'drizzle-orm'
import { indicators, milestones, projects, type IndicatorId, type MilestoneId, type ProjectId } from '#db/schema/index'
import { recordAudit } from '~/utils/audit.server'
import type { Db } from '~/utils/db.server'
import type { SessionUser } from '../accounts/sessions.server'
import { DomainError, notFound } from '../errors'
import { releaseTranches } from './funding.server'
import { nextStatus } from '../lifecycle'
import { notify, secretariatMembers } from '../notifications/notifications.server'
import { toMinorUnits } from '../vocabulary/codes'
import { implementersOf, lockProjectFor, projectAudience, type Project } from './access.server'
import { storeDocument, type Upload } from './documents.server'
import { isEditableReview, isLiveProject, isUnderwayProject, milestoneMachine, reviewMachine } from './lifecycle'
import type { EvidenceInput, IndicatorInput, MilestoneInput, ReviewInput } from './schemas'
import { urls } from '~/utils/urls'

/** The implementer (or the secretariat) shapes the workplan until it is submitted; after approval it is the plan. */
const workplanEditable = (project: Project) =>
  isEditableReview(project.workplanStatus) && isLiveProject(project.status)

function requireEditableWorkplan(project: Project) {
  if (!workplanEditable(project)) throw new DomainError('projects.workplanLocked', 'The workplan can no longer be changed.', 409)
}

async function checkMilestone(tx: Db, project: Project, input: MilestoneInput, exceptId?: MilestoneId) {
  if (input.dueDate < project.startDate || input.dueDate > project.endDate) {
    throw new DomainError('validation.dueOutsideProject', 'The due date must fall between the project’s start and end dates.', 400, 'dueDate')
  }
  if (input.trancheAmount === undefined) return null
  const tranche = toMinorUnits(input.trancheAmount, project.budgetCurrency)
  const [row] = await tx
    .select({ total: sum(milestones.trancheAmount).mapWith(Number) })
    .from(milestones)
    .where(and(eq(milestones.projectId, project.id), ...(exceptId ? [ne(milestones.id, exceptId)] : [])))
  if ((row?.total ?? 0) + tranche > project.budgetAmount) {
    throw new DomainError('validation.tranchesExceedBudget', 'The tranches together would exceed the project’s budget.', 400, 'trancheAmount')
  }
  return tranche
}

export async function addMilestone(db: Db, user: SessionUser, projectId: ProjectId, input: MilestoneInput) {
  return db.transaction(async (tx) => {
    const { project } = await lockProjectFor(tx, user, projectId, ['implementer', 'secretariat'])
    requireEditableWorkplan(project)
    const trancheAmount = await checkMilestone(tx, project, input)
    const [last] = await tx.select({ position: max(milestones.position) }).from(milestones).where(eq(milestones.projectId, projectId))
    const [row] = await tx
      .insert(milestones)
      .values({ projectId, position: (last?.position ?? 0) + 1, title: input.title, description: input.description ?? '', deliverable: input.deliverable, dueDate: input.dueDate, trancheAmount })
      .returning({ id: milestones.id })
    await recordAudit(tx, { actorId: user.id, action: 'milestone.added', entityType: 'project', entityId: projectId, summary: { milestoneId: row?.id, title: input.title } })
    return row?.id
  })
}

export async function updateMilestone(db: Db, { user, projectId, milestoneId, input }: { user: SessionUser; projectId: ProjectId; milestoneId: MilestoneId; input: MilestoneInput }) {
  return db.transaction(async (tx) => {
    const { project } = await lockProjectFor(tx, user, projectId, ['implementer', 'secretariat'])
    requireEditableWorkplan(project)
    const trancheAmount = await checkMilestone(tx, project, input, milestoneId)
    const [row] = await tx
      .update(milestones)
      .set({ title: input.title, description: input.description ?? '', deliverable: input.deliverable, dueDate: input.dueDate, trancheAmount, updatedAt: new Date() })
      .where(and(eq(milestones.id, milestoneId), eq(milestones.projectId, projectId), eq(milestones.status, 'planned')))
      .returning({ id: milestones.id })
    if (!row) throw notFound()
    await recordAudit(tx, { actorId: user.id, action: 'milestone.updated', entityType: 'project', entityId: projectId, summary: { milestoneId } })
  })
}

export async function removeMilestone(db: Db, user: SessionUser, projectId: ProjectId, milestoneId: MilestoneId) {
  return db.transaction(async (tx) => {
    const { project } = await lockProjectFor(tx, user, projectId, ['implementer', 'secretariat'])
    requireEditableWorkplan(project)
    const [row] = await tx.delete(milestones).where(and(eq(milestones.id, milestoneId), eq(milestones.projectId, projectId), eq(milestones.status, 'planned'))).returning({ title: milestones.title })
    if (!row) throw notFound()
    await recordAudit(tx, { actorId: user.id, action: 'milestone.removed', entityType: 'project', entityId: projectId, summary: { milestoneId, title: row.title } })
  })
}

export async function addIndicator(db: Db, user: SessionUser, projectId: ProjectId, input: IndicatorInput) {
  return db.transaction(async (tx) => {
    const { project } = await lockProjectFor(tx, user, projectId, ['implementer', 'secretariat'])
    requireEditableWorkplan(project)
    const [last] = await tx.select({ position: max(indicators.position) }).from(indicators).where(eq(indicators.projectId, projectId))
    const [row] = await tx
      .insert(indicators)
      .values({ projectId, position: (last?.position ?? 0) + 1, ...input })
      .returning({ id: indicators.id })
    await recordAudit(tx, { actorId: user.id, action: 'indicator.added', entityType: 'project', entityId: projectId, summary: { indicatorId: row?.id, name: input.name } })
    return row?.id
  })
}

export async function removeIndicator(db: Db, user: SessionUser, projectId: ProjectId, indicatorId: IndicatorId) {
  return db.transaction(async (tx) => {
    const { project } = await lockProjectFor(tx, user, projectId, ['implementer', 'secretariat'])
    requireEditableWorkplan(project)
    const [row] = await tx.delete(indicators).where(and(eq(indicators.id, indicatorId), eq(indicators.projectId, projectId))).returning({ name: indicators.name })
    if (!row) throw notFound()
    await recordAudit(tx, { actorId: user.id, action: 'indicator.removed', entityType: 'project', entityId: projectId, summary: { indicatorId, name: row.name } })
  })
}

/** The implementer hands the workplan (milestones and results framework) to the secretariat. */
export async function submitWorkplan(db: Db, user: SessionUser, projectId: ProjectId, origin: string) {
  return db.transaction(async (tx) => {
    const { project } = await lockProjectFor(tx, user, projectId, ['implementer'])
    requireLive(project)
    const status = nextStatus(reviewMachine, project.workplanStatus, 'submit')
    const plan = await tx.select({ id: milestones.id }).from(milestones).where(eq(milestones.projectId, projectId))
    const framework = await tx.select({ id: indicators.id }).from(indicators).where(eq(indicators.projectId, projectId))
    if (plan.length === 0) throw new DomainError('projects.workplanNeedsMilestones', 'Add at least one milestone before submitting the workplan.', 409)
    if (framework.length === 0) throw new DomainError('projects.workplanNeedsIndicators', 'Add at least one results indicator before submitting the workplan.', 409)
    await tx.update(projects).set({ workplanStatus: status, updatedAt: new Date() }).where(eq(projects.id, projectId))
    await recordAudit(tx, { actorId: user.id, action: 'workplan.submitted', entityType: 'project', entityId: projectId })
    await notify(tx, await secretariatMembers(tx), { kind: 'workplanSubmitted', values: { title: project.title }, link: urls.projectWorkspace(projectId, 'workplan') }, origin)
  })
}

/** The secretariat approves the workplan or returns it with comments. */
export async function reviewWorkplan(db: Db, { user, projectId, input, origin }: { user: SessionUser; projectId: ProjectId; input: ReviewInput; origin: string }) {
  return db.transaction(async (tx) => {
    const { project } = await lockProjectFor(tx, user, projectId, ['secretariat'])
    requireLive(project)
    const status = nextStatus(reviewMachine, project.workplanStatus, input.decision)
    await tx
      .update(projects)
      .set({ workplanStatus: status, workplanComment: input.comment ?? null, workplanApprovedAt: status === 'approved' ? new Date() : null, updatedAt: new Date() })
      .where(eq(projects.id, projectId))
    await recordAudit(tx, { actorId: user.id, action: `workplan.${status}`, entityType: 'project', entityId: projectId, summary: { comment: input.comment } })
    await notify(tx, await projectAudience(tx, projectId, { secretariat: false }), { kind: `workplan.${status}`, values: { title: project.title }, link: urls.projectWorkspace(projectId, 'workplan') }, origin)
    return status
  })
}

async function lockMilestone(tx: Db, projectId: ProjectId, milestoneId: MilestoneId) {
  const [milestone] = await tx.select().from(milestones).where(and(eq(milestones.id, milestoneId), eq(milestones.projectId, projectId))).for('update')
  if (!milestone) throw notFound()
  return milestone
}

/** Reviews and plans concern projects still running; a cancelled or closed project is history. */
function requireLive(project: Project) {
  if (!isLiveProject(project.status)) throw new DomainError('projects.finished', 'This project is finished.', 409)
}

function requireUnderway(project: Project) {
  if (!isUnderwayProject(project.status)) throw new DomainError('projects.notActive', 'Work on milestones happens while the project is active.', 409)
}

/** The implementer starts work on a milestone. */
export async function startMilestone(db: Db, user: SessionUser, projectId: ProjectId, milestoneId: MilestoneId) {
  return db.transaction(async (tx) => {
    const { project } = await lockProjectFor(tx, user, projectId, ['implementer'])
    requireUnderway(project)
    const milestone = await lockMilestone(tx, projectId, milestoneId)
    const status = nextStatus(milestoneMachine, milestone.status, 'start')
    await tx.update(milestones).set({ status, updatedAt: new Date() }).where(eq(milestones.id, milestoneId))
    await recordAudit(tx, { actorId: user.id, action: 'milestone.started', entityType: 'milestone', entityId: milestoneId, summary: { projectId } })
  })
}

/** The implementer submits a milestone with its evidence (text, links, optionally a file) for review. */
export async function submitMilestone(db: Db, { user, projectId, milestoneId, input, file, origin }: { user: SessionUser; projectId: ProjectId; milestoneId: MilestoneId; input: EvidenceInput; file: Upload | null; origin: string }) {
  return db.transaction(async (tx) => {
    const { project } = await lockProjectFor(tx, user, projectId, ['implementer'])
    requireUnderway(project)
    const milestone = await lockMilestone(tx, projectId, milestoneId)
    const status = nextStatus(milestoneMachine, milestone.status, 'submit')
    const documentId = file ? await storeDocument(tx, { user, projectId, file, milestoneId }) : null
    await tx.update(milestones).set({ status, evidence: input.evidence, evidenceLinks: input.links, submittedAt: new Date(), updatedAt: new Date() }).where(eq(milestones.id, milestoneId))
    await recordAudit(tx, { actorId: user.id, action: 'milestone.submitted', entityType: 'milestone', entityId: milestoneId, summary: { projectId, documentId, links: input.links.length } })
    await notify(tx, await secretariatMembers(tx), { kind: 'milestoneSubmitted', values: { title: project.title, milestone: milestone.title }, link: urls.projectMilestone(projectId, milestoneId) }, origin)
  })
}

/**
 * The secretariat approves a submitted milestone or returns it with comments; the requesting State and the
 * implementer cannot approve their own work. Approval is the point where a tranche is released (the fund).
 */
export async function reviewMilestone(db: Db, { user, projectId, milestoneId, input, origin }: { user: SessionUser; projectId: ProjectId; milestoneId: MilestoneId; input: ReviewInput; origin: string }) {
  return db.transaction(async (tx) => {
    const { project } = await lockProjectFor(tx, user, projectId, ['secretariat'])
    requireLive(project)
    const milestone = await lockMilestone(tx, projectId, milestoneId)
    const status = nextStatus(milestoneMachine, milestone.status, input.decision)
    const now = new Date()
    await tx
      .update(milestones)
      .set({ status, reviewComment: input.comment ?? null, approvedAt: status === 'approved' ? now : null, decidedBy: user.id, updatedAt: now })
      .where(eq(milestones.id, milestoneId))
    await recordAudit(tx, { actorId: user.id, action: `milestone.${status}`, entityType: 'milestone', entityId: milestoneId, summary: { projectId, comment: input.comment } })
    // Approval releases the tranches the fund tied to this milestone, in the same transaction.
    if (status === 'approved') await releaseTranches(tx, user.id, milestoneId)
    await notify(tx, await projectAudience(tx, projectId, { secretariat: false }), { kind: `milestone.${status}`, values: { title: project.title, milestone: milestone.title }, link: urls.projectMilestone(projectId, milestoneId) }, origin)
    return status
  })
}

/** The secretariat waives a milestone that no longer applies, saying why. */
export async function waiveMilestone(db: Db, { user, projectId, milestoneId, reason, origin }: { user: SessionUser; projectId: ProjectId; milestoneId: MilestoneId; reason: string; origin: string }) {
  return db.transaction(async (tx) => {
    const { project } = await lockProjectFor(tx, user, projectId, ['secretariat'])
    requireLive(project)
    const milestone = await lockMilestone(tx, projectId, milestoneId)
    const status = nextStatus(milestoneMachine, milestone.status, 'waive')
    await tx.update(milestones).set({ status, reviewComment: reason, decidedBy: user.id, updatedAt: new Date() }).where(eq(milestones.id, milestoneId))
    await recordAudit(tx, { actorId: user.id, action: 'milestone.waived', entityType: 'milestone', entityId: milestoneId, summary: { projectId, reason } })
    await notify(tx, await implementersOf(tx, projectId), { kind: 'milestone.waived', values: { title: project.title, milestone: milestone.title }, link: urls.projectMilestone(projectId, milestoneId) }, origin)
  })
}

export function milestonesOf(db: Db, projectId: ProjectId) {
  return db.select().from(milestones).where(eq(milestones.projectId, projectId)).orderBy(asc(milestones.position))
}

export function indicatorsOf(db: Db, projectId: ProjectId) {
  return db.select().from(indicators).where(eq(indicators.projectId, projectId)).orderBy(asc(indicators.position))
}

export { workplanEditable }
