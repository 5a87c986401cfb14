import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditLog, organizationProfiles, requests, type OrganizationId } from '#db/schema/index'
import { scoreOffersForRequest } from '~/domain/matching/candidates.server'
import { profileWeights, suggestionsForOrganizationsWithoutOffers, suggestionsFromProfile } from '~/domain/matching/profile-suggestions.server'
import { profileOf } from '~/domain/organizations/profiles.server'
import { loader as dashboard } from '~/routes/dashboard'
import { action as saveProfilePage, loader as profilePage } from '~/routes/orgs.$slug.profile'
import { matchWeights } from '~/domain/matching/weights'
import { db } from '~/utils/db.server'
import { addMember, createUser } from '../factories'
import { decline, financingOffer, offer, remittanceRequest, startEachTestWithAnEmptyCatalogue, world } from './matching-support'
import { answerOf, flashOf, runAction, signedInGet, signedInPost } from './route-support'

// Suggestions from an organisation's profile: the profile scored as an offer by the matching service's scorer.

startEachTestWithAnEmptyCatalogue()

const profile = (organizationId: string, changes: Partial<typeof organizationProfiles.$inferInsert> = {}) =>
  db
    .insert(organizationProfiles)
    .values({ organizationId: organizationId as OrganizationId, objectives: [20], countries: ['BGD'], supportTypes: ['technical_assistance'], languages: ['en'], ...changes })
    .returning()
    .then((rows) => rows[0]!)

const reasonKeys = (factors: { reason: { key: string } | null; contribution: number }[]) => factors.filter((f) => f.reason && f.contribution > 0).map((f) => f.reason!.key)

describe('suggestions from a profile', () => {
  it('ranks published requests that share an objective and a language, with the scorer’s reasons, and leaves out the rest', async () => {
    const w = await world((k) => ({
      requests: [
        remittanceRequest(k, 'remit'),
        remittanceRequest(k, 'nepal', { organization: k('npl'), countries: ['NPL'], title: 'Remittances to Nepal' }),
        remittanceRequest(k, 'recruitment', { objectives: [6], actions: ['6.c'], title: 'Fair recruitment' }),
        remittanceRequest(k, 'french', { languages: ['fr'], title: 'Transferts de fonds' }),
        remittanceRequest(k, 'draft', { status: 'draft', title: 'Not yet published' }),
        remittanceRequest(k, 'declined', { title: 'Declined before' }),
      ],
    }))
    await decline(w.request('declined'), w.org('p2'), null)
    const stored = await profile(w.org('p2'))
    const found = await suggestionsFromProfile(db, stored, { limit: 10 })
    expect(found.map((s) => w.requestName(s.requestId))).toEqual(['remit', 'nepal'])
    const [best] = found
    // Same country as the profile, its objective as the request's primary, the support it gives.
    expect(reasonKeys(best!.factors)).toEqual(['matchReasons.sharedPrimaryObjective', 'matchReasons.sameCountry', 'matchReasons.supportTypes'])
    expect(best!.factors.find((f) => f.factor === 'geography')!.reason).toEqual({ key: 'matchReasons.sameCountry', values: { countryCode: 'BGD' } })
    // Nepal is in Southern Asia with Bangladesh: a region in common ranks it below.
    expect(found[1]!.factors.find((f) => f.factor === 'geography')!.reason).toEqual({ key: 'matchReasons.subRegion', values: { regionCode: '034' } })
    expect(found[0]!.score).toBeGreaterThan(found[1]!.score)
  })

  it('scores as an offer with the same features would be scored: same factor values, weighed by the profile’s weights', async () => {
    const w = await world((k) => ({
      requests: [remittanceRequest(k, 'remit')],
      offers: [offer(k, 'twin', { organization: k('p2'), objectives: [20], actions: [], countries: ['BGD'], regions: [], supportTypes: ['technical_assistance'], languages: ['en'], title: 'Quarterly bulletins', summary: 'Quarterly bulletins on a subject the request never names.' })],
    }))
    const [fromProfile] = await suggestionsFromProfile(db, await profile(w.org('p2')), { limit: 1 })
    const fromOffer = (await scoreOffersForRequest(db, w.request('remit'), { top: 5 }))!.ranked.find((r) => r.features.id === w.offer('twin'))!
    for (const factor of ['objectives', 'geography', 'supportTypes', 'financing'] as const) {
      const a = fromProfile!.factors.find((f) => f.factor === factor)!
      const b = fromOffer.factors.find((f) => f.factor === factor)!
      expect(a.reason, factor).toEqual(b.reason)
      expect(a.contribution / profileWeights[factor], factor).toBeCloseTo(b.contribution / matchWeights[factor], 3)
    }
    // Factors a profile says nothing of weigh nothing.
    for (const factor of ['actions', 'timing', 'text', 'trackRecord'] as const) expect(fromProfile!.factors.find((f) => f.factor === factor)!.contribution).toBe(0)
  })

  it('a donor’s financing range is read as a financing offer’s, in US dollars', async () => {
    const w = await world((k) => ({ requests: [remittanceRequest(k, 'remit'), remittanceRequest(k, 'big', { budget: { amount: 5_000_000, currency: 'USD' }, title: 'A much larger remittance programme' })] }))
    const donor = await profile(w.org('donor'), { supportTypes: ['financing'], financingMinUsd: 50_000_00, financingMaxUsd: 250_000_00 })
    const found = await suggestionsFromProfile(db, donor, { limit: 10 })
    expect(found.map((s) => w.requestName(s.requestId))).toEqual(['remit', 'big'])
    expect(found[0]!.factors.find((f) => f.factor === 'financing')!.reason).toMatchObject({ key: 'matchReasons.budgetWithinRange', values: { minAmount: 50_000_00, maxAmount: 250_000_00, minCurrency: 'USD' } })
    expect(found[1]!.factors.find((f) => f.factor === 'financing')!.reason).toMatchObject({ key: 'matchReasons.budgetAboveRange' })
  })

  it('limits to requests published after a date and leaves out those already sent', async () => {
    const w = await world((k) => ({ requests: [remittanceRequest(k, 'old'), remittanceRequest(k, 'new', { title: 'Newer' })] }))
    await db.update(requests).set({ publishedAt: new Date('2026-11-01T00:00:00Z') }).where(eq(requests.id, w.request('old')))
    await db.update(requests).set({ publishedAt: new Date('2026-11-20T00:00:00Z') }).where(eq(requests.id, w.request('new')))
    const stored = await profile(w.org('p2'))
    expect(await suggestionsFromProfile(db, stored, { limit: 10 })).toHaveLength(2)
    const since = new Date('2026-11-10T00:00:00Z')
    expect((await suggestionsFromProfile(db, stored, { limit: 10, publishedAfter: since })).map((s) => w.requestName(s.requestId))).toEqual(['new'])
    expect((await suggestionsFromProfile(db, stored, { limit: 10, exclude: new Set([w.request('new')]) })).map((s) => w.requestName(s.requestId))).toEqual(['old'])
  })

  it('only organisations with no active offer get them; one without a profile is asked for it', async () => {
    const w = await world((k) => ({ requests: [remittanceRequest(k, 'remit')], offers: [offer(k, 'active-one', { organization: k('p1') }), financingOffer(k, 'paused', { status: 'paused' })] }))
    await profile(w.org('p1'))
    await profile(w.org('donor'), { supportTypes: ['financing'], financingMinUsd: 0, financingMaxUsd: 1_000_000_00 })
    const result = await suggestionsForOrganizationsWithoutOffers(db, [w.org('p1'), w.org('p3'), w.org('donor')] as OrganizationId[])
    expect(result.map((r) => [r.organizationId, r.hasProfile, r.suggestions.length])).toEqual([
      [w.org('p3'), false, 0],
      [w.org('donor'), true, 1],
    ])
  })
})

describe('the dashboard and the profile page', () => {
  it('a partner with no offer sees the requests that fit its profile, with reasons in its language', async () => {
    const w = await world((k) => ({ requests: [remittanceRequest(k, 'remit')] }))
    const member = await createUser({ locale: 'fr' })
    await addMember(w.org('p2') as OrganizationId, member.id, 'member')
    const before = (await dashboard({ request: await signedInGet(member, '/dashboard', 'fr'), params: {}, context: { cspNonce: '' } })) as Awaited<ReturnType<typeof dashboard>>
    expect(before.fromProfiles).toEqual([expect.objectContaining({ hasProfile: false, mayEditProfile: false, suggestions: [] })])

    await profile(w.org('p2'))
    const after = (await dashboard({ request: await signedInGet(member, '/dashboard', 'fr'), params: {}, context: { cspNonce: '' } })) as Awaited<ReturnType<typeof dashboard>>
    const [entry] = after.fromProfiles
    expect(entry!.organization.id).toBe(w.org('p2'))
    expect(entry!.suggestions.map((s) => s.requestId)).toEqual([w.request('remit')])
    // The reasons, as sentences in the reader's language: Bangladesh named in French.
    expect(entry!.suggestions[0]!.reasons.join(' ')).toContain('Bangladesh')
    expect(entry!.suggestions[0]!.reasons.some((r) => /objectif/i.test(r))).toBe(true)
  })

  it('only the organisation’s admins edit the profile; bad input is a 400 and stores nothing', async () => {
    const w = await world(() => ({}))
    const [admin, member] = [await createUser(), await createUser()]
    await addMember(w.org('p3') as OrganizationId, admin.id, 'admin')
    await addMember(w.org('p3') as OrganizationId, member.id, 'member')
    const slug = `${w.k('p3')}`
    const path = `/orgs/${slug}/profile`
    const form = { objectives: '19', countries: 'NPL', supportTypes: 'data_research', languages: 'en', financingMin: '', financingMax: '' }

    const refused = await runAction(profilePage as never, await signedInGet(member, path), { slug })
    expect(refused.status).toBe(403)
    expect((await runAction(saveProfilePage, await signedInPost(member, path, form), { slug })).status).toBe(403)

    const bad = await answerOf(await runAction(saveProfilePage, await signedInPost(admin, path, { ...form, objectives: '99', financingMin: '10' }), { slug }))
    expect(bad.status).toBe(400)
    expect(await profileOf(db, w.org('p3') as OrganizationId)).toBeNull()

    const saved = await runAction(saveProfilePage, await signedInPost(admin, path, { ...form, financingMin: '1000', financingMax: '2000.5' }), { slug })
    expect(saved.status).toBe(302)
    expect(flashOf(saved)).toMatchObject({ key: 'organizations.profile.saved' })
    expect(await profileOf(db, w.org('p3') as OrganizationId)).toMatchObject({ objectives: [19], countries: ['NPL'], supportTypes: ['data_research'], languages: ['en'], financingMinUsd: 100000, financingMaxUsd: 200050 })
    expect(await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, w.org('p3')))).toContainEqual({ action: 'organization.profile_saved' })
  })
})
