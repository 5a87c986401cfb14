import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { offers, requests, type OfferStatus, type RequestStatus } from '#db/schema/index'
import { countryCodes } from '~/domain/geography/codes'
import { offerColumns } from '~/domain/offers/offers.server'
import { OfferSchema } from '~/domain/offers/schemas'
import type { Organization } from '~/domain/organizations/organizations.server'
import { createRequest, requestColumns, transitionRequest } from '~/domain/requests/requests.server'
import { RequestSchema } from '~/domain/requests/schemas'
import { browse, browseStatement } from '~/domain/catalogue/browse.server'
import { browseQuery, parseBrowseParams, type BrowseQuery } from '~/domain/catalogue/filters'
import type { PublicOffer, PublicRequest } from '~/domain/catalogue/items.server'
import { objectiveCounts } from '~/domain/catalogue/objectives.server'
import { loader as objectiveLoader } from '~/routes/objectives.$number'
import { loader as offersLoader } from '~/routes/offers._index'
import { loader as requestsLoader } from '~/routes/requests._index'
import { db } from '~/utils/db.server'
import { createOrganization, createUser, uniqueSuffix } from '../factories'

// Each test writes rows carrying a word of its own and searches for it, so tests never see each other's rows.
const uniqueWord = () => `w${uniqueSuffix()}`

let state: Organization
let partner: Organization

beforeAll(async () => {
  state = (await createOrganization({ type: 'state', country: 'BGD', status: 'verified', name: `Ministry of Labour ${uniqueSuffix()}` })).org
  partner = (await createOrganization({ type: 'academia', status: 'verified', name: `Migration Data Lab ${uniqueSuffix()}` })).org
})

interface RequestFields {
  title: string
  summary?: string
  description?: string
  countries?: string[]
  objectives?: number[]
  supportTypes?: string[]
  languages?: string[]
  status?: RequestStatus
  publishedAt?: Date | null
}

async function insertRequest(fields: RequestFields) {
  const [primaryObjective, ...others] = fields.objectives ?? [20]
  const input = RequestSchema.parse({
    title: fields.title,
    summary: fields.summary ?? 'Support sought to strengthen national capacities.',
    description: fields.description ?? '',
    countries: fields.countries ?? ['BGD'],
    primaryObjective,
    objectives: others,
    supportTypes: fields.supportTypes ?? ['technical_assistance'],
    languages: fields.languages ?? ['en'],
    budgetAmount: 150000,
    budgetCurrency: 'USD',
    contactName: 'Private Contact Person',
    contactEmail: 'private.contact@example.org',
  })
  const status = fields.status ?? 'published'
  const publishedAt = fields.publishedAt !== undefined ? fields.publishedAt : status === 'draft' || status === 'submitted' ? null : new Date()
  const [row] = await db
    .insert(requests)
    .values({ ...requestColumns(input), organizationId: state.id, status, publishedAt })
    .returning({ id: requests.id })
  return row!.id as string
}

async function insertOffer(fields: { title: string; kind?: 'expertise' | 'financing'; status?: OfferStatus; objectives?: number[]; publishedAt?: Date }) {
  const [primaryObjective, ...others] = fields.objectives ?? [1]
  const kind = fields.kind ?? 'expertise'
  const input = OfferSchema.parse({
    kind,
    title: fields.title,
    summary: 'Training and coaching for national statistical offices.',
    primaryObjective,
    objectives: others,
    countries: ['KEN'],
    supportTypes: ['capacity_building'],
    languages: ['en'],
    ...(kind === 'financing' ? { financingMin: 50000, financingMax: 250000, financingCurrency: 'USD' } : {}),
  })
  const status = fields.status ?? 'active'
  const publishedAt = status === 'draft' ? null : (fields.publishedAt ?? new Date())
  const [row] = await db
    .insert(offers)
    .values({ ...offerColumns(input), organizationId: partner.id, status, publishedAt })
    .returning({ id: offers.id })
  return row!.id as string
}

const search = (q: string, choices: Partial<BrowseQuery> = {}) => browse<PublicRequest>(db, browseQuery('requests', { q, ...choices }), { facets: true })
const ids = (result: { items: { id: string }[] }) => result.items.map((i) => i.id)

const routeArgs = (path: string, headers: Record<string, string> = {}) => ({
  request: new Request(`http://localhost${path}`, { headers }),
  params: {},
  context: { cspNonce: '' },
})

/** Runs a loader expecting it to throw a Response; returns its status and text. */
async function thrownResponse(run: () => Promise<unknown>) {
  const thrown = await run().then(
    () => null,
    (e: unknown) => e,
  )
  expect(thrown, 'the loader answered instead of throwing').toBeInstanceOf(Response)
  const response = thrown as Response
  return { status: response.status, text: await response.text() }
}

describe('full-text search', () => {
  test('a title match ranks above a match in the description, even when the description match is newer', async () => {
    const word = uniqueWord()
    const inTitle = await insertRequest({ title: `Strengthening ${word} registries`, publishedAt: new Date('2026-01-01') })
    const inDescription = await insertRequest({ title: 'Strengthening civil registries', description: `Builds on the ${word} pilot.`, publishedAt: new Date('2026-06-01') })
    const inSummary = await insertRequest({ title: 'Strengthening consular services', summary: `A ${word} programme for consular staff.`, publishedAt: new Date('2026-03-01') })

    expect(ids(await search(word))).toEqual([inTitle, inSummary, inDescription])
    expect(ids(await search(word, { sort: 'newest' }))).toEqual([inDescription, inSummary, inTitle])
    expect(ids(await search(word, { sort: 'oldest' }))).toEqual([inTitle, inSummary, inDescription])
  })

  test('is accent-insensitive both ways and case-insensitive', async () => {
    const word = uniqueWord()
    const accented = await insertRequest({ title: `Política de migración laboral ${word}` })
    const plain = await insertRequest({ title: `Politica de migracion circular ${word}` })
    for (const q of [`migracion ${word}`, `MIGRACIÓN ${word}`, `Migración ${word}`]) {
      expect(new Set(ids(await search(q)))).toEqual(new Set([accented, plain]))
    }
    expect(ids(await search(`laboral política ${word}`))).toEqual([accented])
  })

  test('matches the beginning of words, and every word must match', async () => {
    const word = uniqueWord()
    const remittances = await insertRequest({ title: `Lowering remittances costs ${word}` })
    await insertRequest({ title: `Diaspora bonds ${word}` })
    expect(ids(await search(`remit ${word}`))).toEqual([remittances])
    expect(ids(await search(`${word.slice(0, -2)} remitt`))).toEqual([remittances])
    expect((await search(`remit diaspora ${word}`)).total).toBe(0)
  })

  test('text that looks like SQL or query syntax is searched as words, never run', async () => {
    const word = uniqueWord()
    const id = await insertRequest({ title: `Border management ${word} or reform` })
    const nasty = [
      `' OR 1=1 --`,
      `${word}'; drop table requests; --`,
      `${word} & | ! ( ) :* :A <-> \\ '' "`,
      `${word}:*`,
      `\\'${word}`,
      `${word} ½ ŉ ﬀ ß`,
      '🙂 ✈️',
      '---',
      `${word}\u0000\u0007 nul`,
    ]
    for (const q of nasty) {
      const parsed = parseBrowseParams(new URLSearchParams({ q }), 'requests')
      expect(parsed.success, q).toBe(true)
      if (parsed.success) await expect(browse(db, parsed.query, { facets: true }), q).resolves.toBeDefined()
    }
    expect(ids(await search(`${word}'; drop table requests; --`))).toEqual([])
    expect(ids(await search(`(${word}) | "or"`))).toEqual([id])
    const [count] = await db.execute<{ n: number }>(sql`select count(*)::int as n from requests`)
    expect(count!.n).toBeGreaterThan(0)
  })
})

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

describe('what the public sees', () => {
  test('a request the secretariat publishes is found; before that it is not', async () => {
    const word = uniqueWord()
    const { org, owner } = await createOrganization({ type: 'state', country: 'NPL', status: 'verified' })
    const secretariat = await createUser({ role: 'secretariat' })
    const input = RequestSchema.parse({
      title: `Pre-departure orientation ${word}`,
      summary: 'A national pre-departure orientation curriculum for workers going abroad.',
      countries: ['NPL'],
      primaryObjective: 3,
      supportTypes: ['capacity_building'],
      languages: ['ne', 'en'],
      contactEmail: 'focal.point@example.org',
    })
    const id = await createRequest(db, owner.actor, org, input)
    expect((await search(word)).total).toBe(0)
    await transitionRequest(db, owner.actor, id, 'submit', { origin: 'http://hub.test' })
    expect((await search(word)).total).toBe(0)
    await transitionRequest(db, secretariat.actor, id, 'publish', { origin: 'http://hub.test' })
    const found = await search(word)
    expect(ids(found)).toEqual([id])
    expect(found.items[0]).toMatchObject({ organization: { name: org.name, type: 'state', country: 'NPL' }, primaryObjective: 3 })
  })

  test('the pages show no draft, submitted, returned, withdrawn or closed request, and no contact details', async () => {
    const word = uniqueWord()
    const visible = await insertRequest({ title: `Visible request ${word}`, objectives: [7] })
    for (const status of ['draft', 'submitted', 'returned', 'withdrawn', 'closed'] as const) {
      await insertRequest({ title: `Hidden ${status} ${word}`, objectives: [7], status })
    }
    const page = await requestsLoader(routeArgs(`/requests?q=${word}`))
    expect(page.cards.map((c) => c.id)).toEqual([visible])
    expect(page.total).toBe(1)
    const text = JSON.stringify(page)
    expect(text).not.toContain('@')
    expect(text).not.toContain('Private Contact Person')

    const objective = await objectiveLoader({ ...routeArgs('/objectives/7'), params: { number: '7' } })
    expect(JSON.stringify(objective)).not.toContain('Hidden')
    expect(objective.requests.cards.map((c) => c.title)).toContain(`Visible request ${word}`)
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

describe('the browse pages', () => {
  test('name countries and regions in the reader’s language and keep the search in the title', async () => {
    const word = uniqueWord()
    await insertRequest({ title: `Consular protection ${word}`, countries: ['NPL'] })
    const english = await requestsLoader(routeArgs(`/requests?q=${word}`))
    const french = await requestsLoader(routeArgs(`/requests?q=${word}`, { 'Accept-Language': 'fr' }))
    const names = (page: typeof english, param: string) => page.facets.find((f) => f.param === param)!.values.map((v) => v.label)
    expect(names(english, 'country')).toEqual(['Nepal'])
    expect(names(french, 'country')).toEqual(['Népal'])
    expect(names(english, 'region')).toEqual(expect.arrayContaining(['Asia', 'Southern Asia']))
    expect(names(french, 'region')).toEqual(expect.arrayContaining(['Asie']))
    expect(english.cards[0]!.places).toEqual(['Nepal'])
    expect(english.cards[0]!.money).toBe('$150,000')
    expect(english.title).toBe(`“${word}” in Requests for support`)
    expect(french.title).toBe(`« ${word} » dans Demandes d’appui`)
  })

  test('a page past the last one is empty, not an error', async () => {
    const word = uniqueWord()
    await insertRequest({ title: `Return and reintegration ${word}` })
    const page = await requestsLoader(routeArgs(`/requests?q=${word}&page=7`))
    expect(page).toMatchObject({ total: 1, page: 7, pageCount: 1, cards: [] })
  })

  test('bad parameters are a 400 that names the problem, never a 500', async () => {
    const cases: [string, RegExp][] = [
      ['objective=99', /no objective “99”/],
      ['objective=abc', /no objective “abc”/],
      ['objective=20&objective=0', /no objective “0”/],
      ['country=XXX', /“XXX” is not a country code/],
      [`country=${encodeURIComponent("' OR 1=1 --")}`, /is not a country code/],
      ['region=999', /“999” is not a region code/],
      ['supportType=money', /“money” is not a kind of support/],
      ['language=zz', /“zz” is not a language code/],
      ['status=draft', /“draft” is not a status of published requests/],
      ['sort=random', /order “random” is unknown/],
      ['page=abc', /page “abc” is not a page number/],
      ['page=0', /page “0” is not a page number/],
      ['page=-1', /page “-1” is not a page number/],
      ['page=1.5', /page “1.5” is not a page number/],
      ['page=99999999999999999999', /is not a page number/],
      [`q=${'a'.repeat(201)}`, /too long/],
    ]
    for (const [query, message] of cases) {
      const { status, text } = await thrownResponse(() => requestsLoader(routeArgs(`/requests?${query}`)))
      expect(status, query).toBe(400)
      expect(text, query).toMatch(message)
    }
    const offerProblem = await thrownResponse(() => offersLoader(routeArgs('/offers?kind=grant&status=closed')))
    expect(offerProblem.status).toBe(400)
    expect(offerProblem.text).toMatch(/“grant” is not a kind of offer/)
    expect(offerProblem.text).toMatch(/“closed” is not a status of public offers/)
  })

  test('ten megabytes of search text is a short 400', async () => {
    const huge = 'x'.repeat(10 * 1024 * 1024)
    const { status, text } = await thrownResponse(() => requestsLoader(routeArgs(`/requests?q=${huge}`)))
    expect(status).toBe(400)
    expect(text.length).toBeLessThan(500)
  })

  test('SQL-looking search text is searched literally: a normal page', async () => {
    const page = await requestsLoader(routeArgs(`/requests?q=${encodeURIComponent("' OR 1=1 --")}`))
    expect(page.state.q).toBe("' OR 1=1 --")
    expect(page.total).toBe(0)
  })

  test('an unknown objective page is a 404', async () => {
    for (const number of ['0', '24', '99', 'abc', '1e1']) {
      const { status } = await thrownResponse(() => objectiveLoader({ ...routeArgs(`/objectives/${number}`), params: { number } }))
      expect(status, number).toBe(404)
    }
  })
})

describe('filters from the address', () => {
  test('repeat, normalise and ignore what they should', () => {
    const parsed = parseBrowseParams(new URLSearchParams('objective=20&objective=19&objective=20&country=bgd&q=+remittances+&utm_source=x&page=&sort='), 'requests')
    expect(parsed.success).toBe(true)
    if (!parsed.success) return
    expect(parsed.query).toMatchObject({ objective: [20, 19], country: ['BGD'], q: 'remittances', page: 1, sort: 'relevance' })
    expect(parsed.query.status).toEqual(['published', 'matched', 'in_project', 'completed'])
    expect(parsed.state.filters.objective).toEqual(['20', '19'])
  })

  test('too many values are refused', () => {
    const params = new URLSearchParams()
    for (const code of [...countryCodes].slice(0, 51)) params.append('country', code)
    const parsed = parseBrowseParams(params, 'requests')
    expect(parsed.success).toBe(false)
    if (!parsed.success) expect(parsed.problems).toEqual([{ parameter: 'country', value: null, message: 'browse.errors.tooMany', max: 50 }])
  })
})

describe('query plans', () => {
  /**
   * Explains browse statements over a few thousand rows of realistic width, written and analysed inside a
   * transaction that is rolled back, so the planner weighs real numbers rather than a near-empty table.
   */
  async function plan(...queries: BrowseQuery[]) {
    const plans: string[] = []
    await db
      .transaction(async (tx) => {
        await tx.execute(sql`
          insert into requests (organization_id, status, title, summary, description, countries, regions, primary_objective,
            objectives, support_types, languages, published_at)
          select ${state.id}, 'published', 'Labour mobility programme ' || g || case when g % 500 = 0 then ' remittances' else '' end,
            'Support for national capacities in migration governance.',
            (select string_agg(md5(g::text || '-' || i), ' ') from generate_series(1, 30) i),
            array['KEN'], array['002','014','202'],
            (g % 23 + 1)::smallint, array[(g % 23 + 1)::smallint], array['capacity_building'], array['en'], now() - g * interval '1 hour'
          from generate_series(1, 4000) g`)
        // As autovacuum would: move fresh entries from the GIN pending lists into the indexes proper.
        await tx.execute(sql`select gin_clean_pending_list(indexrelid) from pg_index i join pg_class c on c.oid = i.indexrelid
          join pg_am a on a.oid = c.relam where i.indrelid = 'requests'::regclass and a.amname = 'gin'`)
        await tx.execute(sql`analyze requests`)
        for (const query of queries) {
          const rows = await tx.execute<{ 'QUERY PLAN': string }>(sql`explain ${browseStatement(query, { facets: true })}`)
          plans.push(rows.map((r) => r['QUERY PLAN']).join('\n'))
        }
        throw new Rollback()
      })
      .catch((e: unknown) => {
        if (!(e instanceof Rollback)) throw e
      })
    return plans
  }
  class Rollback extends Error {}

  test('search words and array filters go through the GIN indexes; a page without them, through the date index', async () => {
    const [words, arrays, both, everything] = await plan(
      browseQuery('requests', { q: 'remittances' }),
      browseQuery('requests', { objective: [20], country: ['KEN'] }),
      browseQuery('requests', { q: 'remittances', objective: [20] }),
      browseQuery('requests'),
    )
    expect(words).toContain('Bitmap Index Scan on requests_search_idx')
    expect(arrays).toMatch(/Bitmap Index Scan on requests_(objectives|countries)_idx/)
    expect(both).toMatch(/Bitmap Index Scan on requests_(search|objectives)_idx/)
    for (const text of [words, arrays, both]) expect(text).not.toMatch(/Seq Scan on requests/)
    // The page itself comes off the index; only the total counts every row.
    const [page] = everything!.split(/InitPlan \d+/).filter((part) => part.includes('Limit'))
    expect(page).toMatch(/Merge Append[\s\S]*Index (Only )?Scan using requests_status_published_idx/)
    expect(page).not.toMatch(/Seq Scan on requests/)
  })
})
