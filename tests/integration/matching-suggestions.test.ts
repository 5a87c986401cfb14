import { eq, inArray, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { matchSuggestions, offers, requests } from '#db/schema/index'
import { enqueueSuggestionRefresh, fullRefresh, refreshAll, refreshSuggestions, runRefreshJob, suggestOffersForRequest } from '~/domain/matching/suggestions.server'
import { startWorkers } from '~/server/workers'
import { db } from '~/utils/db.server'
import { financingOffer, offer, remittanceRequest, startEachTestWithAnEmptyCatalogue, storedFor, world } from './matching-support'
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
