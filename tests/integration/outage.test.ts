import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { translator } from '~/utils/i18n.server'
import { pollUntil, startHubOnOwnDatabase, type HubOnOwnDatabase } from './outage-support'

// PostgreSQL stopped and started again under the running Hub (Express + the Remix app, compiled from the sources),
// as an operator's restart or a crash does. What the issue asks: 503 with Retry-After (never 500) while it is away,
// in the reader's language and with the request id; /healthz says not ready while /livez says alive; pages work
// again within 2 s of its return; and nothing the Hub acknowledged before is lost.

let hub: HubOnOwnDatabase
// Vite compiles the whole app before the first page: minutes on a busy two-core machine.
beforeAll(async () => {
  hub = await startHubOnOwnDatabase()
}, 600_000)
afterAll(async () => {
  await hub?.close()
}, 120_000)

const email = `outage-${Date.now()}@example.org`
const signUp = () =>
  fetch(`${hub.origin}/signup`, {
    method: 'POST',
    headers: { Origin: hub.origin, 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': 'en' },
    body: new URLSearchParams({ displayName: 'Outage Tester', email, password: 'a long enough passphrase', hub_website: '' }),
  })

describe('PostgreSQL goes away under the running Hub and comes back', () => {
  test('503s while it is away, pages again within 2 s of its return, and nothing acknowledged is lost', async () => {
    // Before: a page, and a sign-up the Hub acknowledges.
    expect((await fetch(`${hub.origin}/requests`)).status).toBe(200)
    const acknowledged = await signUp()
    expect(acknowledged.status).toBe(200)
    expect(await acknowledged.text()).toContain(email)

    await hub.stopDatabase()

    // A page, in the reader's language, with the request id the response header carries.
    const page = await fetch(`${hub.origin}/requests`, { headers: { 'Accept-Language': 'fr-CH,fr;q=0.9' } })
    const html = await page.text()
    const requestId = page.headers.get('X-Request-Id')
    expect(page.status).toBe(503)
    expect(Number(page.headers.get('Retry-After'))).toBeGreaterThan(0)
    expect(page.headers.get('Cache-Control')).toContain('no-store')
    expect(requestId).toMatch(/^[A-Za-z0-9._-]{8,64}$/)
    expect(html).toContain(requestId)
    expect(html).toContain('lang="fr"')
    expect(html).toContain(translator('fr')('errors.unavailableTitle'))

    // The open-data API answers JSON.
    const api = await fetch(`${hub.origin}/api/v1/requests`)
    expect(api.status).toBe(503)
    expect(api.headers.get('Content-Type')).toContain('application/json')
    expect(Number(api.headers.get('Retry-After'))).toBeGreaterThan(0)
    expect(await api.json()).toMatchObject({ error: expect.any(String), requestId: api.headers.get('X-Request-Id') })

    // A form sent meanwhile is refused the same way, not with a 500.
    const refused = await signUp()
    expect(refused.status).toBe(503)

    // Readiness says no; liveness says the process is fine.
    const ready = await fetch(`${hub.origin}/healthz`)
    expect(ready.status).toBe(503)
    expect(ready.headers.get('Cache-Control')).toBe('no-store')
    const live = await fetch(`${hub.origin}/livez`)
    expect(live.status).toBe(200)
    expect(live.headers.get('Cache-Control')).toBe('no-store')

    // Load while it is away (about 20 requests a second, as measured in the issue), so the database driver has
    // failed to connect many times over when PostgreSQL returns.
    for (let second = 0; second < 3; second++) {
      const answers = await Promise.all(Array.from({ length: 20 }, () => fetch(`${hub.origin}/requests?q=outage`)))
      expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(503))
      await Promise.all(answers.map((answer) => answer.arrayBuffer()))
    }

    await hub.startDatabase()
    const back = await pollUntil(`${hub.origin}/requests`, 200, 2_000)
    // eslint-disable-next-line no-console -- the figure the issue asks for, reported; the assertion is the issue's own bound
    console.info(`outage test: /requests answered ${back.status} ${back.ms} ms after PostgreSQL was back`)
    expect(back.status, `/requests answered ${back.status} ${back.ms} ms after PostgreSQL came back`).toBe(200)
    expect(back.ms, 'the issue: requests succeed again within 2 s of PostgreSQL’s return').toBeLessThanOrEqual(2_000)
    expect((await fetch(`${hub.origin}/healthz`)).status).toBe(200)

    // Nothing acknowledged was lost: the account and its verification email are there.
    const [user] = await hub.inspect`select id from users where email = ${email}`
    expect(user).toBeDefined()
    const [mail] = await hub.inspect`select count(*)::int as n from email_outbox where user_id = ${user!.id as string}`
    expect(mail!.n).toBeGreaterThan(0)
  }, 180_000)
})
