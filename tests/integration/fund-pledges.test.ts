import { randomUUID } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { auditLog, contributions, notifications, type ContributionId } from '#db/schema/index'
import type { SessionUser } from '~/domain/accounts/sessions.server'
import { pendingPledges, voidedPledges } from '~/domain/fund/console.server'
import { recordPledge, recordPledgeReceipt, voidPledge } from '~/domain/fund/contributions.server'
import { PLEDGES_PER_HOUR } from '~/domain/fund/pledge-rules.server'
import { donorDashboard, fundOverview } from '~/domain/fund/public.server'
import { PledgeSchema } from '~/domain/fund/schemas'
import { pledgeThresholdUsd, setPledgeThreshold } from '~/domain/fund/settings.server'
import { loader as fundLoader } from '~/routes/api.v1.fund'
import { db } from '~/utils/db.server'
import { createUser, projectOrigin, verifiedParty } from '../factories'
import { expectDomainError } from './support'

const pledgeInput = (input: Record<string, unknown>) => PledgeSchema.parse({ token: randomUUID(), currency: 'USD', ...input })
const pledge = async (user: SessionUser, input: Record<string, unknown>) => (await recordPledge(db, user, pledgeInput(input), projectOrigin)) as ContributionId
const outstanding = async (currency: string) => (await fundOverview(db, 'en')).totals.pledgedOutstanding.find((p) => p.currency === currency)?.amount ?? 0

async function apiOutstanding(currency: string) {
  const body = (await (await fundLoader()).json()) as { totals: { pledgedOutstanding: { currency: string; amount: number }[] } }
  return body.totals.pledgedOutstanding.find((p) => p.currency === currency)?.amount ?? 0
}

describe('who may pledge', () => {
  test('an account whose email is not verified cannot pledge, and nothing is recorded or sent', async () => {
    const unverified = (await createUser({ verified: false })).actor
    const secretariat = (await createUser({ role: 'secretariat' })).actor
    const before = await outstanding('USD')
    await expectDomainError(pledge(unverified, { amount: 500 }), { status: 403, code: 'fund.pledgeNeedsVerifiedEmail' })
    expect(await db.select().from(contributions).where(eq(contributions.donorUserId, unverified.id))).toEqual([])
    expect(await db.select().from(notifications).where(eq(notifications.userId, secretariat.id))).toEqual([])
    expect(await outstanding('USD')).toBe(before)
  })

  test('above the threshold (USD 10,000 by default) a pledge must be made for a verified donor organisation', async () => {
    expect(await pledgeThresholdUsd(db)).toBe(1_000_000)
    const individual = (await createUser()).actor
    const charity = await verifiedParty('civil_society')
    const foundation = await verifiedParty('philanthropy')
    const state = await verifiedParty('state')

    expect(await pledge(individual, { amount: 10_000 })).toBeTruthy()
    await expectDomainError(pledge(individual, { amount: 10_000.01 }), { status: 403, code: 'fund.pledgeNeedsDonorOrganization' })
    await expectDomainError(pledge(charity.member, { amount: 50_000, organizationId: charity.org.id }), { status: 403, code: 'fund.pledgeNeedsDonorOrganization' })
    expect(await pledge(foundation.member, { amount: 50_000, organizationId: foundation.org.id })).toBeTruthy()
    expect(await pledge(state.member, { amount: 2_000_000, organizationId: state.org.id })).toBeTruthy()
  })

  test('a pledge in a currency the fund has never received has no known USD value, so it needs a donor organisation', async () => {
    const individual = (await createUser()).actor
    const foundation = await verifiedParty('philanthropy')
    const secretariat = (await createUser({ role: 'secretariat' })).actor
    await expectDomainError(pledge(individual, { amount: 100, currency: 'JPY' }), { status: 403, code: 'fund.pledgeNeedsDonorOrganization' })
    // Once JPY has arrived, its recorded rate (0.0067 USD per yen) values later pledges.
    const first = await pledge(foundation.member, { amount: 150_000, currency: 'JPY', organizationId: foundation.org.id })
    await recordPledgeReceipt(db, secretariat, first, { receivedOn: '2030-01-15', amount: 150_000, usdAmount: 1005, reference: 'JPY-RATE' })
    expect(await pledge(individual, { amount: 1_000_000, currency: 'JPY' })).toBeTruthy()
    await expectDomainError(pledge(individual, { amount: 2_000_000, currency: 'JPY' }), { status: 403, code: 'fund.pledgeNeedsDonorOrganization' })
  })

  test('the secretariat sets the threshold; the change is audited and only the secretariat may make it', async () => {
    const secretariat = (await createUser({ role: 'secretariat' })).actor
    const individual = (await createUser()).actor
    await expectDomainError(setPledgeThreshold(db, individual, { thresholdUsd: 1_000_000 }), { status: 403 })
    await setPledgeThreshold(db, secretariat, { thresholdUsd: 25_000 })
    expect(await pledgeThresholdUsd(db)).toBe(2_500_000)
    expect(await pledge(individual, { amount: 20_000 })).toBeTruthy()
    await expectDomainError(pledge(individual, { amount: 30_000 }), { status: 403, code: 'fund.pledgeNeedsDonorOrganization' })
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.action, 'fund.pledge_threshold_set'), eq(auditLog.actorId, secretariat.id)))
    expect(audit).toHaveLength(1)
    expect(audit[0]?.summary).toMatchObject({ from: 1_000_000, to: 2_500_000 })
    await setPledgeThreshold(db, secretariat, { thresholdUsd: 10_000 })
  })

  test(`an account records at most ${PLEDGES_PER_HOUR} pledges an hour; the next is refused with 429 (the same form sent again is not a new pledge)`, async () => {
    const donor = (await createUser()).actor
    const last = pledgeInput({ amount: 10 })
    for (let i = 1; i < PLEDGES_PER_HOUR; i++) await pledge(donor, { amount: 10 })
    const lastId = await recordPledge(db, donor, last, projectOrigin)
    await expectDomainError(pledge(donor, { amount: 10 }), { status: 429, code: 'fund.pledgesRateLimited' })
    expect(await recordPledge(db, donor, last, projectOrigin)).toBe(lastId)
    expect(await db.select().from(contributions).where(eq(contributions.donorUserId, donor.id))).toHaveLength(PLEDGES_PER_HOUR)
    // Another account is counted apart.
    expect(await pledge((await createUser()).actor, { amount: 10 })).toBeTruthy()
  })
})

describe('voiding a pledge', () => {
  test('a voided pledge leaves the public figures, stays on the console with its reason, and the void is audited', async () => {
    const secretariat = (await createUser({ role: 'secretariat' })).actor
    const foundation = await verifiedParty('philanthropy')
    const before = { page: await outstanding('CHF'), api: await apiOutstanding('CHF') }
    const id = await pledge(foundation.member, { amount: 75_000, currency: 'CHF', organizationId: foundation.org.id })
    expect(await outstanding('CHF')).toBe(before.page + 7_500_000)
    expect(await apiOutstanding('CHF')).toBe(before.api + 7_500_000)

    await expectDomainError(voidPledge(db, foundation.member, id, { reason: 'Not ours' }), { status: 403 })
    await expectDomainError(voidPledge(db, secretariat, id, { reason: '' }), { status: 400, code: 'fund.voidReasonRequired' })
    await voidPledge(db, secretariat, id, { reason: 'Recorded by mistake: the foundation never pledged this.' })

    expect(await outstanding('CHF')).toBe(before.page)
    expect(await apiOutstanding('CHF')).toBe(before.api)
    expect((await pendingPledges(db)).some((p) => p.id === id)).toBe(false)
    expect((await donorDashboard(db, foundation.member, 'en')).pledgedOutstanding).toEqual([])
    const voided = (await voidedPledges(db)).find((p) => p.id === id)
    expect(voided).toMatchObject({ amount: 7_500_000, currency: 'CHF', voidReason: 'Recorded by mistake: the foundation never pledged this.', voidedBy: secretariat.displayName })
    expect(voided?.voidedAt).toBeInstanceOf(Date)

    const audit = await db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'contribution.voided')))
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actorId: secretariat.id, summary: { reason: 'Recorded by mistake: the foundation never pledged this.' } })
    // Voided once: neither a second void nor a receipt can follow.
    await expectDomainError(voidPledge(db, secretariat, id, { reason: 'Again' }), { status: 409, code: 'fund.pledgeNotOpen' })
    await expectDomainError(recordPledgeReceipt(db, secretariat, id, { receivedOn: '2030-01-15', amount: 10, usdAmount: 11, reference: 'LATE' }), { status: 409, code: 'fund.pledgeNotOpen' })
  })

  test('a pledge against which money was received cannot be voided, and nothing changes', async () => {
    const secretariat = (await createUser({ role: 'secretariat' })).actor
    const donor = (await createUser()).actor
    const id = await pledge(donor, { amount: 1_000 })
    await recordPledgeReceipt(db, secretariat, id, { receivedOn: '2030-01-15', amount: 400, usdAmount: 400, reference: 'PART-1' })
    const error = await expectDomainError(voidPledge(db, secretariat, id, { reason: 'Donor withdrew' }), { status: 409, code: 'fund.pledgeAlreadyReceived' })
    expect(error.message).toMatch(/received/)
    const [row] = await db.select().from(contributions).where(eq(contributions.id, id))
    expect(row).toMatchObject({ status: 'pledged', receivedAmount: 40_000 })
    expect(await db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'contribution.voided')))).toEqual([])
  })
})
