import { and, eq, isNull, lt } from 'drizzle-orm'
import type Stripe from 'stripe'
import { auditLog, contributions, fundCurrency, stripeEvents, type ContributionId } from '#db/schema/index'
import { recordAudit } from '~/utils/audit.server'
import type { Db } from '~/utils/db.server'
import { publicOrigin } from '~/utils/env.server'
import { logger } from '~/utils/logger.server'
import { notify, secretariatMembers } from '../notifications/notifications.server'
import { toMajorUnits } from '../vocabulary/codes'
import { attachCheckoutSession, bookReceipt, donorAccountOf, donorLabel, markContributionFailed, poolOf, type Contribution } from './contributions.server'
import { accounts, lockedBalanceOf, post } from '../ledger/ledger.server'
import { stripeClient } from './stripe.server'
import { urls } from '~/utils/urls'

const expand = ['payment_intent.latest_charge.balance_transaction']

/** Opens Stripe Checkout for a pending contribution, with the contribution's id as the idempotency key. */
export async function openCheckout(db: Db, contribution: Contribution, urls: { success: string; cancel: string }, email: string) {
  const session = await stripeClient().checkout.sessions.create(
    {
      mode: 'payment',
      line_items: [
        {
          quantity: 1,
          price_data: { currency: contribution.currency.toLowerCase(), unit_amount: contribution.amount, product_data: { name: 'Contribution to the GCM capacity-building start-up fund' } },
        },
      ],
      success_url: urls.success,
      cancel_url: urls.cancel,
      client_reference_id: contribution.id,
      customer_email: email,
      metadata: { contributionId: contribution.id },
      payment_intent_data: { metadata: { contributionId: contribution.id } },
    },
    { idempotencyKey: `contribution-${contribution.id}` },
  )
  await attachCheckoutSession(db, contribution.id, session.id)
  return session
}

type Outcome = 'received' | 'refunded' | 'failed' | 'unchanged' | 'amount_mismatch' | 'unknown_contribution' | 'ignored' | 'duplicate'

/** A completed Checkout whose payment went back to needing a payment method: the delayed payment failed. */
const asyncPaymentFailed = (session: Stripe.Checkout.Session, intent: Stripe.PaymentIntent | null) =>
  session.status === 'complete' && session.payment_status === 'unpaid' && intent?.status === 'requires_payment_method'

const expanded = <T>(value: string | T | null | undefined): T | null => (value && typeof value !== 'string' ? value : null)

/**
 * Brings a contribution in line with what Stripe says now (never with what one event says), so events may
 * arrive late, twice or out of order: a refund seen before the payment books the payment, then the refund.
 * Runs inside the caller's transaction, with the contribution's row locked.
 */
async function syncContribution(tx: Db, contributionId: string, hint: { failed?: boolean } = {}): Promise<Outcome> {
  const [contribution] = await tx.select().from(contributions).where(eq(contributions.id, contributionId as ContributionId)).for('update')
  if (!contribution || contribution.method !== 'card' || !contribution.stripeCheckoutSessionId) return 'unknown_contribution'
  const session = await stripeClient().checkout.sessions.retrieve(contribution.stripeCheckoutSessionId, { expand })
  if (session.amount_total !== contribution.amount || session.currency?.toUpperCase() !== contribution.currency) {
    // Alert once: the reconciliation job meets the same session every 15 minutes, and other events may follow.
    const [alerted] = await tx.select({ id: auditLog.id }).from(auditLog).where(and(eq(auditLog.entityType, 'contribution'), eq(auditLog.entityId, contribution.id), eq(auditLog.action, 'contribution.amount_mismatch'))).limit(1)
    if (!alerted) {
      await recordAudit(tx, { actorId: null, action: 'contribution.amount_mismatch', entityType: 'contribution', entityId: contribution.id, summary: { sessionId: session.id, amountTotal: session.amount_total, currency: session.currency } })
      await alertSecretariat(tx, contribution, 'fundAmountMismatch')
    }
    logger().warn({ contributionId, sessionId: session.id }, 'Stripe session amount or currency differs from the contribution')
    return 'amount_mismatch'
  }
  const intent = expanded<Stripe.PaymentIntent>(session.payment_intent)
  const charge = expanded<Stripe.Charge>(intent?.latest_charge)
  const balance = expanded<Stripe.BalanceTransaction>(charge?.balance_transaction)
  let current = contribution
  let outcome: Outcome = 'unchanged'

  if (session.payment_status === 'paid' && current.status === 'pending') {
    // The fund books in USD: Stripe's balance transaction tells what arrived and at which rate.
    const usd = balance && balance.currency.toUpperCase() === fundCurrency ? balance.amount : current.currency === fundCurrency ? current.amount : null
    if (usd === null) return 'unchanged'
    const rate = balance?.exchange_rate ?? 1
    const [updated] = await tx
      .update(contributions)
      .set({ status: 'received', receivedAmount: current.amount, receivedUsd: usd, rate, receivedAt: new Date(), stripePaymentIntentId: intent?.id ?? null, updatedAt: new Date() })
      .where(eq(contributions.id, current.id))
      .returning()
    if (!updated) throw new Error('contribution not updated')
    await bookReceipt(tx, { contribution: updated, usd, memo: `Card contribution from ${donorLabel(updated)}` })
    await recordAudit(tx, { actorId: null, action: 'contribution.received', entityType: 'contribution', entityId: current.id, summary: { usd, rate, sessionId: session.id } })
    current = updated
    outcome = 'received'
  } else if (current.status === 'pending' && (hint.failed || intent?.status === 'canceled' || session.status === 'expired' || asyncPaymentFailed(session, intent))) {
    await markContributionFailed(tx, current.id, session.status === 'expired' ? 'checkout expired' : 'payment failed')
    await recordAudit(tx, { actorId: null, action: 'contribution.failed', entityType: 'contribution', entityId: current.id, summary: { sessionId: session.id } })
    return 'failed'
  }

  const refunded = charge?.amount_refunded ?? 0
  if (current.status === 'received' && refunded > current.refundedAmount) {
    await bookRefund(tx, current, refunded)
    outcome = 'refunded'
  }
  return outcome
}

/** Refunds reverse the contribution's effect; money already allocated leaves a shortfall the secretariat must cover. */
async function bookRefund(tx: Db, contribution: Contribution, refundedTotal: number) {
  const full = refundedTotal >= contribution.receivedAmount
  const usdTotal = full ? contribution.receivedUsd : Math.round((contribution.receivedUsd * refundedTotal) / contribution.receivedAmount)
  const usd = usdTotal - contribution.refundedUsd
  const pool = poolOf(contribution)
  // Locked, so an allocation from the same pool waits: what the refund takes from the pool is what is there.
  const available = Math.max(0, await lockedBalanceOf(tx, pool))
  const fromPool = Math.min(available, usd)
  await post(tx, {
    kind: 'refund',
    memo: `Refund to ${donorLabel(contribution)}`,
    contributionId: contribution.id,
    entries: [
      { account: pool, amount: -fromPool },
      { account: accounts.shortfall, amount: -(usd - fromPool) },
      { account: donorAccountOf(contribution), amount: usd },
    ],
  })
  await tx
    .update(contributions)
    .set({ refundedAmount: refundedTotal, refundedUsd: usdTotal, status: full ? 'refunded' : 'received', refundedAt: new Date(), updatedAt: new Date() })
    .where(eq(contributions.id, contribution.id))
  await recordAudit(tx, { actorId: null, action: 'contribution.refunded', entityType: 'contribution', entityId: contribution.id, summary: { usd, shortfall: usd - fromPool } })
  if (fromPool < usd) await alertSecretariat(tx, contribution, 'fundRefundShortfall', usd - fromPool)
}

async function alertSecretariat(tx: Db, contribution: Contribution, kind: string, shortfallUsd = 0) {
  await notify(
    tx,
    await secretariatMembers(tx),
    { kind, values: { donor: contribution.donorName, amount: `${contribution.currency} ${toMajorUnits(contribution.amount, contribution.currency)}`, shortfall: `USD ${toMajorUnits(shortfallUsd, fundCurrency)}` }, link: urls.secretariatFund() },
    publicOrigin(),
  )
}

/** The contribution an event concerns, from the metadata the Hub put on the session and the payment. */
function contributionIdOf(event: Stripe.Event): string | null {
  const object = event.data.object as { metadata?: Record<string, string> | null; client_reference_id?: string | null }
  return object.metadata?.contributionId ?? object.client_reference_id ?? null
}

const handled: Record<string, { failed?: boolean }> = {
  'checkout.session.completed': {},
  'checkout.session.async_payment_succeeded': {},
  'checkout.session.async_payment_failed': { failed: true },
  'charge.refunded': {},
}

/**
 * Applies a verified Stripe event at most once: its id is stored under a UNIQUE constraint in the same
 * transaction as its effects, so a repeated or concurrent delivery finds it there and changes nothing.
 */
export async function applyStripeEvent(db: Db, event: Stripe.Event): Promise<Outcome> {
  return db.transaction(async (tx) => {
    const [fresh] = await tx.insert(stripeEvents).values({ id: event.id, type: event.type, outcome: 'applying' }).onConflictDoNothing().returning({ id: stripeEvents.id })
    if (!fresh) return 'duplicate'
    const hint = handled[event.type]
    let outcome: Outcome = 'ignored'
    if (hint) {
      let contributionId = contributionIdOf(event)
      if (!contributionId && event.type === 'charge.refunded') {
        const charge = event.data.object as Stripe.Charge
        const [row] = charge.payment_intent
          ? await tx.select({ id: contributions.id }).from(contributions).where(eq(contributions.stripePaymentIntentId, typeof charge.payment_intent === 'string' ? charge.payment_intent : charge.payment_intent.id))
          : []
        contributionId = row?.id ?? null
      }
      outcome = contributionId ? await syncContribution(tx, contributionId, hint) : 'unknown_contribution'
    }
    await tx.update(stripeEvents).set({ outcome }).where(eq(stripeEvents.id, event.id))
    return outcome
  })
}

/**
 * The reconciliation job: asks Stripe for recent completed Checkout Sessions and applies any whose webhook never
 * arrived; pending contributions whose session expired become failed.
 */
export async function reconcileContributions(db: Db, sinceHours = 72) {
  const since = Math.floor(Date.now() / 1000) - sinceHours * 3600
  let applied = 0
  for await (const session of stripeClient().checkout.sessions.list({ created: { gte: since }, limit: 100 })) {
    const contributionId = session.metadata?.contributionId ?? session.client_reference_id
    if (!contributionId || (session.status !== 'complete' && session.status !== 'expired')) continue
    const outcome = await db.transaction((tx) => syncContribution(tx, contributionId))
    if (outcome === 'received' || outcome === 'refunded' || outcome === 'failed') applied += 1
  }
  // A checkout that was never opened (Stripe unreachable at the time) leaves nothing to reconcile: after a day, it failed.
  const abandoned = await db
    .update(contributions)
    .set({ status: 'failed', failureReason: 'checkout never opened', updatedAt: new Date() })
    .where(and(eq(contributions.method, 'card'), eq(contributions.status, 'pending'), isNull(contributions.stripeCheckoutSessionId), lt(contributions.createdAt, new Date(Date.now() - 86_400_000))))
    .returning({ id: contributions.id })
  return applied + abandoned.length
}
