import { eq, inArray } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { emailOutbox, organizationProfiles, organizations, requests, suggestionDigestItems, type OrganizationId, type RequestId } from '#db/schema/index'
import { sendSuggestionDigests } from '~/domain/matching/suggestion-digest.server'
import { db } from '~/utils/db.server'
import { addMember, createUser, type TestUser } from '../factories'
import { remittanceRequest, startEachTestWithAnEmptyCatalogue, world } from './matching-support'
import { runAction, signedInPost } from './route-support'
import { action as savePreferences } from '~/routes/account.notifications'

// The weekly "requests you may fit" digest, on a fixed clock.

startEachTestWithAnEmptyCatalogue()

const monday = new Date('2031-03-03T07:00:00Z')
const day = 86_400_000
const origin = 'http://hub.test'

const digestsOf = (users: TestUser[]) =>
  db
    .select({ userId: emailOutbox.userId, subject: emailOutbox.subject, text: emailOutbox.textBody, template: emailOutbox.template })
    .from(emailOutbox)
    .where(inArray(emailOutbox.userId, users.map((u) => u.id)))

async function published(id: RequestId, at: Date) {
  await db.update(requests).set({ publishedAt: at }).where(eq(requests.id, id))
}

/** A world with three remittance requests, and a partner (p2) whose profile fits them, with two members. */
async function digestWorld() {
  const w = await world((k) => ({
    requests: [
      remittanceRequest(k, 'this-week', { title: 'Cutting remittance costs in Bangladesh' }),
      remittanceRequest(k, 'old', { title: 'An older remittance request' }),
      remittanceRequest(k, 'other-objective', { objectives: [6], actions: ['6.c'], title: 'Fair recruitment in the Gulf' }),
    ],
  }))
  await published(w.request('this-week'), new Date(monday.getTime() - 2 * day))
  await published(w.request('old'), new Date(monday.getTime() - 30 * day))
  await published(w.request('other-objective'), new Date(monday.getTime() - 1 * day))
  await db.insert(organizationProfiles).values({ organizationId: w.org('p2') as OrganizationId, objectives: [20], countries: ['BGD'], supportTypes: ['technical_assistance'], languages: ['en'] })
  const [english, french] = [await createUser({ locale: 'en' }), await createUser({ locale: 'fr' })]
  await addMember(w.org('p2') as OrganizationId, english.id, 'member')
  await addMember(w.org('p2') as OrganizationId, french.id, 'admin')
  return { w, english, french }
}

describe('the weekly digest of requests you may fit', () => {
  it('sends each member one email in their language with the week’s new requests that fit, and never the same request twice', async () => {
    const { w, english, french } = await digestWorld()
    expect(await sendSuggestionDigests(db, { now: monday, origin })).toBeGreaterThanOrEqual(2)

    const mail = await digestsOf([english, french])
    expect(mail).toHaveLength(2)
    const en = mail.find((m) => m.userId === english.id)!
    expect(en).toMatchObject({ template: 'suggestion_digest', subject: 'Requests your organisation may fit this week' })
    expect(en.text).toContain('Cutting remittance costs in Bangladesh')
    expect(en.text).toContain(`${origin}/requests/${w.request('this-week')}`)
    expect(en.text).not.toContain('An older remittance request')
    expect(en.text).not.toContain('Fair recruitment')
    expect(en.text).toContain(`${origin}/account/notifications`)
    const fr = mail.find((m) => m.userId === french.id)!
    expect(fr.subject).toBe('Demandes susceptibles de correspondre à votre organisation cette semaine')
    // The reasons, in French: the country and the objective the request and the profile share.
    expect(fr.text).toContain('Intervient dans le pays : Bangladesh')
    expect(fr.text).toMatch(/objectif/i)

    // The next run, even the same week, sends nothing already sent.
    await sendSuggestionDigests(db, { now: new Date(monday.getTime() + day), origin })
    expect(await digestsOf([english, french])).toHaveLength(2)

    // A request published in the following week goes out the next Monday, alone.
    const later = await world((k) => ({ requests: [remittanceRequest(k, 'next-week', { title: 'Remittance price comparison for Bangladesh' })] }))
    await published(later.request('next-week'), new Date(monday.getTime() + 5 * day))
    await sendSuggestionDigests(db, { now: new Date(monday.getTime() + 7 * day), origin })
    const second = (await digestsOf([english])).filter((m) => m.text !== en.text)
    expect(second).toHaveLength(1)
    expect(second[0]!.text).toContain('Remittance price comparison for Bangladesh')
    expect(second[0]!.text).not.toContain('Cutting remittance costs in Bangladesh')
  })

  it('a person in two organisations with profiles gets one email, each request once', async () => {
    const { w, english } = await digestWorld()
    await db.insert(organizationProfiles).values({ organizationId: w.org('donor') as OrganizationId, objectives: [20, 19], supportTypes: ['financing'], languages: ['en'], financingMinUsd: 50_000_00, financingMaxUsd: 250_000_00 })
    await addMember(w.org('donor') as OrganizationId, english.id, 'member')
    await sendSuggestionDigests(db, { now: monday, origin })
    const mail = await digestsOf([english])
    expect(mail).toHaveLength(1)
    expect(mail[0]!.text.split('Cutting remittance costs in Bangladesh')).toHaveLength(2)
    expect(await db.select().from(suggestionDigestItems).where(eq(suggestionDigestItems.userId, english.id))).toHaveLength(1)
  })

  it('is on by default and off for whoever turned the kind `suggestions` off; only verified organisations with a profile', async () => {
    const { w, english, french } = await digestWorld()
    const off = await runAction(savePreferences, await optOut(french))
    expect(off.status).toBe(302)
    // An organisation that is not verified (yet) gets no digest, whatever its profile.
    await db.insert(organizationProfiles).values({ organizationId: w.org('p3') as OrganizationId, objectives: [20], languages: ['en'] })
    await db.update(organizations).set({ verificationStatus: 'pending', verifiedAt: null }).where(eq(organizations.id, w.org('p3')))
    const pendingMember = await createUser()
    await addMember(w.org('p3') as OrganizationId, pendingMember.id, 'member')

    await sendSuggestionDigests(db, { now: monday, origin })
    expect((await digestsOf([english, french, pendingMember])).map((m) => m.userId)).toEqual([english.id])
    // Nothing is recorded as sent to the person who opted out: turning it on again sends what fits then.
    expect(await db.select().from(suggestionDigestItems).where(eq(suggestionDigestItems.userId, french.id))).toEqual([])
  })
})

async function optOut(user: TestUser) {
  const request = await signedInPost(user, '/account/notifications', {})
  const body = new URLSearchParams([['email', 'matches'], ['email', 'projects'], ['email', 'fund'], ['email', 'alerts']])
  return new Request(request.url, { method: 'POST', body, headers: request.headers })
}
