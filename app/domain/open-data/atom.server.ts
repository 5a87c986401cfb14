import type { Db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { absoluteUrl, urls } from '~/utils/urls'
import { browse } from '../catalogue/browse.server'
import { parseBrowseParams } from '../catalogue/filters'
import type { PublicOffer, PublicRequest } from '../catalogue/items.server'
import { browseTitle } from '../catalogue/meta'
import { facetParams, href, type BrowseState } from '../catalogue/params'
import { activeFilters, problemMessages, type Labeller } from '../catalogue/present.server'
import { atomFeedXml, EMPTY_FEED_UPDATED, type AtomEntry } from './atom'

/**
 * The Atom feeds of the request and offer searches: the same parameters as the pages, read by the same code, and
 * the same public items, always newest published first (a reader of a feed wants what is new, whatever the page's
 * order). A feed has no pages: it holds the newest FEED_SIZE.
 */

export type FeedListing = 'requests' | 'offers'
export const FEED_SIZE = 50

const feedPath = { requests: urls.requestsFeed, offers: urls.offersFeed } as const
const itemPath = { requests: urls.request, offers: urls.offer } as const

/** The search a feed follows: its filters and words; no order and no page, which a feed does not have. */
const followed = (state: BrowseState): BrowseState => ({ ...state, sort: null, page: 1 })

/** The address of a search's feed, in the reader's language when given (a feed reader sends no language of its own). */
export function feedHref(listing: FeedListing, state: BrowseState, language?: string) {
  return withLanguage(href(feedPath[listing](), followed(state)), language)
}

const withLanguage = (path: string, language: string | undefined) =>
  language ? `${path}${path.includes('?') ? '&' : '?'}lng=${encodeURIComponent(language)}` : path

/** The feed's id: its address without the language, each filter's values in one order, so one search has one id. */
function feedId(origin: string, listing: FeedListing, state: BrowseState) {
  const filters = Object.fromEntries(facetParams.map((name) => [name, [...state.filters[name]].sort()])) as BrowseState['filters']
  return absoluteUrl(origin, feedHref(listing, { ...state, filters }))
}

/** What the feed is called: the page's title, the chosen filters, the product. */
export function feedTitle(labeller: Labeller, listing: FeedListing, state: BrowseState) {
  const { t, locale } = labeller
  const base = browseTitle(t, t(`browse.${listing}.title`), { state, page: 1 })
  const labels = activeFilters(labeller, listing, state).map((f) => f.label)
  const filters = new Intl.ListFormat(locale, { style: 'narrow', type: 'unit' }).format(labels)
  return pageTitle(labels.length ? t('browse.feed.filtered', { title: base, filters }) : base)
}

/** What a search page tells of its feed: where it is (in the page's language) and what it is called. */
export const feedLink = (labeller: Labeller, listing: FeedListing, state: BrowseState) => ({
  href: feedHref(listing, state, labeller.locale),
  title: feedTitle(labeller, listing, state),
})

type Item = PublicRequest | PublicOffer

const entry = (origin: string, listing: FeedListing, item: Item): AtomEntry => {
  const link = absoluteUrl(origin, itemPath[listing](item.id))
  // The public model has no time of the last edit; an item is new to its readers when it is published.
  const published = item.publishedAt ? new Date(item.publishedAt) : EMPTY_FEED_UPDATED
  return { id: link, link, title: item.title, language: item.language, published, updated: published, summary: item.summary, author: item.organization.name }
}

export type FeedAnswer = { ok: true; xml: string } | { ok: false; problems: string[] }

/** The feed of a search, or the sentences (in the reader's language) saying why its address cannot be searched. */
export async function listingFeed(db: Db, listing: FeedListing, params: URLSearchParams, options: Labeller & { origin: string }): Promise<FeedAnswer> {
  const { origin, ...labeller } = options
  const searched = new URLSearchParams(params)
  searched.delete('sort')
  searched.delete('page')
  const parsed = parseBrowseParams(searched, listing)
  if (!parsed.success) return { ok: false, problems: problemMessages(labeller.t, parsed.problems) }
  const { query, state } = parsed
  const found = await browse<Item>(db, { ...query, sort: 'newest', page: 1, pageSize: FEED_SIZE })
  const xml = atomFeedXml({
    id: feedId(origin, listing, state),
    title: feedTitle(labeller, listing, state),
    subtitle: labeller.t(`browse.${listing}.lead`),
    language: labeller.locale,
    self: absoluteUrl(origin, feedHref(listing, state, labeller.locale)),
    alternate: absoluteUrl(origin, withLanguage(href(urls[listing](), followed(state)), labeller.locale)),
    entries: found.items.map((item) => entry(origin, listing, item)),
  })
  return { ok: true, xml }
}
