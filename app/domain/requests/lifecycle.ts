import type { RequestStatus } from '#db/schema/enum-values'
import type { Transitions } from '../lifecycle'

export type RequestAction = 'submit' | 'publish' | 'return' | 'withdraw' | 'close' | 'match' | 'startProject' | 'complete'

/**
 * A request's life: draft → submitted → published → matched → in_project → completed; the secretariat may return
 * a submitted request (returned → submitted again), and a request may be withdrawn or closed before it completes.
 * ARCHITECTURE.md describes the lifecycles.
 */
export const requestMachine: Transitions<RequestStatus, RequestAction> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  publish: { from: ['submitted'], to: 'published' },
  return: { from: ['submitted'], to: 'returned' },
  /** Only through an agreed match (app/domain/matching), never as a step of its own. */
  match: { from: ['published'], to: 'matched' },
  /** Through its project (app/domain/projects): created, then completed. */
  startProject: { from: ['matched'], to: 'in_project' },
  complete: { from: ['in_project'], to: 'completed' },
  withdraw: { from: ['draft', 'submitted', 'returned', 'published', 'matched'], to: 'withdrawn' },
  close: { from: ['draft', 'submitted', 'returned', 'published', 'matched', 'in_project'], to: 'closed' },
}

/** The requesting State may edit its text while nobody else is looking at it. */
export const editableRequestStatuses: readonly RequestStatus[] = ['draft', 'returned']
export const isRequestEditable = (status: RequestStatus) => editableRequestStatuses.includes(status)
export const publicRequestStatuses: readonly RequestStatus[] = ['published', 'matched', 'in_project', 'completed']
/** Who acts: the State's members (owner side) or the secretariat. */
export const secretariatRequestActions: readonly RequestAction[] = ['publish', 'return']
