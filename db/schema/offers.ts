import { sql, type SQL } from 'drizzle-orm'
import { bigint, boolean, check, date, index, integer, pgTable, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from './accounts'
import { offerKind, offerStatus } from './enums'
import { organizations } from './organizations'
import { codeArrayChecks, contentLanguage, contentLanguageCheck, searchDocument } from './requests'
import { tsvector } from './types-search'
import { createdAt, ts, type OrganizationId, type UserId } from './types'
import { objectives } from './vocabulary'

export type OfferId = string & { readonly __brand: 'OfferId' }

export const offers = pgTable(
  'offers',
  {
    id: uuid('id').primaryKey().defaultRandom().$type<OfferId>(),
    key: text('key'),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id)
      .$type<OrganizationId>(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }).$type<UserId>(),
    kind: offerKind('kind').notNull(),
    status: offerStatus('status').notNull().default('draft'),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    description: text('description').notNull().default(''),
    language: contentLanguage(),
    primaryObjective: smallint('primary_objective')
      .notNull()
      .references(() => objectives.number),
    objectives: smallint('objectives').array().notNull(),
    actions: text('actions').array().notNull().default(sql`'{}'`),
    countries: text('countries').array().notNull().default(sql`'{}'`),
    /** Regions the organisation chose to serve. */
    servedRegions: text('served_regions').array().notNull().default(sql`'{}'`),
    /** Regions chosen plus the M49 regions of the countries served: what filters and matching read. */
    regions: text('regions').array().notNull().default(sql`'{}'`),
    global: boolean('global').notNull().default(false),
    supportTypes: text('support_types').array().notNull().default(sql`'{}'`),
    languages: text('languages').array().notNull().default(sql`'{}'`),
    capacityPersonDays: integer('capacity_person_days'),
    availableFrom: date('available_from'),
    availableUntil: date('available_until'),
    financingMin: bigint('financing_min', { mode: 'number' }),
    financingMax: bigint('financing_max', { mode: 'number' }),
    financingCurrency: text('financing_currency'),
    conditions: text('conditions'),
    search: tsvector('search').generatedAlwaysAs((): SQL => searchDocument(offers.title, offers.summary, offers.description)),
    publishedAt: ts('published_at'),
    closedAt: ts('closed_at'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('offers_key_key').on(t.key),
    index('offers_organization_idx').on(t.organizationId, t.createdAt),
    index('offers_status_published_idx').on(t.status, t.publishedAt.desc(), t.id),
    index('offers_search_idx').using('gin', t.search),
    index('offers_objectives_idx').using('gin', t.objectives),
    index('offers_countries_idx').using('gin', t.countries),
    index('offers_regions_idx').using('gin', t.regions),
    index('offers_support_types_idx').using('gin', t.supportTypes),
    index('offers_languages_idx').using('gin', t.languages),
    check('offers_title_length', sql`length(${t.title}) between 5 and 200`),
    check('offers_summary_length', sql`length(${t.summary}) between 10 and 1000`),
    check('offers_description_length', sql`length(${t.description}) <= 20000`),
    contentLanguageCheck('offers', t.language),
    check('offers_primary_in_objectives', sql`${t.primaryObjective} = any(${t.objectives})`),
    check('offers_capacity_positive', sql`${t.capacityPersonDays} is null or ${t.capacityPersonDays} > 0`),
    check('offers_availability_order', sql`${t.availableFrom} is null or ${t.availableUntil} is null or ${t.availableFrom} <= ${t.availableUntil}`),
    check(
      'offers_financing_shape',
      sql`case when ${t.kind} = 'financing'
        then ${t.financingMin} is not null and ${t.financingMax} is not null and ${t.financingCurrency} ~ '^[A-Z]{3}$'
          and ${t.financingMin} >= 0 and ${t.financingMin} <= ${t.financingMax}
        else ${t.financingMin} is null and ${t.financingMax} is null and ${t.financingCurrency} is null end`,
    ),
    check('offers_active_has_date', sql`${t.status} not in ('active', 'paused') or ${t.publishedAt} is not null`),
    ...codeArrayChecks('offers', t),
  ],
)
