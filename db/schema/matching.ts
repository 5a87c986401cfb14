import { sql } from 'drizzle-orm'
import { bigint, check, index, integer, jsonb, pgEnum, pgTable, primaryKey, real, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from './accounts'
import { offers, type OfferId } from './offers'
import { organizations } from './organizations'
import { requests, type RequestId } from './requests'
import { createdAt, idKey, ownedBy, ts, type OrganizationId, type UserId } from './types'

/** One factor of a suggestion's score: what it weighed and the sentence that explains it. */
export interface MatchFactor {
  factor: string
  /** Weighted contribution to the score, in [0, weight]. */
  contribution: number
  /** A translation key and its values, so each reader gets the reason in their language. */
  reason: { key: string; values?: Record<string, string | number> } | null
}

/** Suggestions computed by the matching service (a background job), read by pages, never computed on request. */
export const matchSuggestions = pgTable(
  'match_suggestions',
  {
    requestId: ownedBy<RequestId>('request_id', () => requests.id),
    offerId: ownedBy<OfferId>('offer_id', () => offers.id),
    score: real('score').notNull(),
    factors: jsonb('factors').$type<MatchFactor[]>().notNull(),
    computedAt: ts('computed_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.requestId, t.offerId] }),
    index('match_suggestions_request_score_idx').on(t.requestId, t.score.desc()),
    index('match_suggestions_offer_score_idx').on(t.offerId, t.score.desc()),
    check('match_suggestions_score_range', sql`${t.score} between 0 and 1`),
  ],
)

export const matchOrigins = ['suggested', 'interest', 'proposed'] as const
export type MatchOrigin = (typeof matchOrigins)[number]
export const matchOrigin = pgEnum('match_origin', matchOrigins)

export const matchStatuses = ['open', 'agreed', 'converted', 'declined', 'withdrawn', 'expired'] as const
export type MatchStatus = (typeof matchStatuses)[number]
export const matchStatus = pgEnum('match_status', matchStatuses)

export const matchDecisions = ['pending', 'accepted', 'declined'] as const
export type MatchDecision = (typeof matchDecisions)[number]
export const matchDecision = pgEnum('match_decision', matchDecisions)

export type MatchId = string & { readonly __brand: 'MatchId' }

/**
 * A proposed link between a request and a provider (an offer, or an organisation that expressed interest).
 * Each side decides; when both accept it is `agreed` and the request becomes `matched`.
 */
export const matches = pgTable(
  'matches',
  {
    id: idKey<MatchId>(),
    requestId: ownedBy<RequestId>('request_id', () => requests.id),
    offerId: uuid('offer_id')
      .references(() => offers.id, { onDelete: 'set null' })
      .$type<OfferId>(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => organizations.id)
      .$type<OrganizationId>(),
    origin: matchOrigin('origin').notNull(),
    status: matchStatus('status').notNull().default('open'),
    requestDecision: matchDecision('request_decision').notNull().default('pending'),
    providerDecision: matchDecision('provider_decision').notNull().default('pending'),
    /** What the provider proposes (interest) or why the secretariat proposes the match. */
    message: text('message'),
    indicativeBudget: bigint('indicative_budget', { mode: 'number' }),
    indicativeCurrency: text('indicative_currency'),
    secretariatNote: text('secretariat_note'),
    declineReason: text('decline_reason'),
    score: real('score'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }).$type<UserId>(),
    proposedAt: ts('proposed_at'),
    expiresAt: ts('expires_at'),
    decidedAt: ts('decided_at'),
    agreedAt: ts('agreed_at'),
    /** Publication of the request to agreement, for analytics. */
    timeToMatchSeconds: integer('time_to_match_seconds'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('matches_request_idx').on(t.requestId, t.createdAt),
    index('matches_provider_idx').on(t.providerId, t.createdAt),
    index('matches_open_expiry_idx').on(t.expiresAt).where(sql`${t.status} = 'open'`),
    // A request has at most one agreed match, whatever the races between the two sides.
    uniqueIndex('matches_one_agreed_per_request').on(t.requestId).where(sql`${t.status} in ('agreed', 'converted')`),
    // One live match per request and provider.
    uniqueIndex('matches_one_open_per_pair').on(t.requestId, t.providerId).where(sql`${t.status} = 'open'`),
    check('matches_message_length', sql`length(${t.message}) <= 5000`),
    check('matches_budget_pair', sql`(${t.indicativeBudget} is null) = (${t.indicativeCurrency} is null)`),
    check(
      'matches_agreed_means_both_accepted',
      sql`${t.status} not in ('agreed', 'converted') or (${t.requestDecision} = 'accepted' and ${t.providerDecision} = 'accepted' and ${t.agreedAt} is not null)`,
    ),
  ],
)

/** In-app notifications, one row per person; emails are queued alongside. */
export const notifications = pgTable(
  'notifications',
  {
    id: idKey(),
    userId: ownedBy<UserId>('user_id', () => users.id),
    kind: text('kind').notNull(),
    /** Translation values for the message; the key is `notifications.kinds.<kind>`. */
    values: jsonb('values').$type<Record<string, string | number>>().notNull().default({}),
    link: text('link').notNull(),
    readAt: ts('read_at'),
    createdAt: createdAt(),
  },
  (t) => [index('notifications_user_unread_idx').on(t.userId, t.createdAt.desc()).where(sql`${t.readAt} is null`), index('notifications_user_idx').on(t.userId, t.createdAt.desc())],
)
