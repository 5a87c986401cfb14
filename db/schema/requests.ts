import { sql, type SQL } from 'drizzle-orm'
import {
  bigint,
  boolean,
  check,
  date,
  index,
  pgTable,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { users } from './accounts'
import { requestStatus, reviewKind, supportTypes } from './enums'
import { organizations } from './organizations'
import { tsvector } from './types-search'
import { createdAt, ts, type OrganizationId, type UserId } from './types'
import { objectives } from './vocabulary'

export type RequestId = string & { readonly __brand: 'RequestId' }

const supportTypeList = sql.raw(`array[${supportTypes.map((s) => `'${s}'`).join(',')}]::text[]`)

/**
 * Weighted search document in any of the six languages: title (A), summary (B), description (C), each through
 * hub_search_text (accents, Cyrillic case, Arabic variants, Chinese as character pairs: migration 0011).
 */
export const searchDocument = (title: SQL | unknown, summary: unknown, description: unknown) =>
  sql`setweight(to_tsvector('simple', hub_search_text(coalesce(${title}, ''))), 'A')
    || setweight(to_tsvector('simple', hub_search_text(coalesce(${summary}, ''))), 'B')
    || setweight(to_tsvector('simple', hub_search_text(coalesce(${description}, ''))), 'C')`

/** The language a text is written in (ISO 639-1), so pages can mark it and search can read it right. */
export const contentLanguage = () => text('language').notNull().default('en')
export const contentLanguageCheck = (name: string, column: unknown) => check(`${name}_language_shape`, sql`${column} ~ '^[a-z]{2}$'`)

/** Checks shared by requests and offers on their code arrays. */
export const codeArrayChecks = (
  name: string,
  t: { objectives: unknown; actions: unknown; supportTypes: unknown; languages: unknown; countries: unknown; regions: unknown },
) => [
  check(`${name}_objectives_range`, sql`${t.objectives} <@ array[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23]::smallint[]`),
  check(`${name}_actions_shape`, sql`array_to_string(${t.actions}, ',') ~ '^([0-9]{1,2}\\.[a-z](,|$))*$'`),
  check(`${name}_support_types_known`, sql`${t.supportTypes} <@ ${supportTypeList}`),
  check(`${name}_languages_shape`, sql`array_to_string(${t.languages}, ',') ~ '^([a-z]{2}(,|$))*$'`),
  check(`${name}_countries_shape`, sql`array_to_string(${t.countries}, ',') ~ '^([A-Z]{3}(,|$))*$'`),
  check(`${name}_regions_shape`, sql`array_to_string(${t.regions}, ',') ~ '^([0-9]{3}(,|$))*$'`),
]

export const requests = pgTable(
  'requests',
  {
    id: uuid('id').primaryKey().defaultRandom().$type<RequestId>(),
    key: text('key'),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id)
      .$type<OrganizationId>(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }).$type<UserId>(),
    status: requestStatus('status').notNull().default('draft'),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    description: text('description').notNull().default(''),
    language: contentLanguage(),
    countries: text('countries').array().notNull().default(sql`'{}'`),
    /** M49 region, sub-region and intermediate region of every country, kept for filtering. */
    regions: text('regions').array().notNull().default(sql`'{}'`),
    primaryObjective: smallint('primary_objective')
      .notNull()
      .references(() => objectives.number),
    objectives: smallint('objectives').array().notNull(),
    actions: text('actions').array().notNull().default(sql`'{}'`),
    principles: text('principles').array().notNull().default(sql`'{}'`),
    supportTypes: text('support_types').array().notNull().default(sql`'{}'`),
    languages: text('languages').array().notNull().default(sql`'{}'`),
    budgetAmount: bigint('budget_amount', { mode: 'number' }),
    budgetCurrency: text('budget_currency'),
    seeksFunding: boolean('seeks_funding').notNull().default(false),
    startDate: date('start_date'),
    durationMonths: smallint('duration_months'),
    contactName: text('contact_name'),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    search: tsvector('search').generatedAlwaysAs(
      (): SQL => searchDocument(requests.title, requests.summary, requests.description),
    ),
    submittedAt: ts('submitted_at'),
    publishedAt: ts('published_at'),
    closedAt: ts('closed_at'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('requests_key_key').on(t.key),
    index('requests_organization_idx').on(t.organizationId, t.createdAt),
    index('requests_status_published_idx').on(t.status, t.publishedAt.desc(), t.id),
    index('requests_search_idx').using('gin', t.search),
    index('requests_objectives_idx').using('gin', t.objectives),
    index('requests_countries_idx').using('gin', t.countries),
    index('requests_regions_idx').using('gin', t.regions),
    index('requests_support_types_idx').using('gin', t.supportTypes),
    index('requests_languages_idx').using('gin', t.languages),
    check('requests_title_length', sql`length(${t.title}) between 5 and 200`),
    check('requests_summary_length', sql`length(${t.summary}) between 10 and 1000`),
    check('requests_description_length', sql`length(${t.description}) <= 20000`),
    check('requests_primary_in_objectives', sql`${t.primaryObjective} = any(${t.objectives})`),
    check(
      'requests_budget_pair',
      sql`(${t.budgetAmount} is null) = (${t.budgetCurrency} is null) and coalesce(${t.budgetAmount}, 0) >= 0`,
    ),
    check('requests_budget_currency', sql`${t.budgetCurrency} is null or ${t.budgetCurrency} ~ '^[A-Z]{3}$'`),
    check('requests_duration_range', sql`${t.durationMonths} is null or ${t.durationMonths} between 1 and 120`),
    check(
      'requests_published_has_date',
      sql`${t.status} not in ('published', 'matched', 'in_project', 'completed') or ${t.publishedAt} is not null`,
    ),
    contentLanguageCheck('requests', t.language),
    ...codeArrayChecks('requests', t),
  ],
)

/** The screening conversation between the secretariat and the requesting State. */
export const requestReviews = pgTable(
  'request_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' })
      .$type<RequestId>(),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }).$type<UserId>(),
    kind: reviewKind('kind').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('request_reviews_request_idx').on(t.requestId, t.createdAt), check('request_reviews_body_length', sql`length(${t.body}) <= 5000`)],
)
