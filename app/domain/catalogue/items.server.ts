import { sql, type SQL } from 'drizzle-orm'
import type { OfferKind, OfferStatus, OrganizationType, RequestStatus } from '#db/schema/enums'
import type { Db } from '~/utils/db.server'
import { publicStatuses } from './filters'
import type { FacetParam, Listing } from './params'

/**
 * What the public may see of a request or an offer, built as JSON by the database. The columns are listed
 * one by one, so a column added to the tables (a contact, an author) stays private until it is added here.
 */

interface PublicItemBase {
  id: string
  title: string
  summary: string
  /** The language the texts are written in (ISO 639-1). */
  language: string
  organization: { name: string; type: OrganizationType; country: string | null }
  countries: string[]
  regions: string[]
  primaryObjective: number
  objectives: number[]
  actions: string[]
  supportTypes: string[]
  languages: string[]
  publishedAt: string
  /** Only in the detail. */
  description?: string
}

export interface PublicRequest extends PublicItemBase {
  status: RequestStatus
  principles: string[]
  budgetAmount: number | null
  budgetCurrency: string | null
  seeksFunding: boolean
  startDate: string | null
  durationMonths: number | null
}

export interface PublicOffer extends PublicItemBase {
  status: OfferStatus
  kind: OfferKind
  /** The regions the organisation chose; `regions` adds those of its countries. */
  servedRegions: string[]
  global: boolean
  capacityPersonDays: number | null
  availableFrom: string | null
  availableUntil: string | null
  financingMin: number | null
  financingMax: number | null
  financingCurrency: string | null
  /** Only in the detail. */
  conditions?: string | null
}

export interface PublicPracticeCard {
  id: string
  title: string
  summary: string
  language: string
  objectives: number[]
  countries: string[]
  regions: string[]
  periodStart: string | null
  periodEnd: string | null
  publishedAt: string
  organization: { name: string; type: OrganizationType; country: string | null }
}

export interface PublicPractice extends PublicPracticeCard {
  whatWasDone: string
  results: string
  lessons: string
  principles: string[]
  links: string[]
  /** The project it was drawn from, when that project's page is public. */
  project: { id: string; title: string } | null
}

/** What a practice tells beyond its card, in the order the API and the export give it. */
export const practiceAccount = (p: Omit<PublicPractice, 'organization' | 'project' | 'publishedAt'>) => ({
  whatWasDone: p.whatWasDone,
  results: p.results,
  lessons: p.lessons,
  objectives: p.objectives,
  principles: p.principles,
  countries: p.countries,
  regions: p.regions,
  periodStart: p.periodStart,
  periodEnd: p.periodEnd,
  links: p.links,
})

export type PublicItem<L extends Listing> = L extends 'requests' ? PublicRequest : L extends 'offers' ? PublicOffer : PublicPractice

interface ListingSql {
  table: SQL
  statusType: SQL
  /** The fields of one result (`'name', value` pairs) over `t`, the request or offer, and `o`, its organisation. */
  fields: SQL
  /** The further fields of the detail. */
  detailFields: SQL
  /** Joined to `t` besides its organisation `o`, for the fields. */
  joins: SQL
  /** The array columns behind the array filters and facets, by parameter. */
  arrays: Partial<Record<FacetParam, SQL>>
  /** Whether the API's lists give each item's detail (practices) or its card (requests, offers). */
  listsDetail: boolean
  /** What the API calls one item, in its errors. */
  noun: string
}

const coded = { objective: sql.raw('objectives'), country: sql.raw('countries'), region: sql.raw('regions') }
const tagged = { ...coded, supportType: sql.raw('support_types'), language: sql.raw('languages') }

const common = sql`'id', t.id, 'title', t.title, 'summary', t.summary, 'language', t.language, 'status', t.status,
  'organization', json_build_object('name', o.name, 'type', o.type, 'country', o.country),
  'countries', t.countries, 'regions', t.regions, 'primaryObjective', t.primary_objective, 'objectives', t.objectives,
  'actions', t.actions, 'supportTypes', t.support_types, 'languages', t.languages, 'publishedAt', t.published_at`

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
export const isItemId = (id: string) => uuid.test(id)

export const listings: Record<Listing, ListingSql> = {
  requests: {
    table: sql.raw('requests'),
    statusType: sql.raw('request_status'),
    fields: sql`${common}, 'principles', t.principles, 'budgetAmount', t.budget_amount,
      'budgetCurrency', t.budget_currency, 'seeksFunding', t.seeks_funding, 'startDate', t.start_date,
      'durationMonths', t.duration_months`,
    detailFields: sql`'description', t.description`,
    joins: sql``,
    arrays: tagged,
    listsDetail: false,
    noun: 'public request',
  },
  offers: {
    table: sql.raw('offers'),
    statusType: sql.raw('offer_status'),
    fields: sql`${common}, 'kind', t.kind, 'servedRegions', t.served_regions, 'global', t.global, 'capacityPersonDays', t.capacity_person_days,
      'availableFrom', t.available_from, 'availableUntil', t.available_until, 'financingMin', t.financing_min,
      'financingMax', t.financing_max, 'financingCurrency', t.financing_currency`,
    detailFields: sql`'description', t.description, 'conditions', t.conditions`,
    joins: sql``,
    arrays: tagged,
    listsDetail: false,
    noun: 'public offer',
  },
  practices: {
    table: sql.raw('practices'),
    statusType: sql.raw('practice_status'),
    fields: sql`'id', t.id, 'title', t.title, 'summary', t.summary, 'language', t.language, 'objectives', t.objectives, 'countries', t.countries,
      'regions', t.regions, 'periodStart', t.period_start, 'periodEnd', t.period_end, 'publishedAt', t.published_at,
      'organization', json_build_object('name', o.name, 'type', o.type, 'country', o.country)`,
    detailFields: sql`'whatWasDone', t.what_was_done, 'results', t.results, 'lessons', t.lessons,
      'principles', t.principles, 'links', t.links,
      'project', case when pr.published_at is not null then json_build_object('id', pr.id, 'title', pr.title) end`,
    joins: sql` left join projects pr on pr.id = t.project_id`,
    arrays: coded,
    listsDetail: true,
    noun: 'published practice',
  },
}


/** A public request, offer or practice with its full text; null when it does not exist or is not public. */
export async function publicItem<L extends Listing>(db: Db, listing: L, id: string): Promise<PublicItem<L> | null> {
  if (!isItemId(id)) return null
  const { table, statusType, fields, detailFields, joins } = listings[listing]
  const [row] = await db.execute<{ item: PublicItem<L> }>(sql`
    select json_build_object(${fields}, ${detailFields}) as item from ${table} t join organizations o on o.id = t.organization_id${joins}
    where t.id = ${id} and t.status = any(${sql.param([...publicStatuses[listing]])}::${statusType}[])`)
  return row?.item ?? null
}
