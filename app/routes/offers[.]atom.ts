import { atomFeedLoader } from '~/http/feeds.server'

/** GET /offers.atom: the newest public offers matching the filters of /offers, as an Atom 1.0 feed. */
export const loader = atomFeedLoader('offers')
