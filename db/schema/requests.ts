import { sql, type SQL } from 'drizzle-orm'
import { bigint, boolean, check, date, index, pgTable, smallint, text, uuid } from 'drizzle-orm/pg-core'
import { users } from './accounts'
import { requestStatus, reviewKind } from './enums'
import { catalogueColumns, catalogueConstraints, matchableChecks, searchDocument } from './catalogue'
import { tsvector } from './types-search'
import { createdAt, idKey, ownedBy, textList, ts, type UserId } from './types'
import { objectives } from './vocabulary'

export type RequestId = string & { readonly __brand: 'RequestId' }

export const requests = pgTable(
  'requests',
  {
    id: idKey<RequestId>(),
    ...catalogueColumns(),
    status: requestStatus('status').notNull().default('draft'),
    description: text('description').notNull().default(''),
    primaryObjective: smallint('primary_objective')
      .notNull()
      .references(() => objectives.number),
    actions: textList('actions'),
    principles: textList('principles'),
    supportTypes: textList('support_types'),
    languages: textList('languages'),
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
    closedAt: ts('closed_at'),
  },
  (t) => [
    ...catalogueConstraints('requests', t, [t.supportTypes, t.languages]),
    ...matchableChecks('requests', t),
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
  ],
)

/** The screening conversation between the secretariat and the requesting State. */
export const requestReviews = pgTable(
  'request_reviews',
  {
    id: idKey(),
    requestId: ownedBy<RequestId>('request_id', () => requests.id),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }).$type<UserId>(),
    kind: reviewKind('kind').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('request_reviews_request_idx').on(t.requestId, t.createdAt), check('request_reviews_body_length', sql`length(${t.body}) <= 5000`)],
)
