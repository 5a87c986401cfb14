import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { eq, inArray, sql } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { matches, matchSuggestions, offers, organizations, requests, type OfferId, type RequestId } from '#db/schema/index'
import { importData } from '~/domain/import/import.server'
import { offerBaseScore, scoreOffersForRequest } from '~/domain/matching/candidates.server'
import { defaultContext, type RequestFeatures } from '~/domain/matching/features'
import { similarRequests } from '~/domain/matching/related.server'
import { scoreOnly } from '~/domain/matching/scoring'
import {
  enqueueSuggestionRefresh,
  fullRefresh,
  refreshAll,
  refreshSuggestions,
  runRefreshJob,
  suggestOffersForRequest,
  suggestRequestsForOffer,
} from '~/domain/matching/suggestions.server'
import { startWorkers } from '~/server/workers'
import { db } from '~/utils/db.server'
import { uniqueSuffix } from '../factories'
import { sleep } from './support'

/**
 * The matching engine on a real database: hard filters in the candidate queries, the database's pre-ranking
 * held to the scorer, stored suggestions and their refresh (directly, by the job, in bulk), the command line
 * and related requests. Each test imports its own small world with keys of its own.
 */

type Entry = Record<string, unknown>

// Every request and offer is a candidate for every other, so each test starts from an empty catalogue. (DELETE, not
// TRUNCATE … CASCADE: a cascade would reach the append-only ledger, whose trigger refuses any TRUNCATE.)
beforeEach(async () => {
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from match_suggestions`)
    await tx.execute(sql`delete from matches`)
    await tx.execute(sql`delete from request_reviews`)
    await tx.execute(sql`delete from requests`)
    await tx.execute(sql`delete from offers`)
  })
})

/** Imports a State, three partners and a donor, and the records given (keys prefixed), returning ids by short key. */
async function world(build: (k: (name: string) => string) => { requests?: Entry[]; offers?: Entry[] }) {
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

const remittanceRequest = (k: (n: string) => string, name = 'remit', changes: Entry = {}): Entry => ({
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

const offer = (k: (n: string) => string, name: string, changes: Entry = {}): Entry => ({
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

const financingOffer = (k: (n: string) => string, name: string, changes: Entry = {}): Entry =>
  offer(k, name, { organization: k('donor'), kind: 'financing', title: 'Grants for remittance projects', supportTypes: ['financing'], financing: { min: 50000, max: 250000, currency: 'USD' }, ...changes })

async function decline(requestId: RequestId, providerId: string, offerId: OfferId | null) {
  await db.insert(matches).values({ requestId, providerId: providerId as never, offerId, origin: 'proposed', status: 'declined', requestDecision: 'declined' })
}

const storedFor = async (requestId: RequestId) =>
  db.select({ offerId: matchSuggestions.offerId, score: matchSuggestions.score, factors: matchSuggestions.factors }).from(matchSuggestions).where(eq(matchSuggestions.requestId, requestId))

describe('candidates: the hard filters in SQL', () => {
  it('suggests only active offers in a common language, available in time, of other organisations, never declined', async () => {
    const w = await world((k) => ({
      requests: [remittanceRequest(k)],
      offers: [
        offer(k, 'fits', { regions: ['034'] }),
        offer(k, 'secondary', { objectives: [19], actions: [], title: 'Diaspora investment advice', summary: 'Diaspora bonds and investment matching for migrants.' }),
        offer(k, 'other-topic', { objectives: [5], actions: [] }),
        offer(k, 'french-only', { languages: ['fr'] }),
        offer(k, 'paused', { status: 'paused' }),
        offer(k, 'own', { organization: k('bgd') }),
        offer(k, 'ended', { availableFrom: '2026-01-01', availableUntil: '2027-02-28' }),
        offer(k, 'declined-offer', { organization: k('p2') }),
        offer(k, 'declined-provider', { organization: k('p3') }),
        offer(k, 'other-of-declined-provider', { organization: k('p3'), title: 'Another offer of the same provider' }),
      ],
    }))
    await decline(w.request('remit'), w.org('p2'), w.offer('declined-offer'))
    await decline(w.request('remit'), w.org('p3'), null)

    const suggested = await suggestOffersForRequest(db, w.request('remit'), { top: 20 })
    expect(suggested!.map((s) => w.offerName(s.offerId))).toEqual(['fits', 'secondary'])
    expect(suggested![0]!.score).toBeGreaterThan(suggested![1]!.score)
    expect(suggested![0]!.factors.map((f) => f.factor)).toEqual(['objectives', 'actions', 'geography', 'supportTypes', 'financing', 'timing', 'text', 'trackRecord'])

    // The same filters hold the other way round.
    for (const name of ['french-only', 'paused', 'own', 'ended', 'declined-offer', 'declined-provider', 'other-of-declined-provider']) {
      expect(await suggestRequestsForOffer(db, w.offer(name), { top: 20 }), name).toEqual([])
    }
    expect((await suggestRequestsForOffer(db, w.offer('fits'), { top: 20 }))!.map((s) => w.requestName(s.requestId))).toEqual(['remit'])
    expect(await suggestOffersForRequest(db, '00000000-0000-0000-0000-000000000000' as RequestId, { top: 5 })).toBeNull()
  })

  it('gives a pair the same score both ways', async () => {
    const w = await world((k) => ({ requests: [remittanceRequest(k)], offers: [offer(k, 'a', { countries: ['BGD'] }), financingOffer(k, 'f')] }))
    for (const name of ['a', 'f']) {
      const forRequest = (await suggestOffersForRequest(db, w.request('remit'), { top: 5 }))!.find((s) => s.offerId === w.offer(name))!
      const [forOffer] = (await suggestRequestsForOffer(db, w.offer(name), { top: 5 }))!
      expect(forOffer!.score).toBe(forRequest.score)
      expect(forOffer!.factors).toEqual(forRequest.factors)
    }
  })

  it('keeps requests of both kinds apart: the best of each kind, and only the kind asked for', async () => {
    const w = await world((k) => ({
      requests: [remittanceRequest(k)],
      offers: [offer(k, 'e1', { countries: ['BGD'] }), offer(k, 'e2'), financingOffer(k, 'f1'), financingOffer(k, 'f2', { financing: { min: 1000, max: 2000, currency: 'USD' } })],
    }))
    const financing = await suggestOffersForRequest(db, w.request('remit'), { top: 5, kind: 'financing' })
    expect(financing!.map((s) => w.offerName(s.offerId))).toEqual(['f1', 'f2'])
    const scored = await scoreOffersForRequest(db, w.request('remit'), { top: 1 })
    expect(scored!.ranked.map((c) => w.offerName(c.features.id)).sort()).toEqual(['e1', 'f1'])
  })
})

describe('the database’s pre-ranking', () => {
  /** A seeded generator, so the generated world is the same every run. */
  function generator(seed: number) {
    let state = seed
    const next = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31)
    return { next, pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!, some: <T>(list: readonly T[]) => list.filter(() => next() < 0.35) }
  }

  async function generatedWorld() {
    const g = generator(11)
    return world((k) => ({
      requests: [
        remittanceRequest(k, 'r1'),
        remittanceRequest(k, 'r2', { objectives: [6, 20, 21], actions: ['6.c', '20.a', '21.h'], budget: { amount: 40000, currency: 'EUR' }, seeksFunding: false, startDate: '2027-01-31', durationMonths: 1 }),
        remittanceRequest(k, 'r3', { countries: ['NPL'], organization: k('npl'), objectives: [21], actions: [], supportTypes: ['financing', 'peer_exchange'], startDate: undefined, durationMonths: undefined }),
      ],
      offers: Array.from({ length: 40 }, (_, i) => {
        const objectives = [g.pick([20, 6, 21, 19]), ...g.some([19, 20, 21, 1])].filter((n, j, all) => all.indexOf(n) === j)
        const financing = g.next() < 0.3
        return offer(k, `o${i}`, {
          organization: financing ? k('donor') : g.pick([k('p1'), k('p2'), k('p3')]),
          kind: financing ? 'financing' : 'expertise',
          objectives,
          actions: g.some(['20.a', '20.f', '6.c', '21.h']).filter((a) => objectives.includes(Number(a.split('.')[0]))),
          countries: g.some(['BGD', 'NPL', 'IND']),
          regions: [g.pick(['034', '142', '002']), ...g.some(['419', '142'])].filter((r, j, all) => all.indexOf(r) === j),
          global: g.next() < 0.2,
          supportTypes: financing ? ['financing'] : [g.pick(['technical_assistance', 'data_research', 'peer_exchange']), ...g.some(['policy_advice'])],
          languages: g.next() < 0.9 ? ['en'] : ['fr'],
          availableFrom: g.pick([undefined, '2027-02-01', '2027-06-01']),
          availableUntil: g.pick([undefined, '2027-12-31', '2029-01-01']),
          ...(financing ? { financing: g.pick([{ min: 50000, max: 250000, currency: 'USD' }, { min: 10000, max: 30000, currency: 'EUR' }]) } : {}),
          title: g.pick(['Remittance price data', 'Fair recruitment and decent work', 'Reintegration of returnees']),
        })
      }),
    }))
  }

  it('scores the base of every candidate as the scorer does', async () => {
    const w = await generatedWorld()
    const offerIds = Array.from({ length: 40 }, (_, i) => w.offer(`o${i}`))
    const columns = sql.raw(`o.id, o.organization_id as "organizationId", o.kind, o.status, o.objectives, o.actions, o.countries, o.regions,
      o.global, o.support_types as "supportTypes", o.languages, o.available_from::text as "availableFrom", o.available_until::text as "availableUntil",
      o.financing_min::float8 as "financingMin", o.financing_max::float8 as "financingMax", o.financing_currency as "financingCurrency"`)
    let compared = 0
    for (const name of ['r1', 'r2', 'r3']) {
      const [request] = await db.execute<RequestFeatures>(sql`
        select r.id, r.organization_id as "organizationId", r.objectives, r.actions, r.countries, r.regions, r.support_types as "supportTypes",
          r.languages, r.budget_amount::float8 as "budgetAmount", r.budget_currency as "budgetCurrency", r.seeks_funding as "seeksFunding",
          r.start_date::text as "startDate", r.duration_months as "durationMonths"
        from requests r where r.id = ${w.request(name)}`)
      const rows = await db.execute<Parameters<typeof scoreOnly>[1] & { base: number }>(sql`
        select ${columns}, ${offerBaseScore(request!, defaultContext)} as base from offers o where o.id = any(${sql.param(offerIds)}::uuid[])`)
      for (const row of rows) {
        expect(Math.abs(row.base - scoreOnly(request!, row, defaultContext)), `${name} × ${w.offerName(row.id)}`).toBeLessThan(0.001)
        compared++
      }
    }
    expect(compared).toBe(120)
  })

  it('finds the same top of each kind as ranking every candidate', async () => {
    const w = await generatedWorld()
    for (const name of ['r1', 'r2', 'r3']) {
      const all = (await scoreOffersForRequest(db, w.request(name), { top: 1000 }))!.ranked
      expect(all.length, name).toBeGreaterThan(5)
      for (const top of [1, 2, 3, 5]) {
        const pruned = (await scoreOffersForRequest(db, w.request(name), { top }))!.ranked
        for (const kind of ['expertise', 'financing']) {
          const expected = all.filter((c) => c.features.kind === kind).slice(0, top)
          expect(pruned.filter((c) => c.features.kind === kind).map((c) => [c.features.id, c.score]), `${name}, top ${top} ${kind}`).toEqual(
            expected.map((c) => [c.features.id, c.score]),
          )
        }
      }
    }
  })
})

describe('stored suggestions', () => {
  it('a refresh stores the best offers of each kind with their reasons, and replaces them when the request changes', async () => {
    const w = await world((k) => ({
      requests: [remittanceRequest(k)],
      offers: [offer(k, 'remit-1', { countries: ['BGD'] }), offer(k, 'remit-2'), financingOffer(k, 'grant'), offer(k, 'recruitment', { objectives: [6], actions: ['6.c'] })],
    }))
    await refreshSuggestions(db, { requestId: w.request('remit') })
    const first = await storedFor(w.request('remit'))
    expect(first.map((r) => w.offerName(r.offerId)).sort()).toEqual(['grant', 'remit-1', 'remit-2'])
    const best = first.find((r) => w.offerName(r.offerId) === 'remit-1')!
    // Stored as codes only: each reader gets the country named in their own language.
    expect(best.factors.find((f) => f.factor === 'geography')!.reason).toEqual({ key: 'matchReasons.sameCountry', values: { countryCode: 'BGD' } })

    await db.update(requests).set({ objectives: [6], primaryObjective: 6, actions: ['6.c'] }).where(eq(requests.id, w.request('remit')))
    await refreshSuggestions(db, { requestId: w.request('remit') })
    expect((await storedFor(w.request('remit'))).map((r) => w.offerName(r.offerId))).toEqual(['recruitment'])
  })

  it('a request that leaves `published`, or an offer that leaves `active`, keeps no suggestions', async () => {
    const w = await world((k) => ({ requests: [remittanceRequest(k)], offers: [offer(k, 'a'), offer(k, 'b', { organization: k('p2') })] }))
    await refreshSuggestions(db, { requestId: w.request('remit') })
    expect(await storedFor(w.request('remit'))).toHaveLength(2)

    await db.update(offers).set({ status: 'paused' }).where(eq(offers.id, w.offer('a')))
    await refreshSuggestions(db, { offerId: w.offer('a') })
    expect((await storedFor(w.request('remit'))).map((r) => w.offerName(r.offerId))).toEqual(['b'])

    await db.update(requests).set({ status: 'withdrawn', closedAt: new Date() }).where(eq(requests.id, w.request('remit')))
    await refreshSuggestions(db, { requestId: w.request('remit') })
    expect(await storedFor(w.request('remit'))).toEqual([])
  })

  it('keeps every stored pair among the best of its request or of its offer, whichever side refreshed last', async () => {
    const w = await world((k) => ({
      requests: [
        remittanceRequest(k, 'r1'),
        remittanceRequest(k, 'r2', { title: 'Remittance data for Nepal', countries: ['NPL'], organization: k('npl'), actions: ['20.f'] }),
        remittanceRequest(k, 'r3', { objectives: [19, 20], actions: [] }),
      ],
      offers: [offer(k, 'o1', { countries: ['BGD'] }), offer(k, 'o2', { organization: k('p2'), countries: ['NPL'], actions: ['20.f'] }), offer(k, 'o3', { organization: k('p3'), objectives: [19], actions: [] })],
    }))
    const keep = 1
    const names = ['r1', 'r2', 'r3', 'o1', 'o2', 'o3']
    const refresh = (name: string) => refreshSuggestions(db, name.startsWith('r') ? { requestId: w.request(name) } : { offerId: w.offer(name) }, { keep })
    const expectEachSidesBest = async (when: string) => {
      const stored = await db.select().from(matchSuggestions).where(inArray(matchSuggestions.requestId, ['r1', 'r2', 'r3'].map(w.request)))
      for (const name of ['r1', 'r2', 'r3']) {
        const [best] = (await suggestOffersForRequest(db, w.request(name), { top: 1 }))!
        expect(stored.some((s) => s.requestId === w.request(name) && s.offerId === best!.offerId), `${when}: best of ${name} stored`).toBe(true)
      }
      for (const pair of stored) {
        const ofRequest = stored.filter((s) => s.requestId === pair.requestId && s.score > pair.score).length
        const ofOffer = stored.filter((s) => s.offerId === pair.offerId && s.score > pair.score).length
        expect(Math.min(ofRequest, ofOffer), `${when}: ${w.requestName(pair.requestId)} × ${w.offerName(pair.offerId)}`).toBeLessThan(keep)
      }
    }
    // Every order of refreshes leaves the same kind of table, and so does a full refresh.
    for (const order of [names, [...names].reverse(), ['o1', 'r1', 'o2', 'r2', 'o3', 'r3', 'o1']]) {
      for (const name of order) await refresh(name)
      await expectEachSidesBest(order.join(' '))
    }
    await db.delete(matchSuggestions)
    for (const name of ['o1', 'o2', 'o3']) await refresh(name)
    await refreshAll(db, { keep })
    await expectEachSidesBest('refreshAll')
  })

  it('removes a pair once neither its request nor its offer counts it among their best', async () => {
    const w = await world((k) => ({
      requests: [
        remittanceRequest(k, 'r1', { objectives: [20], actions: [] }),
        remittanceRequest(k, 'r2', { organization: k('npl'), countries: ['NPL'], objectives: [6], actions: [], status: 'submitted' }),
      ],
      offers: [offer(k, 'a', { countries: ['BGD'], actions: [] }), offer(k, 'b', { organization: k('p2'), objectives: [6, 20], actions: [] })],
    }))
    const pairs = async () => (await db.select().from(matchSuggestions)).map((s) => `${w.requestName(s.requestId)}×${w.offerName(s.offerId)}`).sort()
    const keep = { keep: 1 }
    // b's best request is r1 while r2 is not published; r1's best offer is a, and it keeps r1×b as b's best.
    await refreshSuggestions(db, { offerId: w.offer('b') }, keep)
    await refreshSuggestions(db, { requestId: w.request('r1') }, keep)
    expect(await pairs()).toEqual(['r1×a', 'r1×b'])
    // r2 is published: b is its best offer and r2 becomes b's best request, so r1×b is nobody's best any more.
    await db.update(requests).set({ status: 'published', publishedAt: new Date() }).where(eq(requests.id, w.request('r2')))
    await refreshSuggestions(db, { requestId: w.request('r2') }, keep)
    expect(await pairs()).toEqual(['r1×a', 'r2×b'])

    // The same through a full refresh, which removes such pairs once at the end.
    await db.update(requests).set({ status: 'submitted' }).where(eq(requests.id, w.request('r2')))
    await db.delete(matchSuggestions)
    await refreshSuggestions(db, { offerId: w.offer('b') }, keep)
    await refreshSuggestions(db, { requestId: w.request('r1') }, keep)
    await db.update(requests).set({ status: 'published' }).where(eq(requests.id, w.request('r2')))
    await refreshAll(db, keep)
    expect(await pairs()).toEqual(['r1×a', 'r2×b'])
  })

  it('refreshAll refreshes every published request and drops the rows of requests no longer published', async () => {
    const w = await world((k) => ({ requests: [remittanceRequest(k, 'open'), remittanceRequest(k, 'gone')], offers: [offer(k, 'a')] }))
    await refreshSuggestions(db, { requestId: w.request('gone') })
    await db.update(requests).set({ status: 'closed', closedAt: new Date() }).where(eq(requests.id, w.request('gone')))
    const report = await refreshAll(db, { concurrency: 2 })
    expect(report.requests).toBeGreaterThanOrEqual(1)
    expect(await storedFor(w.request('open'))).toHaveLength(1)
    expect(await storedFor(w.request('gone'))).toEqual([])
  })
})

describe('the refresh job', () => {
  const refreshJobs = (requestId: string) =>
    db.execute<{ state: string }>(sql`select state from pgboss.job where name = 'matching.refresh' and singleton_key = ${`request:${requestId}`}`)

  it('is queued with the change that causes it, once per request while one waits', async () => {
    const w = await world((k) => ({ requests: [remittanceRequest(k)], offers: [offer(k, 'a')] }))
    await db.transaction(async (tx) => enqueueSuggestionRefresh(tx, { requestId: w.request('remit') }))
    await db.transaction(async (tx) => enqueueSuggestionRefresh(tx, { requestId: w.request('remit') }))
    await db
      .transaction(async (tx) => {
        await enqueueSuggestionRefresh(tx, { offerId: w.offer('a') })
        throw new Error('rolled back')
      })
      .catch(() => {})
    expect((await refreshJobs(w.request('remit'))).map((j) => j.state)).toEqual(['created'])
    expect(await db.execute(sql`select 1 from pgboss.job where singleton_key = ${`offer:${w.offer('a')}`}`)).toHaveLength(0)
  })

  it('runs in the worker and stores the suggestions', async () => {
    const w = await world((k) => ({ requests: [remittanceRequest(k)], offers: [offer(k, 'a')] }))
    await startWorkers()
    await db.transaction(async (tx) => enqueueSuggestionRefresh(tx, { requestId: w.request('remit') }))
    const deadline = Date.now() + 20_000
    while ((await storedFor(w.request('remit'))).length === 0 && Date.now() < deadline) await sleep(200)
    expect((await storedFor(w.request('remit'))).map((r) => w.offerName(r.offerId))).toEqual(['a'])
    while ((await refreshJobs(w.request('remit'))).some((j) => j.state !== 'completed') && Date.now() < deadline) await sleep(200)
    expect((await refreshJobs(w.request('remit'))).map((j) => j.state)).toContain('completed')
    // And a full refresh every night, for requests that new or changed offers now suit.
    const schedules = await db.execute<{ cron: string; data: unknown }>(sql`select cron, data from pgboss.schedule where name = 'matching.refresh'`)
    expect(Array.from(schedules)).toEqual([{ cron: fullRefresh.cron, data: { all: true } }])
  })

  it('a full refresh job refreshes every published request', async () => {
    const w = await world((k) => ({ requests: [remittanceRequest(k)], offers: [offer(k, 'a')] }))
    await runRefreshJob(db, fullRefresh.data)
    expect((await storedFor(w.request('remit'))).map((r) => w.offerName(r.offerId))).toEqual(['a'])
  })
})

describe('npm run hub -- match', () => {
  const run = promisify(execFile)
  const hub = (args: string[]) =>
    run('npx', ['tsx', 'app/server/hub.ts', 'match', ...args], { env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL, LOG_LEVEL: 'warn' }, timeout: 60_000 })

  it('prints fresh suggestions as JSON, best first, with keys, scores and reasons in English', async () => {
    const w = await world((k) => ({
      requests: [remittanceRequest(k)],
      offers: [offer(k, 'best', { countries: ['BGD'] }), offer(k, 'next', { objectives: [19], actions: [], organization: k('p2') }), offer(k, 'unrelated', { objectives: [5], actions: [] })],
    }))
    const { stdout } = await hub(['--request', w.k('remit'), '--top', '10', '--json'])
    const rows = JSON.parse(stdout) as { offer: string; score: number; reasons: string[] }[]
    expect(rows.map((r) => r.offer)).toEqual([w.k('best'), w.k('next')])
    expect(Object.keys(rows[0]!)).toEqual(['offer', 'score', 'reasons'])
    expect(rows[0]!.score).toBeGreaterThan(rows[1]!.score)
    expect(rows[0]!.reasons).toContain('Works in Bangladesh')
    expect(rows[0]!.reasons).toContain('Both on objective 20: Promote faster, safer and cheaper transfer of remittances and foster financial inclusion')

    const forOffer = JSON.parse((await hub(['--offer', w.k('best'), '--json'])).stdout) as { request: string; score: number }[]
    expect(forOffer).toEqual([{ request: w.k('remit'), score: rows[0]!.score, reasons: rows[0]!.reasons }])
  }, 120_000)

  it('says so and exits with 1 for an unknown key', async () => {
    const failure = await hub(['--request', 'no-such-request', '--json']).then(
      () => null,
      (error: { code: number; stderr: string; stdout: string }) => error,
    )
    expect(failure?.code).toBe(1)
    expect(failure?.stderr).toContain('No request with key "no-such-request".')
    expect(failure?.stdout).toBe('')
  }, 60_000)
})

describe('related work', () => {
  it('finds similar published requests, most similar first, never the request itself', async () => {
    const w = await world((k) => ({
      requests: [
        remittanceRequest(k, 'me'),
        remittanceRequest(k, 'twin', { organization: k('npl'), countries: ['NPL'], title: 'Cutting the cost of remittances to Nepal' }),
        remittanceRequest(k, 'cousin', { organization: k('npl'), countries: ['NPL'], objectives: [19], actions: [], title: 'Diaspora investment in Nepal', summary: 'Diaspora bonds and investment matching for Nepali workers abroad.' }),
        remittanceRequest(k, 'draft', { status: 'draft' }),
        remittanceRequest(k, 'stranger', { objectives: [8], actions: [], title: 'Identifying missing migrants', summary: 'Forensic identification of migrants missing on the routes north.' }),
      ],
    }))
    const similar = await similarRequests(db, w.request('me'), 10)
    const mine = similar.filter((s) => w.requestName(s.requestId))
    expect(mine.map((s) => w.requestName(s.requestId))).toEqual(['twin', 'cousin'])
    expect(mine[0]!.sharedObjectives).toEqual([19, 20])
    expect(mine[0]!.score).toBeGreaterThan(mine[1]!.score)
  })
})
