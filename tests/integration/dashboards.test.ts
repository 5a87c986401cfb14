import { randomUUID } from 'node:crypto'
import { eq, inArray, sql } from 'drizzle-orm'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { beforeAll, describe, expect, test } from 'vitest'
import { matches, projects, requests, type ContributionId, type RequestId } from '#db/schema/index'
import { WorldMap } from '~/components/dashboards/world-map'
import { worldShapes } from '~/components/dashboards/world-geometry'
import type { SessionUser } from '~/domain/accounts/sessions.server'
import { allocate } from '~/domain/fund/allocations.server'
import { recordPledge, recordPledgeReceipt } from '~/domain/fund/contributions.server'
import { accounts } from '~/domain/ledger/ledger.server'
import { AllocationSchema, PledgeReceiptSchema, PledgeSchema } from '~/domain/fund/schemas'
import { DashboardResponseSchema } from '~/domain/dashboards/schemas'
import { countriesIn, dashboardFigures, mapCounts, type DashboardFigures } from '~/domain/dashboards/dashboards.server'
import { createOffer } from '~/domain/offers/offers.server'
import { OfferSchema } from '~/domain/offers/schemas'
import { publishProject } from '~/domain/projects/projects.server'
import { createRequest, transitionRequest } from '~/domain/requests/requests.server'
import { RequestSchema } from '~/domain/requests/schemas'
import { loader as apiLoader } from '~/routes/api.v1.dashboards'
import { loader as pageLoader } from '~/routes/dashboards'
import { db } from '~/utils/db.server'
import { resources } from '~/locales/resources.server'
import { pageTranslator } from '~/utils/i18n'
import { TranslationProvider } from '~/utils/i18n-react'
import type { Tree } from '~/utils/translator'
import { activeProject, completedProject, createOrganization, createTestProject, createUser, projectOrigin, verifiedParty, type TestParty } from '../factories'

/**
 * A small world whose figures are known by hand (each test file has a database of its own):
 * - open requests: R1 Kenya (objective 3), R2 Kenya + Uganda (3 and 5), R3 Peru (14); a draft in Brazil (14);
 * - active offers: E1 expertise naming Kenya (3), E2 expertise serving Eastern Africa (5), E3 worldwide expertise (3),
 *   F1 financing naming Uganda (5, up to USD 50,000), F2 financing serving Africa (3 and 5, up to EUR 20,000);
 *   a draft expertise offer for Peru (1), which counts nowhere;
 * - projects, all in Kenya under objective 3: one in inception, one active (USD 300 allocated), one completed.
 */
let secretariat: SessionUser
let figures: DashboardFigures
const openIds: RequestId[] = []

async function publishedRequest(state: TestParty, input: { countries: string[]; objectives: number[] }, publish = true) {
  const [primary, ...others] = input.objectives
  const id = await createRequest(
    db,
    state.member,
    state.org,
    RequestSchema.parse({
      title: `Support for migration data ${randomUUID().slice(0, 6)}`,
      summary: 'Help to design and run a labour migration survey module.',
      countries: input.countries,
      primaryObjective: primary,
      objectives: others,
      supportTypes: ['technical_assistance'],
      languages: ['en'],
    }),
  )
  if (publish) {
    await transitionRequest(db, state.member, id, 'submit', { origin: projectOrigin })
    await transitionRequest(db, secretariat, id, 'publish', { origin: projectOrigin })
  }
  return id as RequestId
}

async function offer(partner: TestParty, input: Record<string, unknown>, publish = true) {
  const [primary, ...others] = input.objectives as number[]
  return createOffer(
    db,
    partner.member,
    partner.org,
    OfferSchema.parse({
      kind: 'expertise',
      title: `Help on migration ${randomUUID().slice(0, 6)}`,
      summary: 'Advice, training and peer exchange from practitioners.',
      supportTypes: ['technical_assistance'],
      languages: ['en'],
      ...input,
      primaryObjective: primary,
      objectives: others,
    }),
    publish,
  )
}

const days = (n: number) => n * 86_400

beforeAll(async () => {
  secretariat = (await createUser({ role: 'secretariat' })).actor
  const state = await verifiedParty('state')
  const partner = await verifiedParty('civil_society')
  const donor = await verifiedParty('philanthropy')
  openIds.push(await publishedRequest(state, { countries: ['KEN'], objectives: [3] }))
  openIds.push(await publishedRequest(state, { countries: ['KEN', 'UGA'], objectives: [3, 5] }))
  const peru = await createOrganization({ type: 'state', status: 'verified', country: 'PER' })
  const peruState = { org: peru.org, owner: peru.owner.actor, member: peru.owner.actor }
  openIds.push(await publishedRequest(peruState, { countries: ['PER'], objectives: [14] }))
  await publishedRequest(state, { countries: ['BRA'], objectives: [14] }, false)

  await offer(partner, { countries: ['KEN'], objectives: [3] })
  await offer(partner, { regions: ['014'], objectives: [5] })
  await offer(partner, { global: 'on', objectives: [3] })
  await offer(partner, { countries: ['PER'], objectives: [1] }, false)
  await offer(donor, { kind: 'financing', countries: ['UGA'], objectives: [5], financingMin: 10_000, financingMax: 50_000, financingCurrency: 'USD' })
  await offer(donor, { kind: 'financing', regions: ['002'], objectives: [3, 5], financingMin: 0, financingMax: 20_000, financingCurrency: 'EUR' })

  const inception = await createTestProject()
  const active = await activeProject()
  const completed = await completedProject()
  // The dashboards count published projects only (public-aggregates.test.ts shows an unpublished one ignored).
  for (const project of [inception, active, completed]) await publishProject(db, secretariat, project.projectId, true)

  const pledge = (await recordPledge(db, donor.member, PledgeSchema.parse({ token: randomUUID(), amount: 1000, currency: 'USD' }), projectOrigin)) as ContributionId
  await recordPledgeReceipt(db, secretariat, pledge, PledgeReceiptSchema.parse({ receivedOn: '2030-01-15', amount: 1000, usdAmount: 1000, reference: 'BANK-1' }))
  await allocate(db, secretariat, AllocationSchema.parse({ projectId: active.projectId, pool: accounts.unallocated, amountUsd: 300 }), projectOrigin)

  // Known durations: agreement 1, 3 and 10 days after publication; starts 20 and 40 days after; completion 100 days after the start.
  const publishedAt = new Date('2030-01-01T00:00:00Z')
  const at = (n: number) => new Date(publishedAt.getTime() + days(n) * 1000)
  for (const [project, toMatch] of [
    [inception, 1],
    [active, 3],
    [completed, 10],
  ] as const) {
    await db.update(matches).set({ timeToMatchSeconds: days(toMatch), agreedAt: at(toMatch) }).where(eq(matches.id, project.matchId))
    await db.update(requests).set({ publishedAt }).where(eq(requests.id, project.requestId))
  }
  await db.update(projects).set({ startedAt: at(20) }).where(eq(projects.id, active.projectId))
  await db.update(projects).set({ startedAt: at(40), completedAt: at(140) }).where(eq(projects.id, completed.projectId))

  figures = await dashboardFigures(db, 'en')
})

describe('dashboard figures', () => {
  test('totals: open requests, offers (worldwide apart), financing per currency, projects, allocations', () => {
    expect(figures.totals).toMatchObject({
      openRequests: 3,
      openRequestsWithoutOffer: 1, // Peru's request under objective 14, which no expertise offer covers
      expertiseOffers: 3,
      worldwideExpertiseOffers: 1,
      financingOffers: 2,
      worldwideFinancingOffers: 0,
      financing: [
        { currency: 'EUR', minor: 2_000_000 },
        { currency: 'USD', minor: 5_000_000 },
      ],
      projectsUnderWay: 2,
      projectsCompleted: 1,
      allocatedUsd: 30_000,
    })
  })

  test('by objective: demand, supply and the gap', () => {
    const row = (n: number) => figures.objectives.find((o) => o.objective === n)
    expect(figures.objectives).toHaveLength(23)
    expect(row(3)).toMatchObject({
      openRequests: 2,
      expertiseOffers: 2,
      financingOffers: 1,
      financing: [{ currency: 'EUR', minor: 2_000_000 }],
      projectsUnderWay: 2,
      projectsCompleted: 1,
      allocatedUsd: 30_000,
      gap: 'covered',
      requestsPerOffer: 1,
    })
    expect(row(5)).toMatchObject({ openRequests: 1, expertiseOffers: 1, financingOffers: 2, gap: 'covered' })
    expect(row(5)?.financing).toEqual([
      { currency: 'EUR', minor: 2_000_000 },
      { currency: 'USD', minor: 5_000_000 },
    ])
    expect(row(14)).toMatchObject({ openRequests: 1, expertiseOffers: 0, gap: 'no_offer', requestsPerOffer: null })
    // The draft offer under objective 1 and the draft request under 14 count nowhere.
    expect(row(1)).toMatchObject({ openRequests: 0, expertiseOffers: 0, gap: 'no_request' })
  })

  test('by country: offers count where they name the country or a region containing it; gaps first', () => {
    expect(figures.countries.map((c) => c.country)).toEqual(['PER', 'KEN', 'UGA'])
    const row = (code: string) => figures.countries.find((c) => c.country === code)
    // Kenya: E1 names it, E2 serves Eastern Africa; F2 serves Africa. The worldwide E3 is counted once, in the totals.
    expect(row('KEN')).toMatchObject({ name: 'Kenya', openRequests: 2, expertiseOffers: 2, financingOffers: 1, projectsUnderWay: 2, projectsCompleted: 1, allocatedUsd: 30_000, gap: 'covered' })
    expect(row('UGA')).toMatchObject({ openRequests: 1, expertiseOffers: 1, financingOffers: 2, projectsUnderWay: 0, gap: 'covered' })
    expect(row('PER')).toMatchObject({ openRequests: 1, expertiseOffers: 0, financingOffers: 0, gap: 'no_offer' })
    expect(countriesIn(figures.countries, '002').map((c) => c.country)).toEqual(['KEN', 'UGA'])
    expect(countriesIn(figures.countries, '419').map((c) => c.country)).toEqual(['PER'])
  })

  test('by region: requests in its countries, offers reaching it, in M49 order', () => {
    const row = (code: string) => figures.regions.find((r) => r.region === code)
    expect(row('014')).toMatchObject({ name: 'Eastern Africa', level: 3, openRequests: 2, expertiseOffers: 2, financingOffers: 2 })
    expect(row('002')).toMatchObject({ level: 1, openRequests: 2, expertiseOffers: 2, financingOffers: 2, projectsUnderWay: 2, allocatedUsd: 30_000 })
    expect(row('005')).toMatchObject({ openRequests: 1, expertiseOffers: 0, gap: 'no_offer' })
    const order = figures.regions.map((r) => r.region)
    expect(order.indexOf('002')).toBeLessThan(order.indexOf('202'))
    expect(order.indexOf('202')).toBeLessThan(order.indexOf('014'))
    expect(row('150')).toBeUndefined() // nothing in Europe
  })

  test('flow: medians in days with the count behind each', () => {
    expect(figures.flow).toEqual({
      toAgreedMatch: { medianDays: 3, count: 3 },
      toProjectStart: { medianDays: 30, count: 2 },
      toCompletion: { medianDays: 100, count: 1 },
    })
  })
})

describe('the world map', () => {
  const translator = pageTranslator('en', resources.en as unknown as Record<string, Tree>)
  const render = (counts: ReturnType<typeof mapCounts>) =>
    renderToStaticMarkup(
      createElement(TranslationProvider, { translator }, createElement(WorldMap, { layer: 'Open requests per country', counts, names: { KEN: 'Kenya', UGA: 'Uganda', PER: 'Peru' }, format: String })),
    )

  test('one path per country, each titled with its name and count, coloured by class; the table has the same counts', () => {
    const counts = mapCounts(figures.countries, 'requests', 'count', 'en')
    expect(counts).toEqual([
      { country: 'KEN', name: 'Kenya', count: 2 },
      { country: 'PER', name: 'Peru', count: 1 },
      { country: 'UGA', name: 'Uganda', count: 1 },
    ])
    const svg = render(counts)
    expect(svg).toMatch(/<svg role="img" aria-label="Open requests per country, world map\. Most: Kenya \(2\), Peru \(1\), Uganda \(1\)\."/)
    expect(svg).toMatch(/viewBox="0 \d+ 960 \d+"/)
    expect((svg.match(/<path /g) ?? []).length).toBe(worldShapes().shapes.length)
    for (const c of counts) {
      const path = new RegExp(`<path d="[^"]+" fill="(#[0-9a-f]{6})"><title>${c.name}: ${c.count}</title></path>`).exec(svg)
      expect(path, `no path for ${c.name}`).not.toBeNull()
      expect(path?.[1]).not.toBe('#f1f5f9')
    }
    // Two classes (1 and 2): Kenya is darker than Peru; a country without requests has the pale "none" colour.
    const fill = (name: string) => new RegExp(`fill="(#[0-9a-f]{6})"><title>${name}: `).exec(svg)?.[1]
    expect(fill('Kenya')).toBe('#08519c')
    expect(fill('Peru')).toBe('#3182bd')
    expect(svg).toMatch(/fill="#f1f5f9"><title>Brazil: 0<\/title>/)
    expect(svg).toContain('<path d="M')
    // Whole units of the 960-wide map: the page carries no decimals of path data.
    for (const [, d] of svg.matchAll(/<path d="([^"]+)"/g)) expect(d).toMatch(/^M[-\d,lmz ]+$/)
    expect(worldShapes().shapes.reduce((bytes, shape) => bytes + shape.d.length, 0)).toBeLessThan(45_000)
  })

  test('projects per country, and the table sorted by name', () => {
    expect(mapCounts(figures.countries, 'projects', 'count', 'en')).toEqual([{ country: 'KEN', name: 'Kenya', count: 3 }])
    expect(mapCounts(figures.countries, 'requests', 'name', 'en').map((c) => c.name)).toEqual(['Kenya', 'Peru', 'Uganda'])
  })
})

describe('the page and the API', () => {
  test('GET /dashboards: figures, region filter and map layer from the URL; bad parameters are a 400', async () => {
    const load = (query: string) => pageLoader({ request: new Request(`http://hub.test/dashboards${query}`), params: {}, context: { cspNonce: '' } })
    const data = await load('?map=projects&sort=name&region=002')
    expect(data.countries.map((c) => c.country)).toEqual(['KEN', 'UGA'])
    expect(data.region).toMatchObject({ code: '002', name: 'Africa' })
    expect(data.map.counts).toEqual([{ country: 'KEN', name: 'Kenya', count: 3 }])
    expect(data.map.names.KEN).toBe('Kenya')
    for (const query of ['?map=offers', '?sort=size', '?region=999']) {
      const error = await load(query).then(
        () => null,
        (e: unknown) => e,
      )
      expect(error, query).toBeInstanceOf(Response)
      expect((error as Response).status).toBe(400)
    }
  })

  test('GET /api/v1/dashboards: the same figures, in the published schema, cacheable, with no personal data', async () => {
    const response = await apiLoader()
    expect(response.status).toBe(200)
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*')
    expect(response.headers.get('Cache-Control')).toContain('max-age')
    const text = await response.text()
    const body = DashboardResponseSchema.parse(JSON.parse(text))
    expect(body.totals).toMatchObject({ openRequests: 3, expertiseOffers: 3, allocated: { amount: 300, currency: 'USD' } })
    expect(body.totals.financingAvailable).toEqual([
      { amount: 20_000, currency: 'EUR' },
      { amount: 50_000, currency: 'USD' },
    ])
    expect(body.byObjective.find((o) => o.objective === 14)).toMatchObject({ gap: 'no_offer', url: expect.stringMatching(/\/objectives\/14$/) })
    expect(body.byCountry.map((c) => [c.country, c.openRequests])).toEqual([
      ['PER', 1],
      ['KEN', 2],
      ['UGA', 1],
    ])
    expect(body.flow.toAgreedMatch).toEqual({ medianDays: 3, count: 3 })
    expect(text).not.toMatch(/@/)
    const titles = await db.select({ title: requests.title }).from(requests).where(inArray(requests.id, openIds))
    for (const r of titles) expect(text).not.toContain(r.title)
    const names = await db.execute<{ display_name: string }>(sql`select display_name from users`)
    for (const u of names) expect(text).not.toContain(u.display_name)
  })
})
