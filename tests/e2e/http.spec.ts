import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test'
import { NEW_PASSWORD } from './helpers'
import { uniqueEmail } from './support'

/*
 * The HTTP contract, without a browser. Login, signup and reset attempts that pass validation count against
 * one rate limit per client address (30 per 15 minutes) shared by every spec in the run, so this file spends
 * few of them: failed validations, honeypot hits and Origin refusals are not counted.
 */

type Body =
  | { form: Record<string, string> }
  | { json: unknown }
  | { raw: string }
  | { file: { field: string; rest?: Record<string, string> } }

const long = 'x'.repeat(5000)
let origin = ''

function post(api: APIRequestContext, path: string, body: Body, headers: Record<string, string> = { Origin: origin }) {
  const options = { headers, maxRedirects: 0 }
  if ('form' in body) return api.post(path, { ...options, form: body.form })
  if ('json' in body) return api.post(path, { ...options, data: body.json, headers: { ...headers, 'Content-Type': 'application/json' } })
  if ('raw' in body) return api.post(path, { ...options, data: body.raw, headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' } })
  const upload = { name: 'payload.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ not a name') }
  return api.post(path, { ...options, multipart: { ...body.file.rest, [body.file.field]: upload } })
}

function setCookies(response: APIResponse) {
  return response.headersArray().filter((h) => h.name.toLowerCase() === 'set-cookie').map((h) => h.value)
}

function sessionToken(response: APIResponse) {
  const line = setCookies(response).find((c) => c.startsWith('hub_session='))
  return line?.split(';')[0]?.slice('hub_session='.length) ?? null
}

async function logInOverHttp(api: APIRequestContext, email: string, password = NEW_PASSWORD) {
  const response = await post(api, '/login', { form: { email, password } })
  expect(response.status(), await response.text()).toBe(302)
  expect(response.headers().location).toBe('/dashboard')
  return response
}

/** A person signed in through the API, shared by the tests that need a session; created once per worker. */
let member: APIRequestContext
let memberEmail = ''
let memberLogin: APIResponse

test.beforeAll(async ({ playwright }, testInfo) => {
  const baseURL = testInfo.project.use.baseURL ?? ''
  origin = new URL(baseURL).origin
  member = await playwright.request.newContext({ baseURL })
  memberEmail = uniqueEmail('api-member')
  const signup = await post(member, '/signup', { form: { displayName: 'Api Member', email: memberEmail, password: NEW_PASSWORD } })
  expect(signup.status()).toBe(200)
  memberLogin = await logInOverHttp(member, memberEmail)
})

test.afterAll(async () => {
  await member?.dispose()
})

test('a state-changing request is refused unless it comes from the Hub’s own origin', async ({ request }) => {
  const credentials = { form: { email: uniqueEmail('origin'), password: 'whatever it is' } }
  const withoutOrigin = await post(request, '/login', credentials, {})
  expect(withoutOrigin.status()).toBe(403)
  const foreign = await post(request, '/login', credentials, { Origin: 'http://evil.example' })
  expect(foreign.status()).toBe(403)
  expect(await foreign.text()).toContain('Origin check failed')
  // From our own origin the form is read (and, being empty, refused by validation rather than by the check).
  const ours = await post(request, '/login', { form: {} })
  expect(ours.status()).toBe(400)
})

const anonymousForms: [path: string, label: string, body: Body][] = [
  ['/signup', 'over-long strings', { form: { displayName: long, email: `${long}@example.org`, password: long } }],
  ['/signup', 'a malformed email', { form: { displayName: 'Ana', email: 'ana@@example', password: NEW_PASSWORD } }],
  ['/signup', 'missing fields', { form: {} }],
  ['/signup', 'a field given twice', { raw: `displayName=Ana&email=a%40example.org&email=b%40example.org&password=${encodeURIComponent(NEW_PASSWORD)}` }],
  ['/signup', 'a file in a text field', { file: { field: 'displayName', rest: { email: 'file@example.org', password: NEW_PASSWORD } } }],
  ['/signup', 'a JSON body', { json: { displayName: 'Ana', email: 'ana@example.org', password: NEW_PASSWORD } }],
  ['/login', 'over-long strings', { form: { email: `${long}@example.org`, password: long } }],
  ['/login', 'a malformed email', { form: { email: 'not-an-email', password: 'whatever it is' } }],
  ['/login', 'a missing password', { form: { email: 'someone@example.org' } }],
  ['/login', 'a JSON body', { json: { email: 'someone@example.org', password: 'whatever it is' } }],
  ['/forgot-password', 'an over-long email', { form: { email: `${long}@example.org` } }],
  ['/forgot-password', 'a malformed email', { form: { email: 'someone at example.org' } }],
  ['/forgot-password', 'a missing email', { form: {} }],
  ['/forgot-password', 'a JSON body', { json: { email: 'someone@example.org' } }],
  ['/reset-password', 'an over-long token', { form: { token: long, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD } }],
  ['/reset-password', 'an unknown token', { form: { token: 'not-a-token', password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD } }],
  ['/reset-password', 'an over-long password', { form: { token: 'not-a-token', password: long, confirmPassword: long } }],
  ['/reset-password', 'missing fields', { form: {} }],
  ['/reset-password', 'a JSON body', { json: { token: 'not-a-token', password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD } }],
  ['/language', 'an unknown language', { form: { lng: 'tlh', redirectTo: '/' } }],
  ['/language', 'an over-long redirect', { form: { lng: 'fr', redirectTo: `/${long}` } }],
  ['/language', 'a missing language', { form: {} }],
  ['/language', 'a JSON body', { json: { lng: 'fr' } }],
]

const memberForms: [path: string, label: string, body: Body][] = [
  ['/account', 'an over-long name', { form: { displayName: long, locale: 'en' } }],
  ['/account', 'an unknown language', { form: { displayName: 'Api Member', locale: 'klingon' } }],
  ['/account', 'missing fields', { form: {} }],
  ['/account', 'a JSON body', { json: { displayName: 'Api Member', locale: 'en' } }],
  ['/account/password', 'over-long passwords', { form: { currentPassword: long, newPassword: long, confirmPassword: long } }],
  ['/account/password', 'different new passwords', { form: { currentPassword: NEW_PASSWORD, newPassword: 'one new passphrase', confirmPassword: 'another passphrase' } }],
  ['/account/password', 'missing fields', { form: {} }],
  ['/account/password', 'a JSON body', { json: { currentPassword: NEW_PASSWORD, newPassword: 'one new passphrase', confirmPassword: 'one new passphrase' } }],
  ['/orgs/new', 'an unknown type', { form: { name: 'Starfleet Academy', type: 'spaceship' } }],
  ['/orgs/new', 'an over-long name and description', { form: { name: long, type: 'academia', description: long.repeat(2) } }],
  ['/orgs/new', 'a malformed country and website', { form: { name: 'Cross-border Research Institute', type: 'state', country: 'Narnia', website: 'javascript:alert(1)' } }],
  ['/orgs/new', 'a file as the name', { file: { field: 'name', rest: { type: 'academia' } } }],
  ['/orgs/new', 'missing fields', { form: {} }],
  ['/orgs/new', 'a JSON body', { json: { name: 'Starfleet Academy', type: 'academia' } }],
]

test('every anonymous form answers bad input with a 4xx, never a 500', async ({ request }) => {
  for (const [path, label, body] of anonymousForms) {
    const response = await post(request, path, body)
    expect.soft(response.status(), `POST ${path} with ${label}`).toBeGreaterThanOrEqual(400)
    expect.soft(response.status(), `POST ${path} with ${label}`).toBeLessThanOrEqual(429)
  }
})

test('every signed-in form answers bad input with a 4xx, never a 500', async () => {
  for (const [path, label, body] of memberForms) {
    const response = await post(member, path, body)
    expect.soft(response.status(), `POST ${path} with ${label}`).toBeGreaterThanOrEqual(400)
    expect.soft(response.status(), `POST ${path} with ${label}`).toBeLessThanOrEqual(429)
  }
  // The session survived all of it.
  expect((await member.get('/account', { maxRedirects: 0 })).status()).toBe(200)
})

test('a body over 1 MiB is refused with 413 before it is read', async ({ request }) => {
  const response = await post(request, '/login', { form: { email: 'big@example.org', password: 'y'.repeat(1024 * 1024 + 1) } })
  expect(response.status()).toBe(413)
})

test('a filled honeypot gets a 400 and creates no account', async ({ request }) => {
  const email = uniqueEmail('bot')
  const signup = await post(request, '/signup', { form: { displayName: 'Totally Human', email, password: NEW_PASSWORD, hub_website: 'https://spam.example' } })
  expect(signup.status()).toBe(400)
  expect(await (await request.get('/dev/outbox')).text()).not.toContain(email)
  const login = await post(request, '/login', { form: { email, password: NEW_PASSWORD } })
  expect(login.status()).toBe(400)
  expect(await login.text()).toContain('The email address or password is not correct.')
})

test('the eleventh wrong password for one account within the window is answered 429 with Retry-After', async ({ request }) => {
  const email = uniqueEmail('guessed')
  const statuses: number[] = []
  let last: APIResponse | undefined
  for (let attempt = 1; attempt <= 11; attempt++) {
    last = await post(request, '/login', { form: { email, password: `wrong guess number ${attempt}` } })
    statuses.push(last.status())
  }
  expect(statuses).toEqual([...Array<number>(10).fill(400), 429])
  expect(await last?.text()).toMatch(/Too many attempts\. Please wait \d+ minutes and try again\./)
  expect(last?.headers()['retry-after']).toMatch(/^\d+$/)
  const retryAfter = Number(last?.headers()['retry-after'])
  expect(retryAfter).toBeGreaterThan(0)
  expect(retryAfter).toBeLessThanOrEqual(15 * 60)
})

test('logging in again rotates the session: the cookie the browser carried stops working', async ({ playwright, baseURL }) => {
  const first = sessionToken(memberLogin)
  // The second login sends the first cookie along, as a browser would; the member keeps the new one.
  const second = sessionToken(await logInOverHttp(member, memberEmail))
  expect(first).toBeTruthy()
  expect(second).toBeTruthy()
  expect(second).not.toBe(first)

  const withCookie = async (token: string | null) => {
    const api = await playwright.request.newContext({ baseURL })
    const response = await api.get('/account', { headers: { Cookie: `hub_session=${token}` }, maxRedirects: 0 })
    const result = { status: response.status(), location: response.headers().location }
    await api.dispose()
    return result
  }
  expect(await withCookie(first)).toEqual({ status: 302, location: '/login?redirectTo=%2Faccount' })
  expect((await withCookie(second)).status).toBe(200)
})

test('pages carry a nonce-based CSP and safe headers; the session cookie is HttpOnly and SameSite=Lax', async ({ request }) => {
  // The login page loads scripts for everyone (the public pages load none for a visitor without a session).
  const response = await request.get('/login')
  expect(response.status()).toBe(200)
  const headers = response.headers()
  const directives = new Map(
    (headers['content-security-policy'] ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name = '', ...values]) => [name, values] as const),
  )
  const scriptSrc = directives.get('script-src') ?? directives.get('default-src') ?? []
  const nonce = scriptSrc.find((v) => v.startsWith("'nonce-"))?.slice("'nonce-".length, -1)
  expect(nonce, 'a nonce in script-src').toBeTruthy()
  expect(scriptSrc).not.toContain("'unsafe-inline'")
  expect(directives.get('frame-ancestors')).toEqual(["'none'"])
  expect(headers['x-content-type-options']).toBe('nosniff')
  // The nonce is fresh per response and is the one the page's scripts carry.
  expect(await response.text()).toContain(`nonce="${nonce}"`)
  const again = (await request.get('/login')).headers()['content-security-policy']
  expect(again).not.toContain(`'nonce-${nonce}'`)

  const cookie = setCookies(memberLogin).find((c) => c.startsWith('hub_session='))
  expect(cookie).toBeDefined()
  const attributes = (cookie ?? '').split(';').map((a) => a.trim().toLowerCase())
  expect(attributes).toContain('httponly')
  expect(attributes).toContain('samesite=lax')
  expect(attributes).toContain('path=/')
})

test('a page with a secret token in its address keeps it out of Referer headers and caches', async ({ request }) => {
  const response = await request.get('/reset-password?token=a-token-in-the-address')
  expect(response.status()).toBe(200)
  expect(await response.text()).toContain('This reset link is not valid any more')
  expect({ referrerPolicy: response.headers()['referrer-policy'], cacheControl: response.headers()['cache-control'] }).toEqual({
    referrerPolicy: 'no-referrer',
    cacheControl: 'no-store',
  })
})

test('the health check answers ok and an unknown path gets the 404 page', async ({ request }) => {
  const health = await request.get('/healthz')
  expect(health.status()).toBe(200)
  expect(await health.json()).toEqual({ status: 'ok' })

  const missing = await request.get('/no-such-page-anywhere')
  expect(missing.status()).toBe(404)
  expect(missing.headers()['content-type']).toMatch(/^text\/html/)
  expect(await missing.text()).toContain('Page not found')
})
