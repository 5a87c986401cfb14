import { atomFeedLoader } from '~/http/feeds.server'

/** GET /requests.atom: the newest public requests matching the filters of /requests, as an Atom 1.0 feed. */
export const loader = atomFeedLoader('requests')
