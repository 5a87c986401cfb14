import { and, asc, desc, eq, inArray } from 'drizzle-orm'
import { finalReports, indicators, indicatorValues, progressUpdates, projectEvaluations, type ProgressUpdateId, type ProjectId } from '#db/schema/index'
import { recordAudit } from '~/utils/audit.server'
import type { Db } from '~/utils/db.server'
import type { SessionUser } from '../accounts/sessions.server'
import { DomainError, notFound } from '../errors'
import { nextStatus } from '../lifecycle'
import { notify, secretariatMembers } from '../notifications/notifications.server'
import { lockProjectFor, projectAudience, type Project } from './access.server'
import { isCompletedProject, isEditableReview, isFinishedProject, isReportingProject, reviewMachine } from './lifecycle'
import type { EvaluationInput, FinalReportInput, ProgressUpdateInput, ReviewInput } from './schemas'
import { urls } from '~/utils/urls'

function requireReporting(project: Project) {
  if (!isReportingProject(project.status)) {
    throw new DomainError('projects.notReporting', 'Progress is reported once the project has started.', 409)
  }
}

/** Indicator values must belong to this project's results framework; blanks are skipped. */
async function valuesFor(tx: Db, projectId: ProjectId, input: ProgressUpdateInput) {
  const given = input.values.filter((v) => v.value !== undefined)
  if (given.length === 0) return []
  const known = await tx.select({ id: indicators.id }).from(indicators).where(and(eq(indicators.projectId, projectId), inArray(indicators.id, given.map((v) => v.indicatorId as never))))
  const ids = new Set(known.map((k) => k.id as string))
  if (given.some((v) => !ids.has(v.indicatorId))) throw new DomainError('validation.choice', 'An indicator does not belong to this project.', 400, 'values')
  return given.map((v) => ({ indicatorId: v.indicatorId as never, value: v.value as number, breakdown: v.breakdown }))
}

/** The implementer drafts a progress update (and submits it at once when asked). */
export async function saveProgressUpdate(db: Db, { user, projectId, updateId, input, submit, origin }: { user: SessionUser; projectId: ProjectId; updateId: ProgressUpdateId | null; input: ProgressUpdateInput; submit: boolean; origin: string }) {
  return db.transaction(async (tx) => {
    const { project } = await lockProjectFor(tx, user, projectId, ['implementer'])
    requireReporting(project)
    if (input.periodStart < project.startDate) throw new DomainError('validation.periodOutsideProject', 'The period must fall within the project’s dates.', 400, 'periodStart')
    if (input.periodEnd > project.endDate) throw new DomainError('validation.periodOutsideProject', 'The period must fall within the project’s dates.', 400, 'periodEnd')
    const values = await valuesFor(tx, projectId, input)
    const fields = { periodStart: input.periodStart, periodEnd: input.periodEnd, narrative: input.narrative, estimatedPercent: input.estimatedPercent ?? null, updatedAt: new Date() }
    let id = updateId
    let current: 'draft' | 'returned' = 'draft'
    if (id) {
      const [existing] = await tx.select({ status: progressUpdates.status }).from(progressUpdates).where(and(eq(progressUpdates.id, id), eq(progressUpdates.projectId, projectId))).for('update')
      if (!existing) throw notFound()
      if (!isEditableReview(existing.status)) throw new DomainError('projects.updateLocked', 'This update has been submitted and can no longer be changed.', 409)
      current = existing.status
      await tx.update(progressUpdates).set(fields).where(eq(progressUpdates.id, id))
      await tx.delete(indicatorValues).where(eq(indicatorValues.updateId, id))
    } else {
      const [row] = await tx.insert(progressUpdates).values({ ...fields, projectId, createdBy: user.id }).returning({ id: progressUpdates.id })
      id = row?.id ?? null
    }
    if (!id) throw new Error('update not saved')
    const updateRef = id
    if (values.length) await tx.insert(indicatorValues).values(values.map((v) => ({ ...v, updateId: updateRef })))
    if (submit) {
      await tx.update(progressUpdates).set({ status: nextStatus(reviewMachine, current, 'submit'), submittedAt: new Date() }).where(eq(progressUpdates.id, id))
      await notify(tx, await secretariatMembers(tx), { kind: 'updateSubmitted', values: { title: project.title }, link: urls.projectUpdate(projectId, id) }, origin)
    }
    await recordAudit(tx, { actorId: user.id, action: submit ? 'update.submitted' : 'update.saved', entityType: 'progress_update', entityId: id, summary: { projectId, values: values.length } })
    return id
  })
}

/** The secretariat approves a progress update (its values then count) or returns it with comments. */
export async function reviewProgressUpdate(db: Db, { user, projectId, updateId, input, origin }: { user: SessionUser; projectId: ProjectId; updateId: ProgressUpdateId; input: ReviewInput; origin: string }) {
  return db.transaction(async (tx) => {
    const { project } = await lockProjectFor(tx, user, projectId, ['secretariat'])
    const [update] = await tx.select().from(progressUpdates).where(and(eq(progressUpdates.id, updateId), eq(progressUpdates.projectId, projectId))).for('update')
    if (!update) throw notFound()
    const status = nextStatus(reviewMachine, update.status, input.decision)
    await tx.update(progressUpdates).set({ status, reviewComment: input.comment ?? null, approvedAt: status === 'approved' ? new Date() : null, updatedAt: new Date() }).where(eq(progressUpdates.id, updateId))
    await recordAudit(tx, { actorId: user.id, action: `update.${status}`, entityType: 'progress_update', entityId: updateId, summary: { projectId, comment: input.comment } })
    await notify(tx, await projectAudience(tx, projectId, { secretariat: false }), { kind: `update.${status}`, values: { title: project.title }, link: urls.projectUpdate(projectId, updateId) }, origin)
    return status
  })
}

export function progressUpdatesOf(db: Db, projectId: ProjectId) {
  return db.select().from(progressUpdates).where(eq(progressUpdates.projectId, projectId)).orderBy(desc(progressUpdates.periodEnd), desc(progressUpdates.createdAt))
}

export async function progressUpdateWithValues(db: Db, projectId: ProjectId, updateId: ProgressUpdateId) {
  const [update] = await db.select().from(progressUpdates).where(and(eq(progressUpdates.id, updateId), eq(progressUpdates.projectId, projectId)))
  if (!update) throw notFound()
  const values = await db.select().from(indicatorValues).where(eq(indicatorValues.updateId, updateId))
  return { update, values }
}

/** Approved indicator values of a project, oldest period first (the last one per indicator is its actual). */
export function approvedValuesOf(db: Db, projectIds: ProjectId[]) {
  if (projectIds.length === 0) return Promise.resolve([])
  return db
    .select({ projectId: progressUpdates.projectId, indicatorId: indicatorValues.indicatorId, value: indicatorValues.value, breakdown: indicatorValues.breakdown, periodEnd: progressUpdates.periodEnd })
    .from(indicatorValues)
    .innerJoin(progressUpdates, eq(progressUpdates.id, indicatorValues.updateId))
    .where(and(inArray(progressUpdates.projectId, projectIds), eq(progressUpdates.status, 'approved')))
    .orderBy(asc(progressUpdates.periodEnd), asc(progressUpdates.approvedAt))
}

/** The implementer writes the final report once the project is completed, and submits it for approval. */
export async function saveFinalReport(db: Db, { user, projectId, input, submit, origin }: { user: SessionUser; projectId: ProjectId; input: FinalReportInput; submit: boolean; origin: string }) {
  return db.transaction(async (tx) => {
    const { project } = await lockProjectFor(tx, user, projectId, ['implementer'])
    if (isFinishedProject(project.status)) throw new DomainError('projects.finished', 'This project is finished.', 409)
    if (!isCompletedProject(project.status)) throw new DomainError('projects.finalReportTooEarly', 'The final report is written once the project is completed.', 409)
    const [existing] = await tx.select({ status: finalReports.status }).from(finalReports).where(eq(finalReports.projectId, projectId)).for('update')
    const current = existing?.status ?? 'draft'
    if (current !== 'draft' && current !== 'returned') throw new DomainError('projects.reportLocked', 'The final report has been submitted and can no longer be changed.', 409)
    const status = submit ? nextStatus(reviewMachine, current, 'submit') : current
    const values = { ...input, status, updatedAt: new Date(), ...(submit ? { submittedAt: new Date() } : {}) }
    await tx.insert(finalReports).values({ projectId, ...values }).onConflictDoUpdate({ target: finalReports.projectId, set: values })
    await recordAudit(tx, { actorId: user.id, action: submit ? 'finalReport.submitted' : 'finalReport.saved', entityType: 'project', entityId: projectId })
    if (submit) await notify(tx, await secretariatMembers(tx), { kind: 'finalReportSubmitted', values: { title: project.title }, link: urls.projectFinalReport(projectId) }, origin)
    return status
  })
}

export async function reviewFinalReport(db: Db, { user, projectId, input, origin }: { user: SessionUser; projectId: ProjectId; input: ReviewInput; origin: string }) {
  return db.transaction(async (tx) => {
    const { project } = await lockProjectFor(tx, user, projectId, ['secretariat'])
    const [report] = await tx.select({ status: finalReports.status }).from(finalReports).where(eq(finalReports.projectId, projectId)).for('update')
    if (!report) throw notFound()
    const status = nextStatus(reviewMachine, report.status, input.decision)
    await tx.update(finalReports).set({ status, reviewComment: input.comment ?? null, approvedAt: status === 'approved' ? new Date() : null, updatedAt: new Date() }).where(eq(finalReports.projectId, projectId))
    await recordAudit(tx, { actorId: user.id, action: `finalReport.${status}`, entityType: 'project', entityId: projectId, summary: { comment: input.comment } })
    await notify(tx, await projectAudience(tx, projectId, { secretariat: false }), { kind: `finalReport.${status}`, values: { title: project.title }, link: urls.projectFinalReport(projectId) }, origin)
    return status
  })
}

/** The requesting State's short evaluation, given once the project is completed. */
export async function evaluateProject(db: Db, { user, projectId, input, origin }: { user: SessionUser; projectId: ProjectId; input: EvaluationInput; origin: string }) {
  return db.transaction(async (tx) => {
    const { project } = await lockProjectFor(tx, user, projectId, ['state'])
    if (!isCompletedProject(project.status)) throw new DomainError('projects.evaluationTooEarly', 'The evaluation is given once the project is completed.', 409)
    const [row] = await tx.insert(projectEvaluations).values({ projectId, ...input, createdBy: user.id }).onConflictDoNothing().returning({ projectId: projectEvaluations.projectId })
    if (!row) throw new DomainError('projects.alreadyEvaluated', 'This project has already been evaluated.', 409)
    await recordAudit(tx, { actorId: user.id, action: 'project.evaluated', entityType: 'project', entityId: projectId, summary: { rating: input.rating } })
    await notify(tx, await secretariatMembers(tx), { kind: 'projectEvaluated', values: { title: project.title, rating: input.rating }, link: urls.projectFinalReport(projectId) }, origin)
  })
}

export async function finalReportOf(db: Db, projectId: ProjectId) {
  const [report] = await db.select().from(finalReports).where(eq(finalReports.projectId, projectId))
  const [evaluation] = await db.select().from(projectEvaluations).where(eq(projectEvaluations.projectId, projectId))
  return { report: report ?? null, evaluation: evaluation ?? null }
}
