import { eq, inArray, sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { alertSentItems, cataloguePublications, emailOutbox, savedSearches } from '#db/schema/index'
import { createSavedSearch, MAX_SAVED_SEARCHES, updateSavedSearch } from '~/domain/alerts/saved-searches.server'
import { alertEmail, ITEMS_LISTED_PER_SEARCH } from '~/domain/alerts/email.server'
import { sendAlertDigests, serveInstantAlerts } from '~/domain/alerts/serve.server'
import { alertsOfUnsubscribeToken, unsubscribeAlerts } from '~/domain/alerts/unsubscribe.server'
import { importData } from '~/domain/import/import.server'
import { saveNotificationPreferences } from '~/domain/notifications/preferences.server'
import { createRequest, transitionRequest } from '~/domain/requests/requests.server'
import { RequestSchema } from '~/domain/requests/schemas'
import { db } from '~/utils/db.server'
import { translator } from '~/utils/i18n.server'
import { createOrganization, createUser, insertOffer, insertRequest, uniqueSuffix, type TestUser } from '../factories'
import { sampleFile } from './import-support'
import { expectDomainError, links, outboxTo } from './support'

/**
 * Saved searches with alerts: publications caught by the trigger on requests and offers, whatever wrote them;
 * instant alerts and digests served once per item, one email per person, in their language; unsubscribe links.
 */

const origin = links.origin
const t = translator('en')
const save = (user: TestUser, search: string, frequency: 'instant' | 'daily' | 'weekly' = 'instant', name?: string) =>
  createSavedSearch(db, { userId: user.id, input: { search, frequency, name }, t, locale: 'en' })

/** A word no other test's item carries, so a search on it finds only this test's items. */
const word = () => `zq${uniqueSuffix().replace(/[^a-z0-9]/gi, '').toLowerCase()}`

async function state() {
  const { org, owner } = await createOrganization({ type: 'state', country: 'BGD', status: 'verified' })
  return { org, owner }
}

/** A published request with `title`, put straight into its status (the trigger sees an insert as published). */
const published = async (orgId: Parameters<typeof insertRequest>[1]['organizationId'], title: string, objectives = [20]) =>
  insertRequest(
    { title, summary: 'Technical assistance to lower the cost of sending money home.', countries: ['BGD'], primaryObjective: objectives[0], objectives: objectives.slice(1), supportTypes: ['technical_assistance'], languages: ['en'] },
    { organizationId: orgId, status: 'published', publishedAt: new Date() },
  )

const alertEmails = async (user: TestUser) => (await outboxTo(user.email)).filter((e) => e.template.startsWith('alerts.'))
const unsubscribeToken = (text: string, url: string) => {
  const match = new RegExp(`${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ${origin}/alerts/unsubscribe/([a-z2-7]{32})`).exec(text)
  if (!match?.[1]) throw new Error(`no such unsubscribe link in:\n${text}`)
  return match[1]
}
const headerToken = (headers: Record<string, string> | null) => /\/alerts\/unsubscribe\/([a-z2-7]{32})>$/.exec(headers?.['List-Unsubscribe'] ?? '')?.[1]
const later = (ms: number) => new Date(Date.now() + ms)
const day = 24 * 60 * 60 * 1000

describe('saving a search', () => {
  test('keeps the canonical search (no page, no order) and names it from its filters', async () => {
    const user = await createUser()
    const saved = await save(user, '/requests?sort=oldest&page=3&objective=20&q=remittances&country=bgd')
    expect(saved.search).toBe('/requests?q=remittances&objective=20&country=BGD')
    expect(saved.name).toContain('“remittances”')
    expect(saved.name).toContain('20. Promote faster, safer and cheaper transfer of remittances')
    expect(saved.name.length).toBeLessThanOrEqual(120)
    const [row] = await db.select().from(savedSearches).where(eq(savedSearches.id, saved.id))
    expect(row).toMatchObject({ listing: 'requests', frequency: 'instant', paused: false, filters: { q: 'remittances', filters: { objective: ['20'], country: ['BGD'] } } })
  })

  test('refuses anything but a search the requests or offers page accepts (400), the same search twice (409), past the limit (422)', async () => {
    const user = await createUser()
    for (const bad of ['requests?objective=20', '//evil.example/requests', 'https://evil.example/requests', '/practices?objective=1', '/requests/abc', '/requests?objective=99', '/offers?status=draft', '/requests#x', `/requests?q=${'a'.repeat(300)}`]) {
      await expectDomainError(save(user, bad), { status: 400, code: 'alerts.errors.search' })
    }
    await save(user, '/offers?objective=3')
    await expectDomainError(save(user, '/offers?page=2&objective=3'), { status: 409, code: 'alerts.errors.exists' })
    for (let i = 1; i < MAX_SAVED_SEARCHES; i++) await save(user, `/requests?q=w${i}`)
    await expectDomainError(save(user, '/requests?q=one-more'), { status: 422, code: 'alerts.errors.limit' })
    expect(await db.$count(savedSearches, eq(savedSearches.userId, user.id))).toBe(MAX_SAVED_SEARCHES)
  })
})

describe('publications, caught in the database', () => {
  const publicationsOf = (ids: string[]) => db.select().from(cataloguePublications).where(inArray(cataloguePublications.itemId, ids))

  test('screening: a request is recorded when the secretariat publishes it, not while it is a draft or submitted', async () => {
    const { org, owner } = await state()
    const secretariat = (await createUser({ role: 'secretariat' })).actor
    const input = RequestSchema.parse({ title: 'Lowering remittance costs', summary: 'Technical assistance for a national remittance strategy.', countries: ['BGD'], primaryObjective: 20, supportTypes: ['technical_assistance'], languages: ['en'], contactName: 'R. C.', contactEmail: 'rc@example.org' })
    const id = await createRequest(db, owner.actor, org, input)
    await transitionRequest(db, owner.actor, id, 'submit', { origin })
    expect(await publicationsOf([id])).toEqual([])
    await transitionRequest(db, secretariat, id, 'publish', { origin })
    expect(await publicationsOf([id])).toMatchObject([{ listing: 'requests', itemId: id, instantServedAt: null }])
  })

  test('the import: published requests and active offers are recorded, drafts are not; a rolled-back publication leaves nothing', async () => {
    const { file } = sampleFile()
    await importData(db, file)
    const keys = [...file.requests, ...file.offers].map((r) => r.key)
    const items = await db.execute<{ id: string; public: boolean }>(
      sql`select id, status = 'published' as public from requests where key = any(${sql.param(keys)}::text[]) union all select id, status = 'active' from offers where key = any(${sql.param(keys)}::text[])`,
    )
    const rows = await publicationsOf(Array.from(items, (i) => i.id))
    expect(rows.map((r) => r.itemId).sort()).toEqual(Array.from(items).filter((i) => i.public).map((i) => i.id).sort())
    expect(items.length).toBeGreaterThan(rows.length)
    expect(rows.length).toBeGreaterThan(1)

    const { org } = await state()
    const before = await db.$count(cataloguePublications)
    await expect(
      db.transaction(async (tx) => {
        await insertRequest({ title: 'Rolled back request', summary: 'This publication never commits.', countries: ['BGD'], primaryObjective: 1, supportTypes: ['technical_assistance'], languages: ['en'] }, { organizationId: org.id, status: 'published', publishedAt: new Date() }, tx)
        throw new Error('rolled back')
      }),
    ).rejects.toThrow('rolled back')
    expect(await db.$count(cataloguePublications)).toBe(before)
  })

  test('an offer is recorded when it becomes active, and again when resumed after a pause', async () => {
    const { org } = await createOrganization({ type: 'academia', status: 'verified' })
    const id = await insertOffer(
      { kind: 'expertise', title: 'Training in migration statistics', summary: 'Courses for national statistical offices.', countries: ['KEN'], primaryObjective: 1, supportTypes: ['capacity_building'], languages: ['en'] },
      { organizationId: org.id, status: 'draft', publishedAt: null },
    )
    expect(await publicationsOf([id])).toEqual([])
    await db.execute(sql`update offers set status = 'active', published_at = now() where id = ${id}`)
    await db.execute(sql`update offers set title = 'Training in migration statistics, revised' where id = ${id}`)
    expect(await publicationsOf([id])).toHaveLength(1)
    await db.execute(sql`update offers set status = 'paused' where id = ${id}`)
    await db.execute(sql`update offers set status = 'active' where id = ${id}`)
    expect(await publicationsOf([id])).toHaveLength(2)
  })
})

describe('instant alerts', () => {
  test('the matching new request reaches the partner once, with its unsubscribe headers, however often the job runs', async () => {
    const w = word()
    const { org } = await state()
    const partner = await createUser()
    const other = await createUser({ locale: 'fr' })
    await save(partner, `/requests?q=${w}&objective=20`)
    await save(other, `/requests?q=${w}&objective=3`, 'instant')
    const daily = await createUser()
    await save(daily, `/requests?q=${w}`, 'daily')

    const match = await published(org.id, `Remittance corridors ${w}`, [20])
    await published(org.id, `Labour migration ${w}`, [7])
    expect(await serveInstantAlerts(db, { origin })).toBeGreaterThanOrEqual(1)

    const [email, ...more] = await alertEmails(partner)
    expect(more).toEqual([])
    expect(email!.subject).toBe('New on the Connection Hub for your alerts (1)')
    expect(email!.textBody).toContain(`Remittance corridors ${w}`)
    expect(email!.textBody).toContain(`${origin}/requests/${match}`)
    expect(email!.textBody).not.toContain(`Labour migration ${w}`)
    expect(email!.headers).toEqual({ 'List-Unsubscribe': expect.stringMatching(/^<http:\/\/hub\.test\/alerts\/unsubscribe\/[a-z2-7]{32}>$/), 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' })
    expect(await alertEmails(other)).toEqual([])
    expect(await alertEmails(daily)).toEqual([])

    // Again, and again with the publications marked unserved (a crash after the email was queued): nothing more.
    await serveInstantAlerts(db, { origin })
    await db.execute(sql`update catalogue_publications set instant_served_at = null where item_id = ${match}`)
    await serveInstantAlerts(db, { origin })
    expect(await alertEmails(partner)).toHaveLength(1)
  })

  test('two runs at once send the item once', async () => {
    const w = word()
    const { org } = await state()
    const partner = await createUser()
    await save(partner, `/requests?q=${w}`)
    await published(org.id, `Diaspora bonds ${w}`)
    await Promise.all([serveInstantAlerts(db, { origin }), serveInstantAlerts(db, { origin }), serveInstantAlerts(db, { origin })])
    expect(await alertEmails(partner)).toHaveLength(1)
  })

  test('a person who turned alert emails off is not served, and nothing is kept back from them meanwhile', async () => {
    const w = word()
    const { org } = await state()
    const partner = await createUser()
    await save(partner, `/requests?q=${w}`)
    await saveNotificationPreferences(db, partner.id, { email: ['matches', 'projects', 'fund', 'suggestions'] })
    const quiet = await published(org.id, `While alerts are off ${w}`)
    await serveInstantAlerts(db, { origin })
    expect(await alertEmails(partner)).toEqual([])
    expect(await db.select().from(alertSentItems).where(eq(alertSentItems.itemId, quiet))).toEqual([])

    await saveNotificationPreferences(db, partner.id, { email: ['alerts'] })
    await published(org.id, `Alerts back on ${w}`)
    await serveInstantAlerts(db, { origin })
    const [email] = await alertEmails(partner)
    expect(email!.textBody).toContain(`Alerts back on ${w}`)
  })

  test('an item published before the alert was saved, or while it was paused, is not sent', async () => {
    const w = word()
    const { org } = await state()
    const partner = await createUser()
    await published(org.id, `Older request ${w}`)
    const alert = await save(partner, `/requests?q=${w}`)
    await updateSavedSearch(db, { userId: partner.id, id: alert.id, change: { paused: true } })
    await published(org.id, `While paused ${w}`)
    await serveInstantAlerts(db, { origin })
    await updateSavedSearch(db, { userId: partner.id, id: alert.id, change: { paused: false } })
    await serveInstantAlerts(db, { origin })
    expect(await alertEmails(partner)).toEqual([])
  })
})

describe('digests, with a fixed clock', () => {
  test('one email per person, grouped by saved search, in their language; no item twice; nothing after unsubscribing or pausing', async () => {
    const w = word()
    const { org } = await state()
    const anna = await createUser({ displayName: 'Anna' })
    const omar = await createUser({ displayName: 'Omar', locale: 'ar' })
    const remittances = await save(anna, `/requests?q=${w}&objective=20`, 'daily', 'Remittances')
    const labour = await save(anna, `/requests?q=${w}&objective=7`, 'daily', 'Labour')
    const omarAlert = await save(omar, `/requests?q=${w}`, 'daily', 'Everything')
    await save(omar, `/requests?q=${w}&objective=20`, 'weekly', 'Weekly')

    const r1 = await published(org.id, `Remittance corridors ${w}`, [20])
    const r2 = await published(org.id, `Labour mobility ${w}`, [7])
    const r3 = await published(org.id, `Remittances and labour ${w}`, [20, 7])

    const sixAm = later(60_000)
    await sendAlertDigests(db, { frequency: 'daily', origin, now: sixAm })
    const [annaDigest, ...annaMore] = await alertEmails(anna)
    expect(annaMore).toEqual([])
    expect(annaDigest!.template).toBe('alerts.daily')
    expect(annaDigest!.subject).toBe('Your daily digest from the Connection Hub (4 new)')
    const text = annaDigest!.textBody
    const [, remittancesPart, labourPart] = text.split(/^== /m)
    expect(remittancesPart).toMatch(/^Remittances ==/)
    expect(remittancesPart).toContain(`/requests/${r1}`)
    expect(remittancesPart).toContain(`/requests/${r3}`)
    expect(remittancesPart).not.toContain(`/requests/${r2}`)
    expect(labourPart).toMatch(/^Labour ==/)
    expect(labourPart).toContain(`/requests/${r2}`)
    expect(labourPart).toContain(`/requests/${r3}`)

    const [omarDigest, ...omarMore] = await alertEmails(omar)
    expect(omarMore).toEqual([])
    expect(omarDigest!.subject).toMatch(/^ملخصك اليومي من Connection Hub \(الجديد: \u2068?3\u2069?\)$/)
    expect(omarDigest!.textBody.match(/\/requests\/[0-9a-f-]{36}/g)).toHaveLength(3)

    // The next day: nothing new, nothing sent again.
    await sendAlertDigests(db, { frequency: 'daily', origin, now: new Date(sixAm.getTime() + day) })
    expect(await alertEmails(anna)).toHaveLength(1)
    expect(await alertEmails(omar)).toHaveLength(1)

    // Anna stops "Labour" from its own link; the email's List-Unsubscribe stops both of hers. Omar pauses his.
    const labourToken = unsubscribeToken(labourPart!, 'Stop this alert')
    expect((await alertsOfUnsubscribeToken(db, labourToken)).map((a) => a.id)).toEqual([labour.id])
    expect((await alertsOfUnsubscribeToken(db, headerToken(annaDigest!.headers)!)).map((a) => a.id).sort()).toEqual([remittances.id, labour.id].sort())
    await unsubscribeAlerts(db, labourToken)
    await updateSavedSearch(db, { userId: omar.id, id: omarAlert.id, change: { paused: true } })
    const r4 = await published(org.id, `Fair recruitment and remittances ${w}`, [20, 7])
    await sendAlertDigests(db, { frequency: 'daily', origin, now: later(day) })
    const annaAll = await alertEmails(anna)
    expect(annaAll).toHaveLength(2)
    expect(annaAll[1]!.textBody).toContain(`/requests/${r4}`)
    expect(annaAll[1]!.textBody).not.toContain('== Labour ==')
    expect(await alertEmails(omar)).toHaveLength(1)

    await unsubscribeAlerts(db, headerToken(annaAll[1]!.headers)!)
    await published(org.id, `Remittance data ${w}`, [20])
    await sendAlertDigests(db, { frequency: 'daily', origin, now: later(2 * day) })
    expect(await alertEmails(anna)).toHaveLength(2)

    // The weekly digest is its own: Omar's weekly alert gets every objective-20 item, once.
    await sendAlertDigests(db, { frequency: 'weekly', origin, now: later(3 * day) })
    const weekly = (await alertEmails(omar)).filter((e) => e.template === 'alerts.weekly')
    expect(weekly).toHaveLength(1)
    expect(weekly[0]!.textBody.match(/\/requests\/[0-9a-f-]{36}/g)).toHaveLength(4)
  })
})

describe('unsubscribe links', () => {
  test('a wrong or malformed token is a 404 that says nothing', async () => {
    for (const token of ['a'.repeat(32), 'not-a-token', '']) {
      await expectDomainError(alertsOfUnsubscribeToken(db, token), { status: 404 })
      await expectDomainError(unsubscribeAlerts(db, token), { status: 404 })
    }
  })

  test('stopping twice is harmless, and only the SHA-256 of the token is stored', async () => {
    const w = word()
    const { org } = await state()
    const partner = await createUser()
    const alert = await save(partner, `/requests?q=${w}`)
    await published(org.id, `Return and reintegration ${w}`)
    await serveInstantAlerts(db, { origin })
    const [email] = await alertEmails(partner)
    const token = headerToken(email!.headers)!
    expect(await unsubscribeAlerts(db, token)).toEqual([{ id: alert.id, name: alert.name }])
    expect(await unsubscribeAlerts(db, token)).toEqual([{ id: alert.id, name: alert.name }])
    const [row] = await db.select({ paused: savedSearches.paused }).from(savedSearches).where(eq(savedSearches.id, alert.id))
    expect(row?.paused).toBe(true)
    const stored = await db.execute<{ n: number }>(sql`select count(*)::int as n from alert_unsubscribe_tokens where token_hash = convert_to(${token}, 'UTF8')`)
    expect(stored[0]!.n).toBe(0)
    expect(await db.$count(emailOutbox, eq(emailOutbox.userId, partner.id))).toBe(1)
  })
})

describe('the alert email', () => {
  test('lists at most 20 items of a search and sends the reader to the search for the rest', () => {
    const items = Array.from({ length: 23 }, (_, i) => ({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, title: `Item ${i}`, organization: { name: 'Ministry' } }))
    const section = { alert: { id: 'a', listing: 'requests' as const, search: '/requests?objective=20', name: 'Remittances' }, items, unsubscribeToken: 't'.repeat(32) }
    const { text, subject } = alertEmail(t, { name: 'Amina', frequency: 'weekly', sections: [section], emailToken: 't'.repeat(32), origin })
    expect(subject).toContain('23 new')
    expect(text.match(/^- Item \d+/gm)).toHaveLength(ITEMS_LISTED_PER_SEARCH)
    expect(text).toContain(`Other items not listed here: 3. All of them are in the search: ${origin}/requests?objective=20`)
    expect(text).not.toContain('Item 20 ')
  })
})
