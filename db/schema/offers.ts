import { sql, type SQL } from 'drizzle-orm'
import { bigint, boolean, check, date, integer, pgTable, smallint, text } from 'drizzle-orm/pg-core'
import { offerKind, offerStatus } from './enums'
import { catalogueColumns, catalogueConstraints, matchableChecks, searchDocument } from './catalogue'
import { tsvector } from './types-search'
import { idKey, textList, ts } from './types'
import { objectives } from './vocabulary'

export type OfferId = string & { readonly __brand: 'OfferId' }

export const offers = pgTable(
  'offers',
  {
    id: idKey<OfferId>(),
    ...catalogueColumns(),
    kind: offerKind('kind').notNull(),
    status: offerStatus('status').notNull().default('draft'),
    description: text('description').notNull().default(''),
    primaryObjective: smallint('primary_objective')
      .notNull()
      .references(() => objectives.number),
    actions: textList('actions'),
    /** Regions the organisation chose to serve. */
    servedRegions: textList('served_regions'),
    global: boolean('global').notNull().default(false),
    supportTypes: textList('support_types'),
    languages: textList('languages'),
    capacityPersonDays: integer('capacity_person_days'),
    availableFrom: date('available_from'),
    availableUntil: date('available_until'),
    financingMin: bigint('financing_min', { mode: 'number' }),
    financingMax: bigint('financing_max', { mode: 'number' }),
    financingCurrency: text('financing_currency'),
    conditions: text('conditions'),
    search: tsvector('search').generatedAlwaysAs((): SQL => searchDocument(offers.title, offers.summary, offers.description)),
    closedAt: ts('closed_at'),
  },
  (t) => [
    ...catalogueConstraints('offers', t, [t.supportTypes, t.languages]),
    ...matchableChecks('offers', t),
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
  ],
)
