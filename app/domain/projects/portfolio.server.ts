import { and, arrayOverlaps, asc, desc, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm'
import { finalReports, indicators, milestones, organizations, progressUpdates, projectParticipants, projects, type ProjectId, type ProjectStatus } from '#db/schema/index'
import type { Db } from '~/utils/db.server'
import { computeProgress, dueItems, isoDay, type DueItem, type Progress } from './progress'
import { approvedValuesOf } from './reports.server'
import { isFinishedProject } from './lifecycle'

export interface ProjectFilters {
  objective?: number
  country?: string
  status?: ProjectStatus
  statuses?: ProjectStatus[]
  /** Public listings see published projects only. */
  publishedOnly?: boolean
  /** Limit to projects in which these organisations take part (a party's own list). */
  organizationIds?: string[]
  limit?: number
  offset?: number
}

export interface ProjectSummary {
  id: ProjectId
  title: string
  summary: string
  status: ProjectStatus
  objectives: number[]
  countries: string[]
  startDate: string
  endDate: string
  budgetAmount: number
  budgetCurrency: string
  publishedAt: Date | null
  state: string
  partners: { name: string; role: string }[]
  progress: Progress
  due: DueItem[]
  nextDue: DueItem | null
  overdue: number
  /** Higher is more worrying: overdue items, time elapsed ahead of progress, on hold. */
  risk: number
}

function conditions(filters: ProjectFilters) {
  const where: SQL[] = []
  if (filters.publishedOnly) where.push(isNotNull(projects.publishedAt))
  if (filters.objective) where.push(arrayOverlaps(projects.objectives, [filters.objective]))
  if (filters.country) where.push(arrayOverlaps(projects.countries, [filters.country]))
  if (filters.status) where.push(eq(projects.status, filters.status))
  if (filters.statuses) where.push(inArray(projects.status, filters.statuses))
  if (filters.organizationIds) {
    if (filters.organizationIds.length === 0) where.push(sql`false`)
    else where.push(inArray(projects.id, sql`(select ${projectParticipants.projectId} from ${projectParticipants} where ${inArray(projectParticipants.organizationId, filters.organizationIds as never[])})`))
  }
  return where.length ? and(...where) : undefined
}

/** How far behind schedule: the share of time elapsed minus the share of work done, plus overdue items. */
export function riskScore(summary: Pick<ProjectSummary, 'status' | 'startDate' | 'endDate' | 'overdue' | 'progress'>, today: string) {
  if (isFinishedProject(summary.status)) return -1
  const span = Date.parse(summary.endDate) - Date.parse(summary.startDate)
  const elapsed = span > 0 ? Math.min(1, Math.max(0, (Date.parse(today) - Date.parse(summary.startDate)) / span)) : 0
  const behind = summary.status === 'active' ? Math.max(0, elapsed - (summary.progress.percent ?? 0) / 100) : 0
  return summary.overdue * 10 + (summary.status === 'on_hold' ? 5 : 0) + Math.round(behind * 10)
}

/** Projects with everything a list needs, computed from approved work in a fixed number of queries. */
export async function projectSummaries(db: Db, filters: ProjectFilters = {}, today = isoDay(new Date())): Promise<{ total: number; items: ProjectSummary[] }> {
  const where = conditions(filters)
  const [{ total } = { total: 0 }] = await db.select({ total: sql<number>`count(*)::int` }).from(projects).where(where)
  const rows = await db
    .select({ project: projects, state: organizations.name })
    .from(projects)
    .innerJoin(organizations, eq(organizations.id, projects.stateId))
    .where(where)
    .orderBy(desc(projects.createdAt), asc(projects.id))
    .limit(filters.limit ?? 500)
    .offset(filters.offset ?? 0)
  const ids = rows.map((r) => r.project.id)
  if (ids.length === 0) return { total, items: [] }
  const [allMilestones, allIndicators, values, updates, reports, partners] = await Promise.all([
    db.select({ id: milestones.id, projectId: milestones.projectId, title: milestones.title, dueDate: milestones.dueDate, status: milestones.status }).from(milestones).where(inArray(milestones.projectId, ids)).orderBy(asc(milestones.position)),
    db.select({ id: indicators.id, projectId: indicators.projectId, baseline: indicators.baseline, target: indicators.target }).from(indicators).where(inArray(indicators.projectId, ids)),
    approvedValuesOf(db, ids),
    db.select({ projectId: progressUpdates.projectId, periodEnd: progressUpdates.periodEnd }).from(progressUpdates).where(and(inArray(progressUpdates.projectId, ids), inArray(progressUpdates.status, ['pending', 'approved']))),
    db.select({ projectId: finalReports.projectId, status: finalReports.status }).from(finalReports).where(inArray(finalReports.projectId, ids)),
    db
      .select({ projectId: projectParticipants.projectId, role: projectParticipants.role, name: organizations.name })
      .from(projectParticipants)
      .innerJoin(organizations, eq(organizations.id, projectParticipants.organizationId))
      .where(and(inArray(projectParticipants.projectId, ids), inArray(projectParticipants.role, ['implementing', 'funding', 'extending']))),
  ])
  const items = rows.map(({ project: p, state }) => {
    const own = <T extends { projectId: string }>(list: T[]) => list.filter((x) => x.projectId === p.id)
    const progress = computeProgress({ milestones: own(allMilestones), indicators: own(allIndicators), approvedValues: own(values) })
    const due = dueItems(
      {
        status: p.status,
        startDate: p.startDate,
        endDate: p.endDate,
        reportingMonths: p.reportingMonths,
        milestones: own(allMilestones),
        reportedPeriodEnds: own(updates).map((u) => u.periodEnd),
        finalReportStatus: own(reports)[0]?.status ?? null,
        completedOn: p.completedAt ? isoDay(p.completedAt) : null,
      },
      today,
    )
    const overdue = due.filter((d) => d.overdue).length
    const summary = {
      id: p.id,
      title: p.title,
      summary: p.summary,
      status: p.status,
      objectives: p.objectives,
      countries: p.countries,
      startDate: p.startDate,
      endDate: p.endDate,
      budgetAmount: p.budgetAmount,
      budgetCurrency: p.budgetCurrency,
      publishedAt: p.publishedAt,
      state,
      partners: own(partners).map(({ name, role }) => ({ name, role })),
      progress,
      due,
      nextDue: due[0] ?? null,
      overdue,
      risk: 0,
    }
    return { ...summary, risk: riskScore(summary, today) }
  })
  return { total, items }
}

/** The secretariat's portfolio: the projects at risk first, then the rest newest first. */
export async function portfolio(db: Db, filters: ProjectFilters = {}, today = isoDay(new Date())) {
  const { total, items } = await projectSummaries(db, { ...filters, limit: filters.limit ?? 1000 }, today)
  return { total, items: [...items].sort((a, b) => b.risk - a.risk) }
}
