import { eq, sql } from 'drizzle-orm'
import { beforeEach } from 'vitest'
import { matches, matchSuggestions, offers, organizations, requests, type OfferId, type RequestId } from '#db/schema/index'
import { importData } from '~/domain/import/import.server'
import { db } from '~/utils/db.server'
import { uniqueSuffix } from '../factories'

// The matching engine's tests run on a real database: each imports its own small world with keys of its own.

export type Entry = Record<string, unknown>

/**
 * Every request and offer is a candidate for every other, so each test starts from an empty catalogue. (DELETE, not
 * TRUNCATE … CASCADE: a cascade would reach the append-only ledger, whose trigger refuses any TRUNCATE.)
 */
export function startEachTestWithAnEmptyCatalogue() {
  beforeEach(async () => {
    await db.transaction(async (tx) => {
      await tx.execute(sql`delete from match_suggestions`)
      await tx.execute(sql`delete from matches`)
      await tx.execute(sql`delete from request_reviews`)
      await tx.execute(sql`delete from requests`)
      await tx.execute(sql`delete from offers`)
    })
  })
}

/** Imports a State, three partners and a donor, and the records given (keys prefixed), returning ids by short key. */
export async function world(build: (k: (name: string) => string) => { requests?: Entry[]; offers?: Entry[] }) {
  const prefix = `t${uniqueSuffix()}`
  const k = (name: string) => `${prefix}-${name}`
  const { requests: requestEntries = [], offers: offerEntries = [] } = build(k)
  const organizationEntries = [
    { key: k('bgd'), name: 'Ministry of Expatriates (Bangladesh)', type: 'state', country: 'BGD', verified: true },
    { key: k('npl'), name: 'Ministry of Labour (Nepal)', type: 'state', country: 'NPL', verified: true },
    { key: k('p1'), name: 'Corridor Analytics', type: 'private_sector', verified: true },
    { key: k('p2'), name: 'Fair Recruitment Alliance', type: 'civil_society', verified: true },
    { key: k('p3'), name: 'Migration Data Lab', type: 'academia', verified: true },
    { key: k('donor'), name: 'Open Horizons Foundation', type: 'philanthropy', verified: true },
  ]
  await importData(db, { organizations: organizationEntries, requests: requestEntries, offers: offerEntries })
  const ids = async (table: typeof requests | typeof offers) =>
    new Map((await db.select({ id: table.id, key: table.key }).from(table).where(sql`${table.key} like ${`${prefix}-%`}`)).map((r) => [r.key!.slice(prefix.length + 1), r.id as string]))
  const [requestIds, offerIds] = [await ids(requests), await ids(offers)]
  const orgs = new Map(
    (await db.select({ id: organizations.id, slug: organizations.slug }).from(organizations).where(sql`${organizations.slug} like ${`${prefix}-%`}`)).map((o) => [
      o.slug.slice(prefix.length + 1),
      o.id,
    ]),
  )
  return {
    k,
    request: (name: string) => requestIds.get(name) as RequestId,
    offer: (name: string) => offerIds.get(name) as OfferId,
    org: (name: string) => orgs.get(name)!,
    offerName: (id: string) => [...offerIds].find(([, v]) => v === id)?.[0],
    requestName: (id: string) => [...requestIds].find(([, v]) => v === id)?.[0],
  }
}

export const remittanceRequest = (k: (n: string) => string, name = 'remit', changes: Entry = {}): Entry => ({
  key: k(name),
  organization: k('bgd'),
  title: 'Cutting the cost of remittances to Bangladesh',
  summary: 'A roadmap to bring the cost of sending remittances from the Gulf below 3 per cent, with a price comparison service.',
  countries: ['BGD'],
  objectives: [20, 19],
  actions: ['20.a', '20.f'],
  supportTypes: ['technical_assistance', 'data_research'],
  languages: ['en', 'bn'],
  budget: { amount: 150000, currency: 'USD' },
  seeksFunding: true,
  startDate: '2027-03-01',
  durationMonths: 12,
  status: 'published',
  ...changes,
})

export const offer = (k: (n: string) => string, name: string, changes: Entry = {}): Entry => ({
  key: k(name),
  organization: k('p1'),
  kind: 'expertise',
  title: 'Remittance corridor price monitoring',
  summary: 'Remittance price data corridor by corridor and cost reduction roadmaps with central banks.',
  objectives: [20],
  actions: ['20.a'],
  countries: [],
  regions: ['142'],
  supportTypes: ['technical_assistance'],
  languages: ['en'],
  status: 'active',
  ...changes,
})

export const financingOffer = (k: (n: string) => string, name: string, changes: Entry = {}): Entry =>
  offer(k, name, { organization: k('donor'), kind: 'financing', title: 'Grants for remittance projects', supportTypes: ['financing'], financing: { min: 50000, max: 250000, currency: 'USD' }, ...changes })

/** A seeded generator, so a generated world is the same every run. */
export function generator(seed: number) {
  let state = seed
  const next = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31)
  return { next, pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!, some: <T>(list: readonly T[]) => list.filter(() => next() < 0.35) }
}

export async function decline(requestId: RequestId, providerId: string, offerId: OfferId | null) {
  await db.insert(matches).values({ requestId, providerId: providerId as never, offerId, origin: 'proposed', status: 'declined', requestDecision: 'declined' })
}

export const storedFor = async (requestId: RequestId) =>
  db.select({ offerId: matchSuggestions.offerId, score: matchSuggestions.score, factors: matchSuggestions.factors }).from(matchSuggestions).where(eq(matchSuggestions.requestId, requestId))
