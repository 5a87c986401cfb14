import { sql } from 'drizzle-orm'
import { bigint, boolean, check, index, pgTable, primaryKey, smallint, text, uuid } from 'drizzle-orm/pg-core'
import { users } from './accounts'
import { notificationKinds } from './enum-values'
import { organizations } from './organizations'
import { requests, type RequestId } from './requests'
import { createdAt, ownedBy, textList, ts, type OrganizationId, type UserId } from './types'

/**
 * What an organisation says it works on, in the vocabulary offers use: the matching service scores published
 * requests against it as against an offer, for organisations with no active offer and for the weekly digest.
 */
export const organizationProfiles = pgTable(
  'organization_profiles',
  {
    organizationId: uuid('organization_id')
      .primaryKey()
      .references(() => organizations.id, { onDelete: 'cascade' })
      .$type<OrganizationId>(),
    /** GCM objective numbers, the main one first. */
    objectives: smallint('objectives').array().notNull(),
    countries: textList('countries'),
    /** M49 regions the organisation chose to serve. */
    regions: textList('regions'),
    supportTypes: textList('support_types'),
    languages: textList('languages'),
    /** What a donor finances, in USD minor units (cents); both or neither. */
    financingMinUsd: bigint('financing_min_usd', { mode: 'number' }),
    financingMaxUsd: bigint('financing_max_usd', { mode: 'number' }),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('organization_profiles_objectives', sql`cardinality(${t.objectives}) between 1 and 23 and 1 <= all(${t.objectives}) and 23 >= all(${t.objectives})`),
    check('organization_profiles_languages', sql`cardinality(${t.languages}) >= 1`),
    check(
      'organization_profiles_financing',
      sql`(${t.financingMinUsd} is null) = (${t.financingMaxUsd} is null)
        and (${t.financingMinUsd} is null or (${t.financingMinUsd} >= 0 and ${t.financingMinUsd} <= ${t.financingMaxUsd}))`,
    ),
  ],
)

/** A person's choice for one kind of event: email, or the Hub only. No row means email (the default). */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: ownedBy<UserId>('user_id', () => users.id),
    kind: text('kind').notNull(),
    email: boolean('email').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.kind] }),
    check('notification_preferences_kind', sql.raw(`kind in (${notificationKinds.map((k) => `'${k}'`).join(', ')})`)),
  ],
)

/** The requests the weekly "requests you may fit" digest has sent to each person: never the same one twice. */
export const suggestionDigestItems = pgTable(
  'suggestion_digest_items',
  {
    userId: ownedBy<UserId>('user_id', () => users.id),
    requestId: ownedBy<RequestId>('request_id', () => requests.id),
    organizationId: ownedBy<OrganizationId>('organization_id', () => organizations.id),
    sentAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.requestId] }), index('suggestion_digest_items_sent_idx').on(t.userId, t.sentAt)],
)

