import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { PRIVATE, SHARED_CACHE } from '~/http/cache-control.server'
import type { Server } from '../bench/processes'
import { createUser, uniqueSuffix, type TestUser } from '../factories'
import { ask, cookiesOf, type Answer, type Target } from '../support/http-client'
import { proxyUnavailable, startNginx, type RunningNginx } from '../support/nginx'
import { freePortIn, startTestHub } from '../support/test-hub'

/**
 * The real Hub over HTTP (built, in its own process, on this file's database) with APP_URL on https, as deployed:
 * which answers a shared cache may keep, and — through nginx with the README's configuration, and through a bare
 * cache that knows only the Hub's headers — that nobody is ever served another person's page.
 */

const ports = new Set<number>()
const takePort = async () => {
  const port = await freePortIn(4400, 4439, ports)
  ports.add(port)
  return port
}

const whyNoProxy = proxyUnavailable()
if (whyNoProxy) console.warn(`shared-cache.test.ts: the tests through nginx are skipped: ${whyNoProxy}`)

let hub: Server
let direct: Target
let proxy: RunningNginx | null = null
let viaNginx: Target
let viaBareCache: Target
let appOrigin: string
const people: { user: TestUser; cookie: string }[] = []

/** Signs in with the login form (as a browser does, from the Hub's own origin); returns the cookies it set. */
async function signIn(target: Target, user: TestUser) {
  const answer = await ask(target, '/login', {
    method: 'POST',
    headers: { Origin: appOrigin, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: user.email, password: user.password }).toString(),
  })
  expect(answer.status, answer.body.slice(0, 300)).toBe(302)
  return { answer, cookie: cookiesOf(answer).join('; ') }
}

beforeAll(async () => {
  const hubPort = await takePort()
  const httpsPort = await takePort()
  const httpPort = await takePort()
  const barePort = await takePort()
  appOrigin = `https://localhost:${httpsPort}`
  hub = await startTestHub({ port: hubPort, env: { APP_URL: appOrigin, TRUST_PROXY: 'loopback' } })
  direct = { port: hubPort }
  if (!whyNoProxy) {
    proxy = await startNginx({
      hubPort,
      httpsPort,
      httpPort,
      extraPorts: [barePort],
      // A cache that knows nothing of the Hub's cookies: only the Hub's Cache-Control and Vary protect it.
      extraServers: `
  proxy_cache_path {dir}/bare-cache keys_zone=bare:1m use_temp_path=off;
  server {
    listen 127.0.0.1:${barePort};
    location / {
      proxy_pass http://connection_hub;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_cache bare;
      add_header X-Cache-Status $upstream_cache_status always;
    }
  }`,
    })
    viaNginx = { port: httpsPort, tls: { ca: proxy.certificate, servername: 'localhost' } }
    viaBareCache = { port: barePort }
  }
  for (const name of ['Amina Cachetest', 'Boris Cachetest']) {
    const user = await createUser({ displayName: `${name} ${uniqueSuffix()}` })
    people.push({ user, cookie: (await signIn(direct, user)).cookie })
  }
}, 15 * 60_000)

afterAll(async () => {
  await proxy?.stop()
  await hub?.stop()
}, 60_000)

const pages = ['/', '/requests', '/offers', '/projects', '/objectives', '/fund', '/practices']
const apiRoutes = ['/api/v1/requests', '/api/v1/offers', '/api/v1/taxonomy']
const header = (answer: Answer, name: string) => {
  const value = answer.headers[name]
  return Array.isArray(value) ? value.join(', ') : value
}
const varies = (answer: Answer) => (header(answer, 'vary') ?? '').split(',').map((name) => name.trim().toLowerCase())
const names = () => people.map(({ user }) => user.displayName)

describe("the Hub's Cache-Control", () => {
  test('anonymous pages may be shared a minute, and say they vary with cookies and the language', async () => {
    for (const path of [...pages, '/requests.data', '/objectives/1']) {
      const answer = await ask(direct, path)
      expect(answer.status, path).toBe(200)
      expect(header(answer, 'cache-control'), path).toBe(SHARED_CACHE)
      expect(varies(answer), path).toEqual(expect.arrayContaining(['cookie', 'accept-language']))
      expect(answer.headers['set-cookie'], path).toBeUndefined()
    }
  })

  test('anonymous API answers are public too, with their own minute', async () => {
    for (const path of apiRoutes) {
      const answer = await ask(direct, path)
      expect(answer.status, path).toBe(200)
      expect(header(answer, 'cache-control'), path).toMatch(/^public, max-age=\d+$/)
      expect(varies(answer), path).toEqual(expect.arrayContaining(['cookie', 'accept-language']))
    }
  })

  test('the same pages and answers, signed in, are private and not stored', async () => {
    const [{ user, cookie }] = people as [(typeof people)[0]]
    for (const path of [...pages, ...apiRoutes, '/requests.data', '/dashboard', '/account']) {
      const answer = await ask(direct, path, { headers: { Cookie: cookie } })
      expect([200, 302], path).toContain(answer.status)
      expect(header(answer, 'cache-control'), path).toBe(PRIVATE)
      if (answer.status === 200 && !path.includes('.data') && !path.startsWith('/api/')) expect(answer.body, path).toContain(user.displayName)
    }
  })

  test('an answer that sets a cookie is never public: a language link, a flash message, signing in', async () => {
    const language = await ask(direct, '/requests?lng=fr')
    expect(cookiesOf(language).join(';')).toContain('lng=')
    expect(header(language, 'cache-control')).toBe(PRIVATE)

    const flash = await ask(direct, '/requests', { headers: { Cookie: `hub_flash=${encodeURIComponent(JSON.stringify({ key: 'auth.loggedOut' }))}` } })
    expect(flash.headers['set-cookie']?.join(';')).toContain('hub_flash=;')
    expect(header(flash, 'cache-control')).toBe(PRIVATE)

    const user = await createUser()
    const { answer } = await signIn(direct, user)
    expect(cookiesOf(answer).join(';')).toContain('__Host-hub_session=')
    expect(header(answer, 'cache-control')).toBe(PRIVATE)
  })

  test('forms sent and errors are not stored; "not found" is, briefly', async () => {
    const refused = await ask(direct, '/login', {
      method: 'POST',
      headers: { Origin: appOrigin, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'email=nobody%40example.test&password=wrong',
    })
    expect(refused.status).toBe(400)
    expect(header(refused, 'cache-control')).toBe('no-store')

    const badInput = await ask(direct, '/api/v1/requests?pageSize=-1')
    expect(badInput.status).toBe(400)
    expect(header(badInput, 'cache-control')).toBe('no-store')

    const missing = await ask(direct, `/no-such-page-${uniqueSuffix()}`)
    expect(missing.status).toBe(404)
    expect(header(missing, 'cache-control')).toBe(SHARED_CACHE)
  })

  test('pages with a token in the URL and the health check say no-store', async () => {
    for (const path of ['/reset-password?token=abc', '/verify-email?token=abc', '/invitations/abc', '/healthz']) {
      const answer = await ask(direct, path)
      expect(header(answer, 'cache-control'), `${path} (${answer.status})`).toBe('no-store')
    }
  })

  test('the files of the build keep their long, immutable caching, signed in or not', async () => {
    // /login hydrates for everyone (the public pages send a visitor without a session no JavaScript).
    const asset = /\/assets\/[\w.-]+\.js/.exec((await ask(direct, '/login')).body)?.[0]
    expect(asset).toBeDefined()
    const visitors: Record<string, string>[] = [{}, { Cookie: people[0]!.cookie }]
    for (const headers of visitors) {
      const answer = await ask(direct, asset!, { headers })
      expect(answer.status).toBe(200)
      expect(header(answer, 'cache-control')).toBe('public, max-age=31536000, immutable')
    }
  })
})

describe.skipIf(whyNoProxy !== null)('a proxy never serves one person’s page to another (nginx)', () => {
  const caches = () => [
    { label: 'deploy/nginx.conf', target: viaNginx },
    { label: "a cache that knows only the Hub's headers", target: viaBareCache },
  ]

  test('anonymous pages come from the cache; each signed-in person gets their own page, every time', async () => {
    const [amina, boris] = people as [(typeof people)[0], (typeof people)[0]]
    for (const { label, target } of caches()) {
      for (const path of ['/', '/requests', '/objectives', '/api/v1/requests']) {
        const where = `${label} ${path}`
        const isPage = !path.startsWith('/api/')
        const anonymous = async (status: string | null) => {
          const answer = await ask(target, path)
          expect(answer.status, where).toBe(200)
          if (status) expect(header(answer, 'x-cache-status'), where).toBe(status)
          for (const name of names()) expect(answer.body, where).not.toContain(name)
          return answer
        }
        const signedIn = async (person: typeof amina) => {
          const answer = await ask(target, path, { headers: { Cookie: person.cookie } })
          expect(answer.status, where).toBe(200)
          expect(header(answer, 'x-cache-status'), where).not.toBe('HIT')
          expect(header(answer, 'cache-control'), where).toBe(PRIVATE)
          if (isPage) expect(answer.body, where).toContain(person.user.displayName)
          for (const other of people.filter((p) => p !== person)) expect(answer.body, where).not.toContain(other.user.displayName)
        }
        await anonymous(null)
        await anonymous('HIT')
        await signedIn(amina)
        await signedIn(boris)
        await anonymous('HIT')
        await signedIn(amina)
        await signedIn(boris)
        await anonymous('HIT')
      }
    }
  })

  test('the cached English page is not served to a reader of another language', async () => {
    for (const { label, target } of caches()) {
      const english = await ask(target, '/objectives')
      expect(english.body, label).toContain('<html lang="en"')
      const byHeader = await ask(target, '/objectives', { headers: { 'Accept-Language': 'fr-FR,fr;q=0.9' } })
      expect(byHeader.body, label).toContain('<html lang="fr"')
      // The language switcher's cookie, as the Hub writes it.
      const kept = cookiesOf(await ask(target, '/objectives?lng=es')).find((pair) => pair.startsWith('lng='))!
      const byCookie = await ask(target, '/objectives', { headers: { Cookie: kept } })
      expect(byCookie.body, label).toContain('<html lang="es"')
      const again = await ask(target, '/objectives', { headers: { Cookie: kept } })
      expect(again.body, label).toContain('<html lang="es"')
      expect(header(again, 'x-cache-status'), label).toBe('HIT')
    }
  })

  test('answers that set a cookie are never stored, signing in included', async () => {
    for (const { label, target } of caches()) {
      for (let i = 0; i < 2; i++) {
        const answer = await ask(target, '/requests?lng=es')
        expect(cookiesOf(answer).join(';'), label).toContain('lng=')
        expect(header(answer, 'x-cache-status'), label).not.toBe('HIT')
      }
      const user = await createUser()
      const { answer } = await signIn(target, user)
      expect(header(answer, 'cache-control'), label).toBe(PRIVATE)
      const page = await ask(target, '/requests', { headers: { Cookie: cookiesOf(answer).join('; ') } })
      expect(page.body, label).toContain(user.displayName)
    }
  })

  test("nginx's access log keeps no token: no query string, no invitation's token", async () => {
    const secret = `s3cret${uniqueSuffix()}`
    for (const path of [`/reset-password?token=${secret}`, `/verify-email?token=${secret}`, `/invitations/${secret}`, `/requests?q=${secret}`]) {
      await ask(viaNginx, path)
    }
    const lines = proxy!.readAccessLog().trim().split('\n')
    expect(lines.some((line) => line.includes('"GET /invitations/(token) HTTP/')), lines.slice(-4).join('\n')).toBe(true)
    expect(lines.some((line) => line.includes('"GET /reset-password HTTP/'))).toBe(true)
    expect(lines.filter((line) => line.includes(secret))).toEqual([])
  })

  test('/metrics is not answered through the proxy', async () => {
    for (const { label, target } of caches()) {
      const answer = await ask(target, '/metrics')
      expect(answer.status, label).toBe(404)
      expect(answer.body, label).not.toContain('hub_http')
    }
  })
})
