import type { OfferStatus } from '#db/schema/enum-values'
import type { Transitions } from '../lifecycle'

export type OfferAction = 'publish' | 'pause' | 'resume' | 'close'

/** An offer's life: draft → active ⇄ paused → closed (ARCHITECTURE.md describes the lifecycles). */
export const offerMachine: Transitions<OfferStatus, OfferAction> = {
  publish: { from: ['draft'], to: 'active' },
  pause: { from: ['active'], to: 'paused' },
  resume: { from: ['paused'], to: 'active' },
  close: { from: ['draft', 'active', 'paused'], to: 'closed' },
}

export const publicOfferStatuses: readonly OfferStatus[] = ['active', 'paused']
/** The offering organisation edits its offer until it is closed. */
export const isOfferEditable = (status: OfferStatus) => status !== 'closed'
