import type { Listing } from '~/domain/catalogue/params'

/** What each listing's browse page says where the pages differ (practices keep the words of their own section). */
export const browseTexts = {
  requests: {
    searchLabel: 'browse.requests.searchLabel',
    searchHint: 'browse.search.hint',
    facetsHint: 'browse.facets.hint',
    count: 'browse.requests.count',
    empty: 'browse.requests.empty',
    seeAll: 'browse.requests.seeAll',
    emptyHint: true,
    activeHeading: 2,
  },
  offers: {
    searchLabel: 'browse.offers.searchLabel',
    searchHint: 'browse.search.hint',
    facetsHint: 'browse.facets.hint',
    count: 'browse.offers.count',
    empty: 'browse.offers.empty',
    seeAll: 'browse.offers.seeAll',
    emptyHint: true,
    activeHeading: 2,
  },
  practices: {
    searchLabel: 'practices.list.searchLabel',
    searchHint: 'practices.list.searchHint',
    facetsHint: 'practices.list.facetsHint',
    count: 'practices.list.count',
    empty: 'practices.list.empty',
    seeAll: 'practices.list.seeAll',
    emptyHint: false,
    activeHeading: 3,
  },
} as const satisfies Record<Listing, unknown>
