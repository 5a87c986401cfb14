import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { savedSearches } from '#db/schema/index'
import { serveInstantAlerts } from '~/domain/alerts/serve.server'
import { db } from '~/utils/db.server'
import { action as alertsAction, loader as alertsLoader } from '~/routes/alerts'
import { action as unsubscribeAction, loader as unsubscribeLoader } from '~/routes/alerts_.unsubscribe.$token'
import { createOrganization, createUser, insertRequest, uniqueSuffix, type TestUser } from '../factories'
import { answerOf, flashOf, runAction, signedInGet, signedInPost } from './route-support'
import { links, outboxTo } from './support'

/** `POST /alerts` (the pages' form) and its management intents; the unsubscribe page and its POSTs. */

const savedOf = (user: TestUser) => db.select().from(savedSearches).where(eq(savedSearches.userId, user.id))
const post = async (user: TestUser, form: Record<string, string>) => answerOf(await runAction(alertsAction, await signedInPost(user, '/alerts', form)))

describe('POST /alerts', () => {
  test('saves the search with its frequency and goes to the alerts page with a message', async () => {
    const user = await createUser()
    const answer = await runAction(alertsAction, await signedInPost(user, '/alerts', { search: '/requests?objective=20', frequency: 'daily' }))
    expect(answer.status).toBe(302)
    expect(answer.headers.get('Location')).toBe('/alerts')
    expect(flashOf(answer)).toMatchObject({ key: 'alerts.save.saved', values: { name: expect.stringContaining('20.') } })
    expect(await savedOf(user)).toMatchObject([{ search: '/requests?objective=20', frequency: 'daily', listing: 'requests' }])
    const page = (await alertsLoader({ request: await signedInGet(user, '/alerts'), params: {}, context: { cspNonce: '' } })) as { alerts: { search: string }[] }
    expect(page.alerts.map((a) => a.search)).toEqual(['/requests?objective=20'])
  })

  test('bad input is a 4xx and saves nothing; an anonymous POST is sent to sign in', async () => {
    const user = await createUser()
    const forms: Record<string, string>[] = [
      { search: '/requests?objective=20' },
      { search: '/requests?objective=20', frequency: 'hourly' },
      { frequency: 'daily' },
      { search: 'https://evil.example/requests', frequency: 'daily' },
      { search: '/secretariat/requests', frequency: 'daily' },
      { search: '/offers?objective=0', frequency: 'daily' },
      { search: '/offers', frequency: 'daily', name: 'x'.repeat(121) },
    ]
    for (const form of forms) {
      const answer = await post(user, form)
      expect(answer.status, JSON.stringify(form)).toBe(400)
    }
    expect((await post(user, { search: '/offers', frequency: 'weekly' })).status).toBe(302)
    const again = await post(user, { search: '/offers', frequency: 'daily' })
    expect(again.status).toBe(409)
    expect(again.body).toEqual({ error: 'You already have an alert for this search: change it below.' })
    expect(await savedOf(user)).toHaveLength(1)

    const anonymous = await runAction(alertsAction, new Request('http://hub.test/alerts', { method: 'POST', body: new URLSearchParams({ search: '/offers', frequency: 'daily' }) }))
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('Location')).toMatch(/^\/login/)
  })

  test('rename, frequency, pause, resume and delete change only the owner’s alert', async () => {
    const owner = await createUser()
    const intruder = await createUser()
    await post(owner, { search: '/requests?q=water', frequency: 'instant' })
    const [alert] = await savedOf(owner)
    const id = alert!.id
    const intrusions: Record<string, string>[] = [{ intent: 'rename', id, name: 'Stolen' }, { intent: 'pause', id }, { intent: 'delete', id }]
    for (const form of intrusions) {
      expect((await post(intruder, form)).status).toBe(404)
    }
    expect((await post(owner, { intent: 'rename', id, name: 'Water and migration' })).status).toBe(302)
    expect((await post(owner, { intent: 'frequency', id, frequency: 'weekly' })).status).toBe(302)
    expect((await post(owner, { intent: 'pause', id })).status).toBe(302)
    expect(await savedOf(owner)).toMatchObject([{ name: 'Water and migration', frequency: 'weekly', paused: true }])
    expect((await post(owner, { intent: 'resume', id })).status).toBe(302)
    expect((await post(owner, { intent: 'frequency', id, frequency: 'monthly' })).status).toBe(400)
    expect((await post(owner, { intent: 'rename', id, name: '' })).status).toBe(400)
    expect((await post(owner, { intent: '__proto__', id })).status).toBe(400)
    expect((await savedOf(owner))[0]!.paused).toBe(false)
    expect((await post(owner, { intent: 'delete', id })).status).toBe(302)
    expect(await savedOf(owner)).toEqual([])
  })
})

describe('/alerts/unsubscribe/:token', () => {
  async function alertEmailToken() {
    const w = `zq${uniqueSuffix().replace(/[^a-z0-9]/gi, '').toLowerCase()}`
    const user = await createUser()
    await post(user, { search: `/requests?q=${w}`, frequency: 'instant', name: 'Water' })
    const { org } = await createOrganization({ type: 'state', country: 'BGD', status: 'verified' })
    await insertRequest(
      { title: `Water and migration ${w}`, summary: 'Technical assistance on climate-related migration.', countries: ['BGD'], primaryObjective: 2, supportTypes: ['technical_assistance'], languages: ['en'] },
      { organizationId: org.id, status: 'published', publishedAt: new Date() },
    )
    await serveInstantAlerts(db, { origin: links.origin })
    const [email] = (await outboxTo(user.email)).filter((e) => e.template === 'alerts.instant')
    const token = /\/alerts\/unsubscribe\/([a-z2-7]{32})>/.exec(email!.headers!['List-Unsubscribe']!)![1]!
    return { user, token }
  }
  const get = (token: string) => unsubscribeLoader({ request: new Request(`http://hub.test/alerts/unsubscribe/${token}`), params: { token }, context: { cspNonce: '' } })
  const oneClick = (token: string) =>
    runAction(unsubscribeAction, new Request(`http://hub.test/alerts/unsubscribe/${token}`, { method: 'POST', body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }) }), { token })

  test('the page names the alert without a sign-in and is never cached; its POST stops it', async () => {
    const { user, token } = await alertEmailToken()
    const page = await answerOf(await get(token))
    expect(page.status).toBe(200)
    expect(page.headers.get('Cache-Control')).toBe('no-store')
    expect(page.headers.get('Referrer-Policy')).toBe('no-referrer')
    expect(page.body).toMatchObject({ alerts: [{ name: 'Water' }] })
    const stopped = await answerOf(await runAction(unsubscribeAction, new Request(`http://hub.test/alerts/unsubscribe/${token}`, { method: 'POST', body: new URLSearchParams() }), { token }))
    expect(stopped).toMatchObject({ status: 200, body: { stopped: ['Water'] } })
    expect((await savedOf(user))[0]!.paused).toBe(true)
  })

  test("RFC 8058's one-click POST stops it", async () => {
    const { user, token } = await alertEmailToken()
    expect((await answerOf(await oneClick(token))).status).toBe(200)
    expect((await savedOf(user))[0]!.paused).toBe(true)
  })

  test('a wrong token is a 404 that names nothing', async () => {
    for (const token of ['b'.repeat(32), 'short', 'x'.repeat(200)]) {
      const page = await answerOf(await get(token))
      expect(page).toMatchObject({ status: 404, body: { alerts: null } })
      const posted = await answerOf(await oneClick(token))
      expect(posted.status).toBe(404)
      expect(JSON.stringify(posted.body)).not.toMatch(/Water/)
    }
  })
})
