import { beforeAll, describe, expect, test } from 'vitest'
import type { OfferStatus, RequestStatus } from '#db/schema/index'
import type { Organization } from '~/domain/organizations/organizations.server'
import { loader as offerLoader } from '~/routes/api.v1.offers.$id'
import { loader as offersLoader } from '~/routes/api.v1.offers'
import { loader as requestLoader } from '~/routes/api.v1.requests.$id'
import { loader as requestsLoader } from '~/routes/api.v1.requests'
import { publicOrigin } from '~/utils/env.server'
import { createOrganization, createUser, insertOffer as insertOfferRow, insertRequest as insertRequestRow, seedGrantTerms, uniqueSuffix } from '../factories'
import { loaderArgs, readJson, type Listed } from './api-support'

// Rows carry a word of their own, and each test lists by that word, so tests never see each other's rows.
const uniqueWord = () => `w${uniqueSuffix()}`

const CONTACT = { contactName: 'Nadia Private-Contact', contactEmail: 'nadia.private@example.org', contactPhone: '+880 1711 000000' }

let state: Organization
let donor: Organization
let author: Awaited<ReturnType<typeof createUser>>

beforeAll(async () => {
  author = await createUser({ email: `author.${uniqueSuffix()}@example.org` })
  state = (await createOrganization({ type: 'state', country: 'BGD', status: 'verified', owner: author })).org
  donor = (await createOrganization({ type: 'philanthropy', status: 'verified' })).org
})

async function insertRequest(title: string, status: RequestStatus = 'published', publishedAt = new Date()) {
  const form = {
    title,
    summary: 'Technical assistance to bring remittance costs below 3 per cent.',
    description: 'A national strategy with the central bank and mobile operators.',
    countries: ['BGD'],
    primaryObjective: 20,
    objectives: [19],
    actions: ['20.a'],
    principles: ['gender_responsive'],
    supportTypes: ['technical_assistance'],
    languages: ['en', 'bn'],
    budgetAmount: 150000,
    budgetCurrency: 'USD',
    seeksFunding: 'on',
    startDate: '2027-03-01',
    durationMonths: 12,
    ...CONTACT,
  }
  return insertRequestRow(form, { organizationId: state.id, createdBy: author.id, status, publishedAt: status === 'draft' || status === 'submitted' ? null : publishedAt })
}

async function insertOffer(title: string, status: OfferStatus = 'active') {
  const form = {
    kind: 'financing',
    title,
    summary: 'Seed grants for start-up projects on remittances and financial inclusion.',
    description: 'Grants for pilots run with a national partner.',
    primaryObjective: 20,
    objectives: [],
    countries: [],
    ...seedGrantTerms,
    conditions: 'Co-financing of 10 per cent.',
  }
  return insertOfferRow(form, { organizationId: donor.id, createdBy: author.id, status, publishedAt: status === 'draft' ? null : new Date() })
}

const get = async (path: string) => {
  const url = new URL(`http://localhost${path}`)
  const [, , , listing, id] = url.pathname.split('/')
  const loader = listing === 'requests' ? (id ? requestLoader : requestsLoader) : id ? offerLoader : offersLoader
  return readJson(await loader(loaderArgs(path, id ? { id } : {})))
}


/** No personal data: no email address, no contact person, no author. */
function expectNoPersonalData(text: string) {
  expect(text).not.toContain('@')
  for (const value of Object.values(CONTACT)) expect(text).not.toContain(value)
  expect(text).not.toMatch(/contact|createdBy|created_by|passwordHash/i)
  expect(text).not.toContain(author.id)
}

describe('GET /api/v1/requests', () => {
  test('lists published requests in camelCase with money in major units and no personal data', async () => {
    const word = uniqueWord()
    const id = await insertRequest(`Digital remittance channels ${word}`)
    const { status, cacheControl, text, body } = await get(`/api/v1/requests?q=${word}`)
    expect(status).toBe(200)
    expect(cacheControl).toBe('public, max-age=60')
    expect(body).toMatchObject({ total: 1, page: 1, pageSize: 20, links: { next: null, prev: null } })
    expect((body as unknown as Listed).items[0]).toEqual({
      id,
      // Links use the Hub's public origin (APP_URL), never the request's Host.
      url: `${publicOrigin()}/requests/${id}`,
      title: `Digital remittance channels ${word}`,
      summary: 'Technical assistance to bring remittance costs below 3 per cent.',
      language: 'en',
      status: 'published',
      publishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      organization: { name: state.name, type: 'state', country: 'BGD' },
      countries: ['BGD'],
      regions: ['034', '142'],
      primaryObjective: 20,
      objectives: [20, 19],
      actions: ['20.a'],
      principles: ['gender_responsive'],
      supportTypes: ['technical_assistance'],
      languages: ['en', 'bn'],
      budget: { amount: 150000, currency: 'USD' },
      seeksFunding: true,
      startDate: '2027-03-01',
      durationMonths: 12,
    })
    expectNoPersonalData(text)
  })

  test('never lists a request that is not public', async () => {
    const word = uniqueWord()
    const visible = await insertRequest(`Visible ${word}`)
    for (const status of ['draft', 'submitted', 'returned', 'withdrawn', 'closed'] as const) await insertRequest(`Hidden ${status} ${word}`, status)
    const { body, text } = await get(`/api/v1/requests?q=${word}&pageSize=100`)
    expect((body as unknown as Listed).items.map((i) => i.id)).toEqual([visible])
    expect(text).not.toContain('Hidden')
    const statusFilter = await get(`/api/v1/requests?q=${word}&status=draft`)
    expect(statusFilter.status).toBe(400)
  })

  test('pages through every result once, following links.next', async () => {
    const word = uniqueWord()
    const created = new Set<string>()
    for (let i = 0; i < 5; i++) created.add(await insertRequest(`Labour migration ${word} ${i}`, 'published', new Date('2026-02-02T00:00:00Z')))
    const seen: string[] = []
    let next: string | null = `/api/v1/requests?q=${word}&pageSize=2&sort=newest`
    const pages: Listed[] = []
    while (next) {
      const { body } = await get(next.replace(publicOrigin(), ''))
      const page = body as unknown as Listed
      pages.push(page)
      seen.push(...page.items.map((i) => i.id))
      next = page.links.next
    }
    expect(pages.map((p) => [p.page, p.items.length, p.total])).toEqual([
      [1, 2, 5],
      [2, 2, 5],
      [3, 1, 5],
    ])
    expect(pages[1]!.links.prev).toMatch(/pageSize=2/)
    expect(pages[1]!.links.next).toMatch(/page=3/)
    expect(seen).toHaveLength(5)
    expect(new Set(seen)).toEqual(created)
  })

  test('bad parameters are a 400 listing each issue', async () => {
    for (const query of ['objective=99', 'country=ZZZ', 'pageSize=101', 'pageSize=0', 'page=abc', `q=${'x'.repeat(300)}`, 'supportType=%27%20OR%201%3D1%20--']) {
      const { status, body } = await get(`/api/v1/requests?${query}`)
      expect(status, query).toBe(400)
      expect(body.error, query).toEqual(expect.any(String))
      expect((body.issues as unknown[]).length, query).toBeGreaterThan(0)
    }
    const { body } = await get('/api/v1/requests?objective=99&country=ZZZ')
    expect(body.issues).toEqual([
      { parameter: 'objective', value: '99', message: 'There is no objective “99”: the Compact’s objectives are numbered 1 to 23.' },
      { parameter: 'country', value: 'ZZZ', message: '“ZZZ” is not a country code: use ISO 3166-1 alpha-3 codes such as BGD or KEN.' },
    ])
  })
})

describe('GET /api/v1/requests/:id', () => {
  test('gives a published request with its description and nothing personal', async () => {
    const id = await insertRequest(`Remittance price database ${uniqueWord()}`)
    const { status, cacheControl, body, text } = await get(`/api/v1/requests/${id}`)
    expect(status).toBe(200)
    expect(cacheControl).toBe('public, max-age=60')
    expect(body).toMatchObject({ id, description: 'A national strategy with the central bank and mobile operators.', budget: { amount: 150000, currency: 'USD' } })
    expectNoPersonalData(text)
  })

  test('is a 404 for a request that is not public, an unknown id or a malformed one', async () => {
    const draft = await insertRequest(`Draft ${uniqueWord()}`, 'draft')
    const withdrawn = await insertRequest(`Withdrawn ${uniqueWord()}`, 'withdrawn')
    for (const id of [draft, withdrawn, '00000000-0000-4000-8000-000000000000', 'not-a-uuid', "1' OR '1'='1"]) {
      const { status, body, text } = await get(`/api/v1/requests/${encodeURIComponent(id)}`)
      expect(status, id).toBe(404)
      expect(body).toEqual({ error: expect.any(String) })
      expect(text).not.toContain('Draft')
    }
  })
})

describe('GET /api/v1/offers', () => {
  test('lists active offers by default, paused ones on request, never drafts or closed ones', async () => {
    const word = uniqueWord()
    const active = await insertOffer(`Remittance grants ${word}`)
    const paused = await insertOffer(`Paused grants ${word}`, 'paused')
    await insertOffer(`Draft grants ${word}`, 'draft')
    await insertOffer(`Closed grants ${word}`, 'closed')

    const listed = await get(`/api/v1/offers?q=${word}`)
    const items = (listed.body as unknown as Listed).items
    expect(items.map((i) => i.id)).toEqual([active])
    expect(items[0]).toMatchObject({
      kind: 'financing',
      url: `${publicOrigin()}/offers/${active}`,
      organization: { name: donor.name, type: 'philanthropy' },
      servedRegions: ['142'],
      financing: { min: { amount: 50000, currency: 'USD' }, max: { amount: 250000, currency: 'USD' } },
    })
    expect(items[0]).not.toHaveProperty('conditions')
    expectNoPersonalData(listed.text)

    const both = await get(`/api/v1/offers?q=${word}&status=active&status=paused`)
    expect(new Set((both.body as unknown as Listed).items.map((i) => i.id))).toEqual(new Set([active, paused]))
    expect((await get(`/api/v1/offers?q=${word}&status=closed`)).status).toBe(400)
    expect((await get(`/api/v1/offers?q=${word}&kind=expertise`)).body).toMatchObject({ total: 0 })
  })

  test('gives one offer with its conditions; a draft is a 404', async () => {
    const id = await insertOffer(`Seed grants ${uniqueWord()}`)
    const draft = await insertOffer(`Draft seed grants ${uniqueWord()}`, 'draft')
    const { status, body, text } = await get(`/api/v1/offers/${id}`)
    expect(status).toBe(200)
    expect(body).toMatchObject({ id, conditions: 'Co-financing of 10 per cent.', description: 'Grants for pilots run with a national partner.' })
    expectNoPersonalData(text)
    expect((await get(`/api/v1/offers/${draft}`)).status).toBe(404)
  })
})
