/**
 * The browse state as it lives in the URL, so a search can be shared. Pure and free of vocabulary data, so
 * components can build links with it; validation of the values is in `filters.ts`.
 */

export type Listing = 'requests' | 'offers' | 'practices'
export const sorts = ['relevance', 'newest', 'oldest'] as const
export type Sort = (typeof sorts)[number]

/** Repeatable parameters: values of one array dimension must all match; status and kind match any. */
export const facetParams = ['objective', 'country', 'region', 'supportType', 'language', 'status', 'kind'] as const
export type FacetParam = (typeof facetParams)[number]

/** The facets each listing offers, in the order its sidebar shows them; the others are not read from its URL. */
export const listingFacets: Record<Listing, readonly FacetParam[]> = {
  requests: ['objective', 'country', 'region', 'supportType', 'language', 'status'],
  offers: ['objective', 'country', 'region', 'supportType', 'language', 'status', 'kind'],
  practices: ['objective', 'country', 'region'],
}

export const PAGE_SIZE = 20
export const MAX_PAGE = 10_000
export const MAX_QUERY_LENGTH = 200

/** What the reader asked for, values as they appear in the URL. */
export interface BrowseState {
  q: string
  sort: Sort | null
  page: number
  filters: Record<FacetParam, string[]>
}

export const emptyFilters = (): Record<FacetParam, string[]> =>
  Object.fromEntries(facetParams.map((p) => [p, []])) as unknown as Record<FacetParam, string[]>

/** Relevance only means something when there is text to be relevant to. */
export const effectiveSort = (q: string, sort: Sort | null): Sort => (sort === 'relevance' && !q ? 'newest' : (sort ?? (q ? 'relevance' : 'newest')))

export function toSearchParams(state: BrowseState, options: { page?: boolean } = {}) {
  const params = new URLSearchParams()
  if (state.q) params.set('q', state.q)
  for (const name of facetParams) for (const value of state.filters[name]) params.append(name, value)
  if (state.sort) params.set('sort', state.sort)
  if (options.page !== false && state.page > 1) params.set('page', String(state.page))
  return params
}

export function href(pathname: string, state: BrowseState) {
  const query = toSearchParams(state).toString()
  return query ? `${pathname}?${query}` : pathname
}

/** The same search with one filter value added or removed, back on page 1. */
export function toggled(state: BrowseState, name: FacetParam, value: string): BrowseState {
  const current = state.filters[name]
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value]
  return { ...state, page: 1, filters: { ...state.filters, [name]: next } }
}

export const withPage = (state: BrowseState, page: number): BrowseState => ({ ...state, page })
export const withoutQuery = (state: BrowseState): BrowseState => ({ ...state, q: '', sort: state.sort === 'relevance' ? null : state.sort, page: 1 })
export const cleared = (): BrowseState => ({ q: '', sort: null, page: 1, filters: emptyFilters() })

export const hasCriteria = (state: BrowseState) => Boolean(state.q) || facetParams.some((p) => state.filters[p].length > 0)
