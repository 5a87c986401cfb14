import type { MilestoneStatus, ProjectStatus, ReviewStatus } from '#db/schema/projects'
import type { Transitions } from '../lifecycle'

export type ProjectAction = 'start' | 'hold' | 'resume' | 'complete' | 'close' | 'cancel'

/**
 * A project's life: inception → active ⇄ on_hold → completed → closed, or cancelled before it completes.
 * The steps that need more than the right status (an approved workplan, finished milestones, an approved final
 * report, the State's evaluation) are guarded in `transitionProject` (projects.server.ts); ARCHITECTURE.md
 * describes the lifecycles.
 */
export const projectMachine: Transitions<ProjectStatus, ProjectAction> = {
  start: { from: ['inception'], to: 'active' },
  hold: { from: ['active'], to: 'on_hold' },
  resume: { from: ['on_hold'], to: 'active' },
  complete: { from: ['active'], to: 'completed' },
  close: { from: ['completed'], to: 'closed' },
  cancel: { from: ['inception', 'active', 'on_hold'], to: 'cancelled' },
}

export type MilestoneAction = 'start' | 'submit' | 'approve' | 'return' | 'waive'

export const milestoneMachine: Transitions<MilestoneStatus, MilestoneAction> = {
  start: { from: ['planned'], to: 'in_progress' },
  submit: { from: ['planned', 'in_progress', 'returned'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'approved' },
  return: { from: ['submitted'], to: 'returned' },
  waive: { from: ['planned', 'in_progress', 'returned', 'submitted'], to: 'waived' },
}

export type ReviewAction = 'submit' | 'approve' | 'return'

/** The workplan, progress updates and the final report: drafted, submitted, approved or returned. */
export const reviewMachine: Transitions<ReviewStatus, ReviewAction> = {
  submit: { from: ['draft', 'returned'], to: 'pending' },
  approve: { from: ['pending'], to: 'approved' },
  return: { from: ['pending'], to: 'returned' },
}

/** Who takes each step: the implementing partner does the work, the secretariat reviews and steers. */
export const secretariatProjectActions: readonly ProjectAction[] = ['start', 'hold', 'resume', 'complete', 'close', 'cancel']
export const finishedMilestone = (status: MilestoneStatus) => status === 'approved' || status === 'waived'
/** Milestones the fund may still tie a tranche to: neither approved nor waived. */
export const unsettledMilestoneStatuses: readonly MilestoneStatus[] = ['planned', 'in_progress', 'submitted', 'returned']
/** A milestone the implementer can (re)submit: not yet with the secretariat, not settled. */
export const isOpenMilestone = (status: MilestoneStatus) => status === 'planned' || status === 'in_progress' || status === 'returned'

/** Running projects: plans, reviews and money still apply. */
export const liveProjectStatuses: readonly ProjectStatus[] = ['inception', 'active', 'on_hold']
export const isLiveProject = (status: ProjectStatus) => liveProjectStatuses.includes(status)
/** Closed or cancelled: the project is history and its thread is read-only. */
export const isFinishedProject = (status: ProjectStatus) => status === 'closed' || status === 'cancelled'
/** The implementer reports progress while work runs and after it is completed. */
export const isReportingProject = (status: ProjectStatus) => status === 'active' || status === 'on_hold' || status === 'completed'
/** Milestones move (started, submitted) only while the project is active. */
export const isUnderwayProject = (status: ProjectStatus) => status === 'active'
/** The final report and the evaluation belong to a completed project. */
export const isCompletedProject = (status: ProjectStatus) => status === 'completed'

/** A workplan, progress update or final report its author may still change. */
export const isEditableReview = (status: ReviewStatus) => status === 'draft' || status === 'returned'
/** Submitted reports count as delivered for the reminders, whether or not the secretariat has approved them yet. */
export const isDeliveredReview = (status: ReviewStatus) => status === 'pending' || status === 'approved'
/** IATI activity status codes. */
export const iatiActivityStatus: Record<ProjectStatus, number> = { inception: 1, active: 2, on_hold: 6, completed: 3, closed: 4, cancelled: 5 }
