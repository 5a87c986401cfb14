import type { Db } from '~/utils/db.server'
import { browse } from './browse.server'
import { parseBrowseParams } from './filters'
import type { PublicOffer, PublicPracticeCard, PublicRequest } from './items.server'
import { PAGE_SIZE, type Listing } from './params'
import { activeFilters, facetViews, numberFormat, offerCard, practiceCard, problemMessages, requestCard, type Labeller } from './present.server'

type Item = PublicRequest | PublicOffer | PublicPracticeCard
const cardOf = { requests: requestCard, offers: offerCard, practices: practiceCard } as const

/** Everything a browse page shows, or the sentences explaining why its address cannot be searched. */
export async function browsePage<L extends Listing>(db: Db, listing: L, searchParams: URLSearchParams, labeller: Labeller) {
  const parsed = parseBrowseParams(searchParams, listing)
  if (!parsed.success) return { ok: false as const, problems: problemMessages(labeller.t, parsed.problems) }
  const { query, state } = parsed
  const result = await browse<Item>(db, query, { facets: true })
  const number = numberFormat(labeller.locale)
  const facets = facetViews(labeller, listing, result.facets, state, query.status).map((facet) => ({
    ...facet,
    values: facet.values.map((v) => ({ ...v, countText: number.format(v.count) })),
  }))
  const card = cardOf[listing] as (labeller: Labeller, item: Item) => ReturnType<(typeof cardOf)[L]>
  const cards = result.items.map((item) => card(labeller, item))
  const from = (query.page - 1) * PAGE_SIZE + 1
  return {
    ok: true as const,
    listing,
    state,
    sort: query.sort,
    total: result.total,
    totalText: number.format(result.total),
    page: query.page,
    pageCount: Math.max(1, Math.ceil(result.total / PAGE_SIZE)),
    range: cards.length ? { from: number.format(from), to: number.format(from + cards.length - 1) } : null,
    cards,
    facets,
    active: activeFilters(labeller, listing, state),
  }
}

export type BrowsePageData<L extends Listing = 'requests' | 'offers'> = Extract<Awaited<ReturnType<typeof browsePage<L>>>, { ok: true }>
