import type { MilestoneStatus, ProjectStatus, ReviewStatus } from '#db/schema/projects'
import { finishedMilestone, isCompletedProject, isDeliveredReview, isLiveProject, isOpenMilestone, isUnderwayProject } from './lifecycle'

/**
 * A project's progress is computed from what the secretariat approved, never typed in: the share of milestones
 * approved or waived, and each indicator's approved value between its baseline and target. Either part alone
 * counts fully when the other does not exist.
 */
export interface ProgressInputs {
  milestones: readonly { status: MilestoneStatus }[]
  indicators: readonly { id: string; baseline: number; target: number }[]
  /** Approved values only, oldest period first: the last one is the indicator's actual. */
  approvedValues: readonly { indicatorId: string; value: number }[]
}

export interface Progress {
  /** 0–100, or null when there is nothing to measure yet. */
  percent: number | null
  milestonesDone: number
  milestonesTotal: number
  /** Each indicator's achievement in [0, 1] and its latest approved value (null if none yet). */
  indicators: { id: string; actual: number | null; achievement: number }[]
}

const clamp01 = (n: number) => Math.min(1, Math.max(0, n))

export function achievement(baseline: number, target: number, actual: number | null) {
  if (actual === null || target === baseline) return 0
  return clamp01((actual - baseline) / (target - baseline))
}

export function computeProgress({ milestones, indicators, approvedValues }: ProgressInputs): Progress {
  const latest = new Map<string, number>()
  for (const v of approvedValues) latest.set(v.indicatorId, v.value)
  const perIndicator = indicators.map((i) => {
    const actual = latest.get(i.id) ?? null
    return { id: i.id, actual, achievement: achievement(i.baseline, i.target, actual) }
  })
  const milestonesDone = milestones.filter((m) => finishedMilestone(m.status)).length
  const parts: number[] = []
  if (milestones.length) parts.push(milestonesDone / milestones.length)
  if (indicators.length) parts.push(perIndicator.reduce((sum, i) => sum + i.achievement, 0) / indicators.length)
  const percent = parts.length ? Math.round((100 * parts.reduce((a, b) => a + b, 0)) / parts.length) : null
  return { percent, milestonesDone, milestonesTotal: milestones.length, indicators: perIndicator }
}

/** Dates are ISO `YYYY-MM-DD` strings, compared as text. */
export const isoDay = (date: Date) => date.toISOString().slice(0, 10)

export function addMonths(isoDate: string, months: number) {
  const d = new Date(`${isoDate}T00:00:00Z`)
  const day = d.getUTCDate()
  d.setUTCDate(1)
  d.setUTCMonth(d.getUTCMonth() + months)
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()
  d.setUTCDate(Math.min(day, lastDay))
  return isoDay(d)
}

export function daysBetween(fromIso: string, toIso: string) {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000)
}

export type DueKind = 'milestone' | 'progressUpdate' | 'finalReport'
export interface DueItem {
  kind: DueKind
  /** A milestone id, or the project id for reports. */
  id: string
  title: string
  dueDate: string
  overdue: boolean
}

export interface DueInputs {
  status: ProjectStatus
  startDate: string
  endDate: string
  reportingMonths: number
  milestones: readonly { id: string; title: string; dueDate: string; status: MilestoneStatus }[]
  /** Progress updates that were submitted (pending or approved): the next one is due after the last period. */
  reportedPeriodEnds: readonly string[]
  finalReportStatus: ReviewStatus | null
  /** When the project was completed; the final report is due some days after this or the end date, whichever is later. */
  completedOn?: string | null
}

/** Days after the end date (or a later completion) by which the final report is due. */
export const finalReportGraceDays = 60

/** What the implementer owes next, earliest first; overdue when the date has passed. */
export function dueItems(project: DueInputs, today: string): DueItem[] {
  const items: DueItem[] = []
  if (isLiveProject(project.status)) {
    for (const m of project.milestones) {
      if (isOpenMilestone(m.status)) {
        items.push({ kind: 'milestone', id: m.id, title: m.title, dueDate: m.dueDate, overdue: m.dueDate < today })
      }
    }
  }
  if (isUnderwayProject(project.status)) {
    const lastEnd = [...project.reportedPeriodEnds].sort().at(-1) ?? project.startDate
    const next = addMonths(lastEnd, project.reportingMonths)
    // Nothing more is owed once a reported period reaches the end date.
    if (lastEnd < project.endDate) items.push({ kind: 'progressUpdate', id: 'update', title: '', dueDate: next, overdue: next < today })
  }
  if (isCompletedProject(project.status) && !(project.finalReportStatus && isDeliveredReview(project.finalReportStatus))) {
    const from = project.completedOn && project.completedOn > project.endDate ? project.completedOn : project.endDate
    const due = isoDay(new Date(Date.parse(`${from}T00:00:00Z`) + finalReportGraceDays * 86_400_000))
    items.push({ kind: 'finalReport', id: 'final', title: '', dueDate: due, overdue: due < today })
  }
  return items.sort((a, b) => a.dueDate.localeCompare(b.dueDate))
}
