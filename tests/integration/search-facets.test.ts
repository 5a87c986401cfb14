import { describe, expect, test } from 'vitest'
import { browse } from '~/domain/catalogue/browse.server'
import { browseQuery, type BrowseQuery } from '~/domain/catalogue/filters'
import type { PublicOffer } from '~/domain/catalogue/items.server'
import { objectiveCounts } from '~/domain/catalogue/objectives.server'
import { db } from '~/utils/db.server'
import { ids, insertOffer, insertRequest, search, uniqueWord } from './search-support'

describe('facets', () => {
  async function threeRequests() {
    const word = uniqueWord()
    const a = await insertRequest({ title: `Remittance costs ${word}`, objectives: [20, 19], countries: ['BGD'], supportTypes: ['technical_assistance'], languages: ['en'] })
    const b = await insertRequest({
      title: `Diaspora skills ${word}`,
      objectives: [20],
      countries: ['NPL'],
      supportTypes: ['capacity_building', 'technical_assistance'],
      languages: ['en', 'ne'],
      status: 'matched',
    })
    const c = await insertRequest({ title: `Migration data ${word}`, objectives: [1], countries: ['KEN'], supportTypes: ['data_research'], languages: ['sw', 'en'], status: 'completed' })
    await insertRequest({ title: `Draft on remittances ${word}`, objectives: [20], countries: ['BGD'], status: 'draft' })
    await insertRequest({ title: `Withdrawn on remittances ${word}`, objectives: [20], countries: ['BGD'], status: 'withdrawn' })
    return { word, a, b, c }
  }

  test('counts every value over the public results only', async () => {
    const { word } = await threeRequests()
    const result = await search(word)
    expect(result.total).toBe(3)
    expect(result.facets).toEqual({
      objective: { '20': 2, '19': 1, '1': 1 },
      country: { BGD: 1, NPL: 1, KEN: 1 },
      // Bangladesh and Nepal: Southern Asia (034) in Asia (142); Kenya: Eastern Africa (014), Sub-Saharan Africa (202), Africa (002).
      region: { '034': 2, '142': 2, '014': 1, '202': 1, '002': 1 },
      supportType: { technical_assistance: 2, capacity_building: 1, data_research: 1 },
      language: { en: 3, ne: 1, sw: 1 },
      status: { published: 1, matched: 1, completed: 1 },
    })
  })

  test('each filter narrows the results and the counts; status counts ignore the status chosen', async () => {
    const { word, a, b, c } = await threeRequests()
    const cases: [Partial<BrowseQuery>, string[]][] = [
      [{ objective: [20] }, [a, b]],
      [{ objective: [20, 19] }, [a]],
      [{ country: ['NPL'] }, [b]],
      [{ region: ['142'] }, [a, b]],
      [{ region: ['002'] }, [c]],
      [{ supportType: ['technical_assistance'] }, [a, b]],
      [{ supportType: ['technical_assistance', 'capacity_building'] }, [b]],
      [{ language: ['sw'] }, [c]],
      [{ status: ['matched', 'completed'] }, [b, c]],
      [{ objective: [1], country: ['BGD'] }, []],
    ]
    for (const [choices, expected] of cases) {
      const result = await search(word, choices)
      expect(new Set(ids(result)), JSON.stringify(choices)).toEqual(new Set(expected))
      expect(result.total, JSON.stringify(choices)).toBe(expected.length)
    }

    const byObjective = await search(word, { objective: [20] })
    expect(byObjective.facets.objective).toEqual({ '20': 2, '19': 1 })
    expect(byObjective.facets.country).toEqual({ BGD: 1, NPL: 1 })
    expect(byObjective.facets.status).toEqual({ published: 1, matched: 1 })

    const published = await search(word, { status: ['published'] })
    expect(ids(published)).toEqual([a])
    expect(published.facets.status).toEqual({ published: 1, matched: 1, completed: 1 })
    expect(published.facets.language).toEqual({ en: 1 })
  })

  test('offers: active by default, paused on request, drafts and closed never; kind filters and counts', async () => {
    const word = uniqueWord()
    const expertise = await insertOffer({ title: `Statistics training ${word}` })
    const financing = await insertOffer({ title: `Start-up grants ${word}`, kind: 'financing' })
    const paused = await insertOffer({ title: `Paused coaching ${word}`, status: 'paused' })
    await insertOffer({ title: `Draft coaching ${word}`, status: 'draft' })
    await insertOffer({ title: `Closed coaching ${word}`, status: 'closed' })
    const find = (choices: Partial<BrowseQuery>) => browse<PublicOffer>(db, browseQuery('offers', { q: word, ...choices }), { facets: true })

    const active = await find({})
    expect(new Set(ids(active))).toEqual(new Set([expertise, financing]))
    expect(active.facets.status).toEqual({ active: 2, paused: 1 })
    expect(active.facets.kind).toEqual({ expertise: 1, financing: 1 })
    expect(ids(await find({ status: ['paused'] }))).toEqual([paused])
    expect(new Set(ids(await find({ status: ['active', 'paused'] })))).toEqual(new Set([expertise, financing, paused]))

    const grants = await find({ kind: ['financing'] })
    expect(ids(grants)).toEqual([financing])
    expect(grants.facets.kind).toEqual({ expertise: 1, financing: 1 })
    expect(grants.items[0]).toMatchObject({ financingMin: 5_000_000, financingMax: 25_000_000, financingCurrency: 'USD' })
  })
})

describe('pagination', () => {
  test('pages are complete and never overlap, even when every row ties on date and rank', async () => {
    const word = uniqueWord()
    const sameMoment = new Date('2026-05-01T12:00:00Z')
    const created = new Set<string>()
    for (let i = 0; i < 45; i++) created.add(await insertRequest({ title: `Labour mobility ${word} ${i}`, publishedAt: sameMoment }))

    for (const sort of ['relevance', 'newest', 'oldest'] as const) {
      const seen: string[] = []
      for (const page of [1, 2, 3]) {
        const result = await search(word, { sort, page })
        expect(result.total).toBe(45)
        expect(result.items).toHaveLength(page < 3 ? 20 : 5)
        seen.push(...ids(result))
      }
      expect(new Set(seen).size, sort).toBe(45)
      expect(new Set(seen)).toEqual(created)
      // Rows that tie are ordered by id (backwards when the order is), so every page is reproducible.
      const byId = [...created].sort()
      expect(seen, sort).toEqual(sort === 'oldest' ? byId.reverse() : byId)
      // The same page asked twice comes back the same.
      expect(ids(await search(word, { sort, page: 2 }))).toEqual(seen.slice(20, 40))
      expect((await search(word, { sort, page: 4 })).items).toEqual([])
    }
  })
})

describe('objectives', () => {
  test('count the open requests and active offers tagged with each objective', async () => {
    const before = await objectiveCounts(db)
    const word = uniqueWord()
    await insertRequest({ title: `Published ${word}`, objectives: [5, 6] })
    await insertRequest({ title: `Matched ${word}`, objectives: [5], status: 'matched' })
    await insertRequest({ title: `Draft ${word}`, objectives: [5], status: 'draft' })
    await insertOffer({ title: `Active ${word}`, objectives: [6, 5] })
    await insertOffer({ title: `Paused ${word}`, objectives: [5], status: 'paused' })
    const after = await objectiveCounts(db)
    const delta = (n: number) => ({
      requests: (after.get(n)?.requests ?? 0) - (before.get(n)?.requests ?? 0),
      offers: (after.get(n)?.offers ?? 0) - (before.get(n)?.offers ?? 0),
    })
    expect(delta(5)).toEqual({ requests: 1, offers: 1 })
    expect(delta(6)).toEqual({ requests: 1, offers: 1 })
    expect(delta(7)).toEqual({ requests: 0, offers: 0 })
  })
})
