import { and, count, desc, eq, sql } from 'drizzle-orm'
import { savedSearches, type AlertFrequency, type AlertListing, type UserId } from '#db/schema/index'
import type { Db } from '~/utils/db.server'
import type { TFunction } from 'i18next'
import { recordAudit } from '~/utils/audit.server'
import { DomainError, notFound } from '../errors'
import { parseBrowseParams, type BrowseQuery } from '../catalogue/filters'
import { href, type BrowseState } from '../catalogue/params'
import { activeFilters } from '../catalogue/present.server'
import { MAX_ALERT_NAME, MAX_SAVED_SEARCHES } from './limits'

export { MAX_ALERT_NAME, MAX_SAVED_SEARCHES } from './limits'

const listingOfPath: Record<string, AlertListing> = { '/requests': 'requests', '/offers': 'offers' }

export interface ParsedSearch {
  listing: AlertListing
  /** The canonical path and query: the words and filters only (no page, no order), as the page writes them. */
  search: string
  state: BrowseState
  query: BrowseQuery
}

const refused = (message: string) => new DomainError('alerts.errors.search', message, 400, 'search')

/**
 * Reads a search as the page's own address (`/requests?objective=20`), with the catalogue's own parser: only the
 * two listings, only what their pages accept. Anything else is refused, never guessed at.
 */
export function parseSavedSearch(search: string): ParsedSearch {
  if (!search.startsWith('/') || search.startsWith('//') || search.length > 2000 || search.includes('#')) throw refused('This is not the address of a search.')
  const url = new URL(search, 'http://hub.invalid')
  const listing = listingOfPath[url.pathname]
  if (!listing) throw refused('Only searches of requests or offers can be saved.')
  const parsed = parseBrowseParams(url.searchParams, listing)
  if (!parsed.success) throw refused('This search has values the page does not accept.')
  const state: BrowseState = { ...parsed.state, sort: null, page: 1 }
  return { listing, search: href(url.pathname, state), state, query: parsed.query }
}

/** A name for a search nobody named: its words and filters as the page labels them, in the reader's language. */
export function describeSearch(t: TFunction, locale: string, parsed: Pick<ParsedSearch, 'listing' | 'state'>) {
  const parts = [...(parsed.state.q ? [`“${parsed.state.q}”`] : []), ...activeFilters({ t, locale }, parsed.listing, parsed.state).map((f) => f.label)]
  const name = parts.length ? parts.join(' · ') : t(`alerts.everything.${parsed.listing}`)
  return name.length > MAX_ALERT_NAME ? `${name.slice(0, MAX_ALERT_NAME - 1)}…` : name
}

export interface NewSavedSearch {
  search: string
  frequency: AlertFrequency
  name?: string
}

/** Saves a search for its owner. The same search twice is a 409; past the limit, a 422 that says the limit. */
export async function createSavedSearch(db: Db, options: { userId: UserId; input: NewSavedSearch; t: TFunction; locale: string }) {
  const { userId, input, t, locale } = options
  const parsed = parseSavedSearch(input.search)
  const name = input.name?.trim() || describeSearch(t, locale, parsed)
  return db.transaction(async (tx) => {
    // Counted under the owner's row lock, so two saves at once cannot both pass the limit.
    await tx.execute(sql`select 1 from users where id = ${userId} for update`)
    const [row] = await tx.select({ n: count() }).from(savedSearches).where(eq(savedSearches.userId, userId))
    if ((row?.n ?? 0) >= MAX_SAVED_SEARCHES) throw new DomainError('alerts.errors.limit', `You can keep at most ${MAX_SAVED_SEARCHES} alerts. Delete one to save another.`, 422)
    const [created] = await tx
      .insert(savedSearches)
      .values({ userId, listing: parsed.listing, search: parsed.search, filters: { q: parsed.state.q, filters: parsed.state.filters }, name, frequency: input.frequency })
      .onConflictDoNothing()
      .returning({ id: savedSearches.id })
    if (!created) throw new DomainError('alerts.errors.exists', 'You already have an alert for this search: change it on your alerts page.', 409, 'search')
    await recordAudit(tx, { actorId: userId, action: 'alert.create', entityType: 'saved_search', entityId: created.id, summary: { search: parsed.search, frequency: input.frequency } })
    return { id: created.id, name, search: parsed.search }
  })
}

export function savedSearchesOf(db: Db, userId: UserId) {
  return db
    .select({
      id: savedSearches.id,
      listing: savedSearches.listing,
      search: savedSearches.search,
      name: savedSearches.name,
      frequency: savedSearches.frequency,
      paused: savedSearches.paused,
      lastServedAt: savedSearches.lastServedAt,
      createdAt: savedSearches.createdAt,
    })
    .from(savedSearches)
    .where(eq(savedSearches.userId, userId))
    .orderBy(desc(savedSearches.createdAt))
}

export type SavedSearchChange = { name: string } | { frequency: AlertFrequency } | { paused: boolean }

/** Changes one of the owner's alerts; anyone else's is not found. Resuming serves only what is published from then on. */
export async function updateSavedSearch(db: Db, options: { userId: UserId; id: string; change: SavedSearchChange }) {
  const { userId, id, change } = options
  const now = new Date()
  const set = 'paused' in change && !change.paused ? { ...change, serveFrom: now } : change
  const [updated] = await db
    .update(savedSearches)
    .set({ ...set, updatedAt: now })
    .where(and(eq(savedSearches.id, id), eq(savedSearches.userId, userId)))
    .returning({ id: savedSearches.id })
  if (!updated) throw notFound('This alert does not exist.')
}

export async function deleteSavedSearch(db: Db, options: { userId: UserId; id: string }) {
  const [deleted] = await db
    .delete(savedSearches)
    .where(and(eq(savedSearches.id, options.id), eq(savedSearches.userId, options.userId)))
    .returning({ id: savedSearches.id })
  if (!deleted) throw notFound('This alert does not exist.')
}
