import { expect, test, type APIRequestContext } from '@playwright/test'
import { DEMO_PASSWORD } from './support'

/*
 * Bad input on the request and offer forms and on the browse parameters, sent without a browser: every answer
 * is a clear 4xx (or the text is stored as text), never a 500, and nothing half-written appears.
 */

let origin = ''
let state: APIRequestContext
let partner: APIRequestContext

async function signedIn(playwright: { request: { newContext: (o: { baseURL: string }) => Promise<APIRequestContext> } }, baseURL: string, who: string) {
  const api = await playwright.request.newContext({ baseURL })
  const response = await api.post('/login', {
    headers: { Origin: origin },
    form: { email: `${who}@demo.connection-hub.org`, password: DEMO_PASSWORD },
    maxRedirects: 0,
  })
  expect(response.status()).toBe(302)
  return api
}

test.beforeAll(async ({ playwright }, testInfo) => {
  const baseURL = testInfo.project.use.baseURL ?? ''
  origin = new URL(baseURL).origin
  state = await signedIn(playwright, baseURL, 'state')
  partner = await signedIn(playwright, baseURL, 'partner')
})

test.afterAll(async () => {
  await state.dispose()
  await partner.dispose()
})

const validRequest = {
  title: 'Strengthening consular assistance for migrant workers abroad',
  summary: 'Training consular staff in three missions to assist migrant workers in distress.',
  countries: 'BGD',
  primaryObjective: '14',
  supportTypes: 'capacity_building',
  languages: 'en',
}

const postForm = (api: APIRequestContext, path: string, form: Record<string, string>) =>
  api.post(path, { headers: { Origin: origin }, form, maxRedirects: 0 })

test('the request form answers bad values with 400 and field messages, and stores nothing', async () => {
  const cases: Record<string, string>[] = [
    { ...validRequest, primaryObjective: '99' },
    { ...validRequest, primaryObjective: "1; drop table requests; --" },
    { ...validRequest, countries: 'XXX' },
    { ...validRequest, supportTypes: 'money' },
    { ...validRequest, title: 'x'.repeat(300) },
    { ...validRequest, budgetAmount: '-5', budgetCurrency: 'USD' },
    { ...validRequest, budgetAmount: '100', budgetCurrency: 'ZZZ' },
    { ...validRequest, startDate: '31/12/2027' },
    { ...validRequest, durationMonths: 'twelve' },
    { ...validRequest, actions: '1.a' },
    { summary: validRequest.summary },
  ]
  for (const form of cases) {
    const response = await postForm(state, '/orgs/bgd-mewoe/requests/new', form)
    expect(response.status(), JSON.stringify(form).slice(0, 120)).toBe(400)
  }
  const dashboard = await (await state.get('/dashboard')).text()
  expect(dashboard).not.toContain('x'.repeat(300))
})

test('SQL-looking text is stored and shown as text', async () => {
  const title = `Data systems ' OR 1=1 -- ${Date.now()}`
  const response = await postForm(state, '/orgs/bgd-mewoe/requests/new', { ...validRequest, title, intent: 'save' })
  expect(response.status()).toBe(302)
  const page = await state.get(response.headers().location ?? '')
  expect(page.status()).toBe(200)
  expect(await page.text()).toContain('Data systems &#x27; OR 1=1 --')
})

test('a body of 10 MB is refused with 413 before it is read', async () => {
  const response = await state.post('/orgs/bgd-mewoe/requests/new', {
    headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
    data: `title=${'a'.repeat(10 * 1024 * 1024)}`,
    maxRedirects: 0,
  })
  expect(response.status()).toBe(413)
})

test('only States and local authorities post requests; others get a 403 page', async () => {
  const page = await partner.get('/orgs/migration-data-lab/requests/new')
  expect(page.status()).toBe(403)
  const post = await postForm(partner, '/orgs/migration-data-lab/requests/new', validRequest)
  expect(post.status()).toBe(403)
})

test('the offer form answers bad values with 400', async () => {
  const valid = {
    kind: 'financing',
    title: 'Seed grants for diaspora investment pilots',
    summary: 'Grants for pilots that channel diaspora savings into local businesses.',
    primaryObjective: '19',
    supportTypes: 'financing',
    languages: 'en',
    global: 'on',
    financingMin: '10000',
    financingMax: '50000',
    financingCurrency: 'USD',
  }
  for (const form of [
    { ...valid, kind: 'spaceship' },
    { ...valid, financingMin: '90000' },
    { ...valid, financingCurrency: '' },
    { ...valid, global: '', countries: '' },
    { ...valid, availableFrom: '2027-12-01', availableUntil: '2027-01-01' },
    { ...valid, regions: '999' },
  ]) {
    const response = await postForm(partner, '/orgs/migration-data-lab/offers/new', form)
    expect(response.status(), JSON.stringify(form).slice(0, 120)).toBe(400)
  }
})

test('lifecycle steps that are not allowed answer 4xx, not 500', async () => {
  const created = await postForm(state, '/orgs/bgd-mewoe/requests/new', { ...validRequest, intent: 'save' })
  const path = created.headers().location ?? ''
  expect(path).toMatch(/^\/requests\/[0-9a-f-]{36}$/)
  expect((await postForm(state, path, { intent: 'publish' })).status()).toBe(403)
  expect((await postForm(state, path, { intent: 'teleport' })).status()).toBe(400)
  expect((await postForm(partner, path, { intent: 'withdraw' })).status()).toBe(404)
  expect((await state.get('/requests/not-a-uuid')).status()).toBe(404)
})

test('browse parameters: unknown objective, malformed page, huge text, SQL-looking search', async ({ request }) => {
  expect((await request.get('/requests?objective=99')).status()).toBe(400)
  expect((await request.get('/requests?page=abc')).status()).toBe(400)
  expect((await request.get('/requests?page=99999999999999999999')).status()).toBe(400)
  expect((await request.get(`/requests?q=${'word '.repeat(100)}`)).status()).toBe(400)
  expect((await request.get('/requests?country=XXX')).status()).toBe(400)
  const sqlish = await request.get(`/requests?q=${encodeURIComponent("' OR 1=1 --")}`)
  expect(sqlish.status()).toBe(200)
  expect((await request.get('/api/v1/requests?objective=abc')).status()).toBe(400)
  expect((await request.get('/api/v1/requests?pageSize=1000')).status()).toBe(400)
})
