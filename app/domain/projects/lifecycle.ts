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
export const liveProjectStatuses: readonly ProjectStatus[] = ['inception', 'active', 'on_hold']
/** IATI activity status codes. */
export const iatiActivityStatus: Record<ProjectStatus, number> = { inception: 1, active: 2, on_hold: 6, completed: 3, closed: 4, cancelled: 5 }
