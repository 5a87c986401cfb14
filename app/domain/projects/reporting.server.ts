import { and, desc, eq } from 'drizzle-orm'
import { milestones, progressUpdates, type MilestoneId, type ProjectId } from '#db/schema/index'
import type { Db } from '~/utils/db.server'
import { notFound } from '../errors'
import type { Project } from './access.server'
import { addMonths, isoDay } from './progress'
import { approvedValuesOf } from './reports.server'
import { indicatorsOf } from './workplan.server'

/** Read queries of the reporting pages (milestone, progress update, final report); the caller has checked access. */

export async function milestoneOf(db: Db, projectId: ProjectId, milestoneId: MilestoneId) {
  const [milestone] = await db.select().from(milestones).where(and(eq(milestones.id, milestoneId), eq(milestones.projectId, projectId)))
  if (!milestone) throw notFound()
  return milestone
}

const dayAfter = (iso: string) => isoDay(new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000))
const dayBefore = (iso: string) => isoDay(new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000))

/**
 * The period a new progress update most likely covers: from the day after the last reported period (or the
 * project's start) for `reportingMonths` months, not beyond the project's end.
 */
export async function suggestedPeriod(db: Db, project: Pick<Project, 'id' | 'startDate' | 'endDate' | 'reportingMonths'>) {
  const [last] = await db
    .select({ periodEnd: progressUpdates.periodEnd })
    .from(progressUpdates)
    .where(eq(progressUpdates.projectId, project.id))
    .orderBy(desc(progressUpdates.periodEnd))
    .limit(1)
  const periodStart = last ? dayAfter(last.periodEnd) : project.startDate
  const full = dayBefore(addMonths(periodStart, project.reportingMonths))
  const periodEnd = periodStart <= project.endDate && full > project.endDate ? project.endDate : full
  return { periodStart, periodEnd }
}

/** The results framework with each indicator's latest approved value (what the indicator stands at so far). */
export async function indicatorsWithLatest(db: Db, projectId: ProjectId) {
  const [framework, approved] = await Promise.all([indicatorsOf(db, projectId), approvedValuesOf(db, [projectId])])
  const latest = new Map(approved.map((v) => [v.indicatorId as string, { value: v.value, periodEnd: v.periodEnd }]))
  return framework.map((i) => ({
    id: i.id as string,
    name: i.name,
    unit: i.unit,
    level: i.level,
    baseline: i.baseline,
    target: i.target,
    disaggregation: i.disaggregation,
    lastApproved: latest.get(i.id) ?? null,
  }))
}
