import { and, eq, inArray, isNotNull } from 'drizzle-orm'
import {
  contributions,
  fundCurrency,
  organizations,
  pledgeReceipts,
  projects,
  type ContributionId,
  type OrganizationId,
  type ProjectId,
} from '#db/schema/index'
import { recordAudit } from '~/utils/audit.server'
import type { Db } from '~/utils/db.server'
import { urls } from '~/utils/urls'
import { can } from '~/domain/access/abilities'
import type { SessionUser } from '../accounts/sessions.server'
import { DomainError, forbidden, notFound } from '../errors'
import { notify, secretariatMembers } from '../notifications/notifications.server'
import { membershipContext } from '../organizations/organizations.server'
import { liveProjectStatuses } from '../projects/lifecycle'
import { toMajorUnits, toMinorUnits } from '../vocabulary/codes'
import { accounts, post } from '../ledger/ledger.server'
import { assertMayPledge } from './pledge-rules.server'
import { VoidPledgeSchema, type CardContributionInput, type PledgeInput, type PledgeReceiptInput, type VoidPledgeInput } from './schemas'

export type Contribution = typeof contributions.$inferSelect

/** The pool a contribution's money goes into, following its earmark. */
export const poolOf = (c: Pick<Contribution, 'earmark' | 'earmarkObjective' | 'earmarkProjectId'>) =>
  c.earmark === 'objective' && c.earmarkObjective ? accounts.objectivePool(c.earmarkObjective) : c.earmark === 'project' && c.earmarkProjectId ? accounts.projectPool(c.earmarkProjectId) : accounts.unallocated

/** How a donor is named in the ledger's memos: never by name when they asked to stay anonymous. */
export const donorLabel = (c: Pick<Contribution, 'anonymous' | 'donorName'>) => (c.anonymous ? 'an anonymous donor' : c.donorName)

export const donorAccountOf = (c: Pick<Contribution, 'id' | 'donorOrganizationId' | 'donorUserId'>) =>
  accounts.donor({ organizationId: c.donorOrganizationId, userId: c.donorUserId, contributionId: c.id })

/** Projects a donor may earmark for: published and still running. */
export function projectsSeekingFunds(db: Db) {
  return db
    .select({ id: projects.id, title: projects.title, objectives: projects.objectives })
    .from(projects)
    .where(and(isNotNull(projects.publishedAt), inArray(projects.status, [...liveProjectStatuses])))
    .orderBy(projects.title)
}

/** Who the donor is on this contribution: themselves, or a donor organisation they act for. */
async function donorIdentity(tx: Db, user: SessionUser, organizationId: string | undefined) {
  if (!organizationId) return { donorOrganizationId: null, donorName: user.displayName, organizationType: null }
  const [org] = await tx.select().from(organizations).where(eq(organizations.id, organizationId as OrganizationId))
  if (!org || !can(user, 'publish:content', await membershipContext(tx, user, org))) throw new DomainError('validation.choice', 'Choose an organisation you act for.', 400, 'organizationId')
  return { donorOrganizationId: org.id, donorName: org.name, organizationType: org.type }
}

async function earmarkOf(tx: Db, input: { earmark: 'fund' | 'objective' | 'project'; objective?: number; projectId?: string }) {
  if (input.earmark === 'project') {
    const seeking = await projectsSeekingFunds(tx)
    if (!seeking.some((p) => p.id === input.projectId)) throw new DomainError('fund.projectNotSeeking', 'This project is not seeking funds.', 400, 'projectId')
    return { earmark: 'project' as const, earmarkObjective: null, earmarkProjectId: input.projectId as ProjectId }
  }
  if (input.earmark === 'objective') return { earmark: 'objective' as const, earmarkObjective: input.objective ?? null, earmarkProjectId: null }
  return { earmark: 'fund' as const, earmarkObjective: null, earmarkProjectId: null }
}

/** What a card contribution and a pledge record alike: who gives, how much, and to what. */
async function donation(tx: Db, user: SessionUser, input: CardContributionInput | PledgeInput) {
  const { organizationType, ...donor } = await donorIdentity(tx, user, input.organizationId)
  const gift = {
    donorUserId: user.id,
    ...donor,
    anonymous: input.anonymous,
    amount: toMinorUnits(input.amount, input.currency),
    currency: input.currency,
    ...(await earmarkOf(tx, input)),
  }
  return { gift, organizationType }
}

/**
 * Records a card contribution as pending and returns it; the caller then opens a Stripe Checkout Session for it.
 * The form's token is the idempotency key: submitting the same form twice finds the same contribution.
 */
export async function startCardContribution(db: Db, user: SessionUser, input: CardContributionInput) {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(contributions).where(eq(contributions.idempotencyKey, input.token))
    if (existing) {
      if (existing.donorUserId !== user.id) throw forbidden()
      return existing
    }
    const { gift } = await donation(tx, user, input)
    const [row] = await tx
      .insert(contributions)
      .values({
        method: 'card',
        status: 'pending',
        ...gift,
        idempotencyKey: input.token,
      })
      .returning()
    if (!row) throw new Error('contribution not saved')
    await recordAudit(tx, { actorId: user.id, action: 'contribution.started', entityType: 'contribution', entityId: row.id, summary: { amount: row.amount, currency: row.currency, earmark: row.earmark } })
    return row
  })
}

export async function attachCheckoutSession(db: Db, contributionId: ContributionId, sessionId: string) {
  await db.update(contributions).set({ stripeCheckoutSessionId: sessionId, updatedAt: new Date() }).where(and(eq(contributions.id, contributionId), eq(contributions.status, 'pending')))
}

export async function markContributionFailed(db: Db, contributionId: ContributionId, reason: string) {
  await db.update(contributions).set({ status: 'failed', failureReason: reason, updatedAt: new Date() }).where(and(eq(contributions.id, contributionId), eq(contributions.status, 'pending')))
}

/** Money arrived (a paid card payment or a bank transfer): the donor's account pays into the earmarked pool. */
export async function bookReceipt(tx: Db, { contribution, usd, memo, kind = 'contribution' }: { contribution: Contribution; usd: number; memo: string; kind?: 'contribution' | 'pledge_receipt' }) {
  return post(tx, {
    kind,
    memo,
    contributionId: contribution.id,
    projectId: contribution.earmarkProjectId,
    entries: [
      { account: donorAccountOf(contribution), amount: -usd },
      { account: poolOf(contribution), amount: usd },
    ],
  })
}

/** A donor records a pledge to be paid by bank transfer (how States fund UN trust funds). */
export async function recordPledge(db: Db, user: SessionUser, input: PledgeInput, origin: string) {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: contributions.id }).from(contributions).where(eq(contributions.idempotencyKey, input.token))
    if (existing) return existing.id
    const { gift, organizationType } = await donation(tx, user, input)
    await assertMayPledge(tx, { user, amount: gift.amount, currency: gift.currency, organizationType })
    const [row] = await tx
      .insert(contributions)
      .values({
        method: 'pledge',
        status: 'pledged',
        ...gift,
        dueDate: input.dueDate ?? null,
        note: input.note ?? null,
        idempotencyKey: input.token,
      })
      .returning()
    if (!row) throw new Error('pledge not saved')
    await recordAudit(tx, { actorId: user.id, action: 'contribution.pledged', entityType: 'contribution', entityId: row.id, summary: { amount: row.amount, currency: row.currency } })
    await notify(tx, await secretariatMembers(tx), { kind: 'pledgeRecorded', values: { donor: row.donorName, amount: `${row.currency} ${toMajorUnits(row.amount, row.currency)}` }, link: urls.secretariatFund() }, origin)
    return row.id
  })
}

/** The secretariat records a transfer received against a pledge; partial receipts add up until the pledge is met. */
export async function recordPledgeReceipt(db: Db, user: SessionUser, contributionId: ContributionId, input: PledgeReceiptInput) {
  if (!can(user, 'manage:fund')) throw forbidden()
  return db.transaction(async (tx) => {
    const [pledge] = await tx.select().from(contributions).where(and(eq(contributions.id, contributionId), eq(contributions.method, 'pledge'))).for('update')
    if (!pledge) throw notFound()
    if (pledge.status !== 'pledged') throw pledgeNotOpen()
    const amount = toMinorUnits(input.amount, pledge.currency)
    const usd = toMinorUnits(input.usdAmount, fundCurrency)
    if (pledge.receivedAmount + amount > pledge.amount) throw new DomainError('fund.receiptExceedsPledge', 'This receipt would exceed the amount pledged.', 400, 'amount')
    const rate = toMajorUnits(usd, fundCurrency) / toMajorUnits(amount, pledge.currency)
    await tx.insert(pledgeReceipts).values({ contributionId, receivedOn: input.receivedOn, amount, usdAmount: usd, rate, reference: input.reference, recordedBy: user.id })
    const receivedAmount = pledge.receivedAmount + amount
    const receivedUsd = pledge.receivedUsd + usd
    await tx
      .update(contributions)
      .set({
        receivedAmount,
        receivedUsd,
        rate: toMajorUnits(receivedUsd, fundCurrency) / toMajorUnits(receivedAmount, pledge.currency),
        status: receivedAmount === pledge.amount ? 'received' : 'pledged',
        receivedAt: receivedAmount === pledge.amount ? new Date(`${input.receivedOn}T12:00:00Z`) : null,
        updatedAt: new Date(),
      })
      .where(eq(contributions.id, contributionId))
    const transactionId = await bookReceipt(tx, { contribution: pledge, usd, memo: `Transfer ${input.reference} against the pledge of ${donorLabel(pledge)}`, kind: 'pledge_receipt' })
    await recordAudit(tx, { actorId: user.id, action: 'contribution.receipt', entityType: 'contribution', entityId: contributionId, summary: { amount, usd, reference: input.reference, transactionId } })
    return { receivedAmount, complete: receivedAmount === pledge.amount }
  })
}

const pledgeNotOpen = () => new DomainError('fund.pledgeNotOpen', 'This pledge is no longer open: it was voided or fully received.', 409)

/**
 * The secretariat voids a pledge recorded by mistake or in bad faith: it leaves every figure (only pledges still
 * `pledged` count as outstanding), stays on the console with its reason, and the void is audited. Money that has
 * arrived is in the ledger, so a pledge with any receipt cannot be voided.
 */
export async function voidPledge(db: Db, user: SessionUser, contributionId: ContributionId, input: VoidPledgeInput) {
  if (!can(user, 'manage:fund')) throw forbidden()
  const parsed = VoidPledgeSchema.safeParse(input)
  if (!parsed.success) throw new DomainError('fund.voidReasonRequired', 'Give the reason for voiding this pledge.', 400, 'reason')
  const { reason } = parsed.data
  await db.transaction(async (tx) => {
    const [pledge] = await tx.select().from(contributions).where(and(eq(contributions.id, contributionId), eq(contributions.method, 'pledge'))).for('update')
    if (!pledge) throw notFound()
    if (pledge.receivedAmount > 0) {
      throw new DomainError('fund.pledgeAlreadyReceived', 'Money has already been received against this pledge, so it cannot be voided: it is in the ledger. Correct it with a refund or a reversing entry instead.', 409)
    }
    if (pledge.status !== 'pledged') throw pledgeNotOpen()
    await tx.update(contributions).set({ status: 'voided', voidedAt: new Date(), voidedBy: user.id, voidReason: reason, updatedAt: new Date() }).where(eq(contributions.id, contributionId))
    await recordAudit(tx, { actorId: user.id, action: 'contribution.voided', entityType: 'contribution', entityId: contributionId, summary: { reason, amount: pledge.amount, currency: pledge.currency, donor: pledge.donorName } })
  })
}

export function contributionsOfDonor(db: Db, userId: SessionUser['id']) {
  return db.select().from(contributions).where(eq(contributions.donorUserId, userId)).orderBy(contributions.createdAt)
}
