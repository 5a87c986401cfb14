import type { PracticeStatus } from '#db/schema/practices'
import type { Transitions } from '../lifecycle'

export type PracticeAction = 'submit' | 'publish' | 'return' | 'withdraw'

/** draft → submitted → published; the secretariat may return it asking for more (returned → submitted); withdrawn. */
export const practiceMachine: Transitions<PracticeStatus, PracticeAction> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  publish: { from: ['submitted'], to: 'published' },
  return: { from: ['submitted'], to: 'returned' },
  withdraw: { from: ['draft', 'submitted', 'returned', 'published'], to: 'withdrawn' },
}

/** Who takes each step: the submitting organisation's members, or the secretariat. */
export const secretariatPracticeActions: readonly PracticeAction[] = ['publish', 'return']

/** The submitter edits its text while nobody else is looking at it. */
export const editablePracticeStatuses: readonly PracticeStatus[] = ['draft', 'returned']
export const isPracticeEditable = (status: PracticeStatus) => editablePracticeStatuses.includes(status)
