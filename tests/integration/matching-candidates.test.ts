import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { RequestId } from '#db/schema/index'
import { offerBaseScore, scoreOffersForRequest } from '~/domain/matching/candidates.server'
import { defaultContext, type RequestFeatures } from '~/domain/matching/features'
import { scoreOnly } from '~/domain/matching/scoring'
import { suggestOffersForRequest, suggestRequestsForOffer } from '~/domain/matching/suggestions.server'
import { db } from '~/utils/db.server'
import { decline, financingOffer, generator, offer, remittanceRequest, startEachTestWithAnEmptyCatalogue, world } from './matching-support'

// The hard filters in the candidate queries, and the database’s pre-ranking held to the scorer.

startEachTestWithAnEmptyCatalogue()

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
