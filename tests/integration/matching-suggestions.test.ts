import { eq, inArray, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { matchSuggestions, offers, requests } from '#db/schema/index'
import { scoreOffersForRequest } from '~/domain/matching/candidates.server'
import { enqueueSuggestionRefresh, fullRefresh, refreshAll, refreshSuggestions, runRefreshJob, suggestOffersForRequest } from '~/domain/matching/suggestions.server'
import { startWorkers } from '~/server/workers'
import { db } from '~/utils/db.server'
import { decline, financingOffer, generator, offer, remittanceRequest, startEachTestWithAnEmptyCatalogue, storedFor, world } from './matching-support'
import { sleep } from './support'

// Stored suggestions and their refresh: directly, by the job, in bulk.

startEachTestWithAnEmptyCatalogue()

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

describe('the full refresh, in batches against the offers held in memory', () => {
  /** Requests and offers drawn at random over a few objectives, languages, places, dates and budgets. */
  async function generatedWorld(counts: { requests: number; offers: number }) {
    const g = generator(29)
    const objectivesAndActions = () => {
      const objectives = [g.pick([20, 6, 21, 19]), ...g.some([19, 20, 21, 6])].filter((n, j, all) => all.indexOf(n) === j)
      return { objectives, actions: g.some(['20.a', '20.f', '6.c', '21.h', '19.c']).filter((a) => objectives.includes(Number(a.split('.')[0]))) }
    }
    const titles = ['Remittance price data', 'Fair recruitment and decent work', 'Reintegration of returnees', 'Diaspora investment advice']
    return world((k) => ({
      requests: Array.from({ length: counts.requests }, (_, i) => {
        const nepal = g.next() < 0.4
        return remittanceRequest(k, `r${i}`, {
          ...objectivesAndActions(),
          organization: nepal ? k('npl') : k('bgd'),
          countries: [nepal ? 'NPL' : 'BGD'],
          supportTypes: [g.pick(['technical_assistance', 'data_research', 'peer_exchange', 'financing']), ...g.some(['policy_advice'])].filter((t, j, all) => all.indexOf(t) === j),
          languages: g.next() < 0.8 ? ['en'] : ['fr', 'en'],
          budget: g.pick([undefined, { amount: 40000, currency: 'EUR' }, { amount: 150000, currency: 'USD' }]),
          seeksFunding: g.next() < 0.5,
          startDate: g.pick([undefined, '2027-01-31', '2027-06-01']),
          durationMonths: g.pick([undefined, 1, 12]),
          title: g.pick(titles),
        })
      }),
      offers: Array.from({ length: counts.offers }, (_, i) => {
        const financing = g.next() < 0.3
        return offer(k, `o${i}`, {
          ...objectivesAndActions(),
          organization: financing ? k('donor') : g.pick([k('p1'), k('p2'), k('p3'), k('bgd')]),
          kind: financing ? 'financing' : 'expertise',
          countries: g.some(['BGD', 'NPL', 'IND']),
          regions: [g.pick(['034', '142', '002']), ...g.some(['419', '142'])].filter((r, j, all) => all.indexOf(r) === j),
          global: g.next() < 0.2,
          supportTypes: financing ? ['financing'] : [g.pick(['technical_assistance', 'data_research', 'peer_exchange']), ...g.some(['policy_advice'])],
          languages: g.next() < 0.85 ? ['en'] : ['fr'],
          status: g.next() < 0.9 ? 'active' : 'paused',
          availableFrom: g.pick([undefined, '2027-02-01', '2027-06-01']),
          availableUntil: g.pick([undefined, '2027-12-31', '2029-01-01']),
          ...(financing ? { financing: g.pick([{ min: 50000, max: 250000, currency: 'USD' }, { min: 10000, max: 30000, currency: 'EUR' }]) } : {}),
          title: g.pick(titles),
        })
      }),
    }))
  }
  const counts = { requests: 90, offers: 240 }
  const keep = 3
  const table = async () =>
    (await db.select().from(matchSuggestions)).map((s) => `${s.requestId} ${s.offerId} ${s.score} ${JSON.stringify(s.factors)}`).sort()

  it('stores the same pairs, scores and reasons as refreshing each request on its own', async () => {
    const w = await generatedWorld(counts)
    await decline(w.request('r1'), w.org('p2'), null)
    await decline(w.request('r2'), w.org('p1'), w.offer('o3'))
    const ids = Array.from({ length: counts.requests }, (_, i) => w.request(`r${i}`))
    for (const id of ids) await refreshSuggestions(db, { requestId: id }, { keep })
    const oneByOne = await table()
    expect(oneByOne.length).toBeGreaterThan(counts.requests * 2)

    await db.delete(matchSuggestions)
    await refreshAll(db, { keep, batch: 16, concurrency: 2 })
    expect(await table()).toEqual(oneByOne)
  })

  it('scores again, exactly, the pairs offers stored, and drops those no longer eligible', async () => {
    const w = await generatedWorld(counts)
    await refreshAll(db, { keep, batch: 16 })
    for (let i = 0; i < 12; i++) await refreshSuggestions(db, { offerId: w.offer(`o${i}`) }, { keep })
    // Offers that change after their pairs were stored: one no longer shares an objective with anyone.
    await db.update(offers).set({ objectives: [1], primaryObjective: 1, actions: [] }).where(eq(offers.id, w.offer('o0')))
    await db.update(offers).set({ countries: ['BGD', 'NPL'] }).where(eq(offers.id, w.offer('o1')))
    const stored = await db.select().from(matchSuggestions)
    expect(stored.some((s) => s.offerId === w.offer('o0'))).toBe(true)

    await refreshAll(db, { keep, batch: 16 })
    const after = await db.select().from(matchSuggestions)
    expect(after.some((s) => s.offerId === w.offer('o0'))).toBe(false)
    let compared = 0
    for (const id of new Set(after.map((s) => s.requestId))) {
      const mine = after.filter((s) => s.requestId === id)
      const fresh = (await scoreOffersForRequest(db, id, { top: keep, include: new Set(mine.map((s) => s.offerId)) }))!.ranked
      for (const pair of mine) {
        const expected = fresh.find((c) => c.features.id === pair.offerId)
        expect([pair.score, pair.factors]).toEqual([expected?.score, expected?.factors])
        compared++
      }
    }
    expect(compared).toBe(after.length)
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
