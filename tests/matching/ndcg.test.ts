import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { requests } from '#db/schema/index'
import { importData } from '~/domain/import/import.server'
import { scoreOffersForRequest } from '~/domain/matching/candidates.server'
import { db } from '~/utils/db.server'
import labelled from './labelled-set.json' with { type: 'json' }
import { mean, ndcgAt, tiedBy, type TiedRanking } from './ndcg'

/**
 * The matching service against the simplest thing that could work: ranking offers by the number of objectives
 * they share with the request (what a plain `objectives && $1` query offers). Each request of the labelled set
 * is ranked over all 15 offers; offers the hard filters exclude go last, tied.
 */

const relevance = labelled.relevance as Record<string, Record<string, number>>
const offerKeys = labelled.offers.map((o) => o.key)
const objectivesOf = new Map(labelled.offers.map((o) => [o.key, o.objectives]))

const results: { request: string; engine: number; baseline: number }[] = []

beforeAll(async () => {
  const { organizations, requests: requestRecords, offers } = labelled
  await importData(db, { organizations, requests: requestRecords, offers })
  for (const request of labelled.requests) {
    const [row] = await db.select({ id: requests.id }).from(requests).where(eq(requests.key, request.key))
    const scored = await scoreOffersForRequest(db, row!.id, { top: offerKeys.length })
    const keyOf = new Map(await keysById())
    const ranked = scored!.ranked.map((c) => ({ key: keyOf.get(c.features.id)!, score: c.score }))
    const excluded = offerKeys.filter((key) => !ranked.some((r) => r.key === key))
    const grade = (key: string) => relevance[request.key]![key]!
    const engine: TiedRanking = [...tiedBy(ranked, (r) => r.score, (r) => grade(r.key)), ...(excluded.length ? [excluded.map(grade)] : [])]
    const shared = (key: string) => objectivesOf.get(key)!.filter((n) => request.objectives.includes(n)).length
    const baseline = tiedBy(offerKeys, shared, grade)
    results.push({ request: request.key, engine: ndcgAt(5, engine), baseline: ndcgAt(5, baseline) })
  }
  const line = (name: string, pick: (r: (typeof results)[number]) => number) =>
    `${name} ${mean(results.map(pick)).toFixed(3)} [${results.map((r) => pick(r).toFixed(2)).join(' ')}]`
  console.warn(`NDCG@5 over ${results.length} requests — ${line('scorer', (r) => r.engine)}; ${line('objective overlap', (r) => r.baseline)}`)
})

async function keysById() {
  const rows = await db.query.offers.findMany({ columns: { id: true, key: true } })
  return rows.map((r) => [r.id as string, r.key ?? ''] as const)
}

describe('ranking quality on the labelled set', () => {
  it('ranks every request of the set', () => {
    expect(results).toHaveLength(10)
  })

  it('beats ranking by objective overlap alone (mean NDCG@5)', () => {
    expect(mean(results.map((r) => r.engine))).toBeGreaterThan(mean(results.map((r) => r.baseline)))
  })

  it('puts the partner to call first in the top 3 of every request', () => {
    // Every request has an offer graded 3; NDCG@5 of at least 0.5 means it ranks third or better.
    for (const r of results) expect(r.engine, r.request).toBeGreaterThanOrEqual(0.5)
  })
})
