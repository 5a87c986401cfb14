import { and, eq, inArray } from 'drizzle-orm'
import { allocations, auditLog, finalReports, matches, milestones, organizations, progressUpdates, projectEvaluations, projects, requests, tranches, type ProjectId } from '#db/schema/index'
import type { Db } from '~/utils/db.server'
import { toMajorUnits } from '../vocabulary/codes'

export interface TimelineEvent {
  at: Date
  /** Translation key under `projects.timeline.kinds`. */
  kind: string
  values: Record<string, string | number>
  /** Seen by visitors on the public page; other events only by the parties and the secretariat. */
  public: boolean
}

/**
 * The whole story of a project in order, from the request to closure, read from the records themselves (their
 * dates) and, for holds and resumptions, from the audit log. Visitors get the public events only.
 */
export async function projectTimeline(db: Db, projectId: ProjectId, audience: 'public' | 'party'): Promise<TimelineEvent[]> {
  const [project] = await db.select().from(projects).where(eq(projects.id, projectId))
  if (!project) return []
  const [[request], interests, [agreed], milestoneRows, updates, [report], [evaluation], steering, funding, released] = await Promise.all([
    db.select().from(requests).where(eq(requests.id, project.requestId)),
    db
      .select({ at: matches.createdAt, provider: organizations.name })
      .from(matches)
      .innerJoin(organizations, eq(organizations.id, matches.providerId))
      .where(and(eq(matches.requestId, project.requestId), eq(matches.origin, 'interest'))),
    db.select({ at: matches.agreedAt, provider: organizations.name }).from(matches).innerJoin(organizations, eq(organizations.id, matches.providerId)).where(eq(matches.id, project.matchId)),
    db.select().from(milestones).where(eq(milestones.projectId, projectId)),
    db.select().from(progressUpdates).where(eq(progressUpdates.projectId, projectId)),
    db.select().from(finalReports).where(eq(finalReports.projectId, projectId)),
    db.select().from(projectEvaluations).where(eq(projectEvaluations.projectId, projectId)),
    db
      .select({ at: auditLog.createdAt, action: auditLog.action, summary: auditLog.summary })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'project'), eq(auditLog.entityId, projectId), inArray(auditLog.action, ['project.hold', 'project.resume']))),
    db.select({ at: allocations.createdAt, amountUsd: allocations.amountUsd }).from(allocations).where(eq(allocations.projectId, projectId)),
    db
      .select({ at: tranches.disbursedAt, amountUsd: tranches.amountUsd, milestone: milestones.title, reference: tranches.reference })
      .from(tranches)
      .innerJoin(milestones, eq(milestones.id, tranches.milestoneId))
      .where(eq(milestones.projectId, projectId)),
  ])
  const events: TimelineEvent[] = []
  const add = (at: Date | null | undefined, kind: string, isPublic: boolean, values: Record<string, string | number> = {}) => {
    if (at) events.push({ at, kind, values, public: isPublic })
  }
  if (request) {
    add(request.createdAt, 'requestDrafted', false)
    add(request.submittedAt, 'requestSubmitted', false)
    add(request.publishedAt, 'requestPublished', true)
  }
  for (const i of interests) add(i.at, 'interest', false, { provider: i.provider })
  add(agreed?.at, 'matchAgreed', true, { provider: agreed?.provider ?? '' })
  add(project.createdAt, 'projectCreated', true)
  add(project.workplanApprovedAt, 'workplanApproved', true)
  add(project.startedAt, 'projectStarted', true)
  for (const m of milestoneRows) {
    add(m.submittedAt, 'milestoneSubmitted', false, { milestone: m.title })
    add(m.approvedAt, 'milestoneApproved', true, { milestone: m.title })
  }
  for (const u of updates) {
    add(u.submittedAt, 'updateSubmitted', false, { period: `${u.periodStart} – ${u.periodEnd}` })
    add(u.approvedAt, 'updateApproved', true, { period: `${u.periodStart} – ${u.periodEnd}` })
  }
  for (const s of steering) add(s.at, s.action === 'project.hold' ? 'projectOnHold' : 'projectResumed', true)
  // Money is public: what the fund allocated and each tranche it released, with the disbursement's reference.
  for (const f of funding) add(f.at, 'fundsAllocated', true, { amount: toMajorUnits(f.amountUsd, 'USD') })
  for (const r of released) add(r.at, 'trancheDisbursed', true, { amount: toMajorUnits(r.amountUsd, 'USD'), milestone: r.milestone, reference: r.reference ?? '' })
  add(project.completedAt, 'projectCompleted', true)
  add(report?.submittedAt, 'finalReportSubmitted', false)
  add(report?.approvedAt, 'finalReportApproved', true)
  add(evaluation?.createdAt, 'projectEvaluated', true, { rating: evaluation?.rating ?? 0 })
  add(project.closedAt, 'projectClosed', true)
  add(project.cancelledAt, 'projectCancelled', true)
  return events.filter((e) => audience === 'party' || e.public).sort((a, b) => a.at.getTime() - b.at.getTime())
}
