import { sql } from 'drizzle-orm'
import { bigserial, boolean, check, index, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from './accounts'
import { alertFrequency, alertListing } from './enums'
import { bytea, createdAt, idKey, ownedBy, ts, type UserId } from './types'

/**
 * Every time a request or an offer becomes public, whatever wrote it (screening, the import, the demo loader): one
 * row, written by a trigger on those tables (see the migration `saved_search_alerts`). Alerts are served from here.
 */
export const cataloguePublications = pgTable(
  'catalogue_publications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    listing: alertListing('listing').notNull(),
    itemId: uuid('item_id').notNull(),
    publishedAt: ts('published_at').notNull().defaultNow(),
    /** When the instant alerts were served for it; null until the every-minute job has seen it. */
    instantServedAt: ts('instant_served_at'),
  },
  (t) => [
    index('catalogue_publications_published_idx').on(t.publishedAt),
    index('catalogue_publications_instant_waiting_idx').on(t.id).where(sql`${t.instantServedAt} is null`),
  ],
)

/** A search of /requests or /offers a person asked to be told about, as the page's own parser read it. */
export const savedSearches = pgTable(
  'saved_searches',
  {
    id: idKey(),
    userId: ownedBy<UserId>('user_id', () => users.id),
    listing: alertListing('listing').notNull(),
    /** The canonical path and query, e.g. `/requests?objective=20`: what the alert matches and links to. */
    search: text('search').notNull(),
    /** The words and filters as parsed and validated (the browse state), for showing the search. */
    filters: jsonb('filters').$type<{ q: string; filters: Record<string, string[]> }>().notNull(),
    name: text('name').notNull(),
    frequency: alertFrequency('frequency').notNull(),
    paused: boolean('paused').notNull().default(false),
    /** Items published from here on are served: set at creation and on resuming, so a pause sends nothing later. */
    serveFrom: ts('serve_from').notNull().defaultNow(),
    lastServedAt: ts('last_served_at'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('saved_searches_user_idx').on(t.userId, t.createdAt),
    uniqueIndex('saved_searches_user_search_key').on(t.userId, t.search),
    index('saved_searches_frequency_idx').on(t.frequency).where(sql`not ${t.paused}`),
    check('saved_searches_name_length', sql`length(${t.name}) between 1 and 120`),
    check('saved_searches_search_shape', sql`${t.search} ~ '^/(requests|offers)(\\?.*)?$' and length(${t.search}) <= 2000`),
  ],
)

/** What each alert has sent: the key makes "never the same item twice" hold under retries and concurrent runs. */
export const alertSentItems = pgTable(
  'alert_sent_items',
  {
    savedSearchId: ownedBy<string>('saved_search_id', () => savedSearches.id),
    itemId: uuid('item_id').notNull(),
    sentAt: ts('sent_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.savedSearchId, t.itemId] })],
)

/**
 * Unsubscribe links of alert emails, stored as the SHA-256 of the token only (as sessions and invitations are). One
 * token may stop several alerts: a digest's List-Unsubscribe link stops every alert the digest served.
 */
export const alertUnsubscribeTokens = pgTable(
  'alert_unsubscribe_tokens',
  {
    tokenHash: bytea('token_hash').notNull(),
    savedSearchId: ownedBy<string>('saved_search_id', () => savedSearches.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tokenHash, t.savedSearchId] }), index('alert_unsubscribe_tokens_search_idx').on(t.savedSearchId)],
)
