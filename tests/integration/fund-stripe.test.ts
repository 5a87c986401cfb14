/**
 * Card contributions end to end: the real `stripe` SDK against the local Stripe-compatible server, signed
 * webhooks posted to the real route, and what the fund's domain and ledger make of them.
 */
import { eq } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { contributions } from '#db/schema/index'
import { allocate } from '~/domain/fund/allocations.server'
import { accounts, balanceOf, checkLedger } from '~/domain/ledger/ledger.server'
import { AllocationSchema } from '~/domain/fund/schemas'
import { openCheckout, reconcileContributions } from '~/domain/fund/stripe-sync.server'
import { publishProject } from '~/domain/projects/projects.server'
import { db } from '~/utils/db.server'
import { resetEnvCache } from '~/utils/env.server'
import { createTestProject, createUser, projectOrigin, type TestUser } from '../factories'
import {
  chargeOf,
  checkoutUrls,
  contributeByCard,
  contributionRow,
  deliver,
  eventOf,
  eventRows,
  footprint,
  ledgerOf,
  noticesOf,
  payloadOf,
  postWebhook,
  sign,
  startCardPayments,
  type CardPayments,
} from './fund-stripe-support'

let payments: CardPayments
let secretariat: TestUser

beforeAll(async () => {
  payments = await startCardPayments()
  secretariat = await createUser({ role: 'secretariat' })
})

afterAll(async () => {
  await payments.close()
})

afterEach(async () => {
  payments.stripe.setDelivery(false)
  await payments.stripe.settled()
  const { problems } = await checkLedger(db)
  expect(problems).toEqual([])
})

const donor = async () => (await createUser()).actor

/** A contribution paid at Stripe whose `checkout.session.completed` has not reached the Hub yet. */
async function paidContribution(input: Record<string, unknown> = {}) {
  const started = await contributeByCard(await donor(), input)
  await payments.stripe.complete(started.session.id, 'paid')
  return { ...started, completed: eventOf(payments.stripe, started.session.id, 'checkout.session.completed') }
}

describe('a card contribution, from Checkout to the ledger', () => {
  test('Checkout is opened once per contribution; the paid session, told by webhook, books donor → pool in USD', async () => {
    const giver = await donor()
    const { contribution, session, input } = await contributeByCard(giver, { amount: 250, currency: 'USD' })
    expect(contribution).toMatchObject({ method: 'card', status: 'pending', amount: 25000, currency: 'USD', receivedUsd: 0 })
    expect(session).toMatchObject({ amount_total: 25000, currency: 'usd', client_reference_id: contribution.id, metadata: { contributionId: contribution.id } })
    expect(session.url).toMatch(new RegExp(`^${payments.stripe.url}/pay/`))

    // A double submission: the same form token finds the same contribution, the idempotency key the same session.
    const { contribution: again } = await contributeByCard(giver, input)
    expect(again.id).toBe(contribution.id)
    const reopened = await openCheckout(db, await contributionRow(contribution.id), checkoutUrls, giver.email)
    expect(reopened.id).toBe(session.id)
    const sessions = await payments.api.checkout.sessions.list({ limit: 100 })
    expect(sessions.data.filter((s) => s.client_reference_id === contribution.id)).toHaveLength(1)
    expect((await contributionRow(contribution.id)).stripeCheckoutSessionId).toBe(session.id)

    const poolBefore = await balanceOf(db, accounts.unallocated)
    payments.stripe.setDelivery(true)
    await payments.stripe.complete(session.id, 'paid')
    const completed = eventOf(payments.stripe, session.id, 'checkout.session.completed')
    expect(payments.stripe.deliveries().filter((d) => d.event_id === completed.id)).toMatchObject([{ status: 200, error: null }])

    const received = await contributionRow(contribution.id)
    expect(received).toMatchObject({ status: 'received', receivedAmount: 25000, receivedUsd: 25000, rate: 1, stripePaymentIntentId: payments.stripe.session(session.id).payment_intent })
    expect(received.receivedAt).toBeInstanceOf(Date)
    const donorAccount = `donor:user:${giver.id}`
    expect(await ledgerOf(contribution.id)).toEqual([{ kind: 'contribution', entries: { [donorAccount]: -25000, [accounts.unallocated]: 25000 } }])
    expect(await balanceOf(db, donorAccount)).toBe(-25000)
    expect((await balanceOf(db, accounts.unallocated)) - poolBefore).toBe(25000)
    expect(await eventRows([completed.id])).toEqual([{ id: completed.id, type: 'checkout.session.completed', outcome: 'received' }])
  })

  test('a EUR contribution records the rate of the balance transaction and the USD that arrived', async () => {
    const { contribution, completed } = await paidContribution({ amount: 100, currency: 'EUR', earmark: 'objective', objective: 5 })
    const poolBefore = await balanceOf(db, accounts.objectivePool(5))

    expect(await deliver(completed)).toEqual({ status: 200, outcome: 'received' })
    expect(await contributionRow(contribution.id)).toMatchObject({ status: 'received', amount: 10000, currency: 'EUR', receivedAmount: 10000, receivedUsd: 10800, rate: 1.08 })
    const [receipt] = await ledgerOf(contribution.id)
    expect(receipt?.entries).toEqual({ [`donor:user:${contribution.donorUserId}`]: -10800, 'fund:objective:5': 10800 })
    expect((await balanceOf(db, accounts.objectivePool(5))) - poolBefore).toBe(10800)
  })
})

describe('each event is applied at most once, whatever the order', () => {
  test('the same event delivered 10 times in a row: one receipt, every duplicate answered 200', async () => {
    const { contribution, completed } = await paidContribution()
    const replies = []
    for (let i = 0; i < 10; i++) replies.push(await deliver(completed))
    expect(replies.map((r) => r.status)).toEqual(Array(10).fill(200))
    expect(replies.map((r) => r.outcome)).toEqual(['received', ...Array(9).fill('duplicate')])
    expect(await ledgerOf(contribution.id)).toHaveLength(1)
    expect(await contributionRow(contribution.id)).toMatchObject({ status: 'received', receivedUsd: 25000 })
    expect(await eventRows([completed.id])).toHaveLength(1)
  })

  test('the same event delivered 10 times at once: one receipt, every delivery answered 200', async () => {
    const { contribution, completed } = await paidContribution({ amount: 75, currency: 'GBP' })
    const replies = await Promise.all(Array.from({ length: 10 }, () => deliver(completed)))
    expect(replies.map((r) => r.status)).toEqual(Array(10).fill(200))
    expect(replies.filter((r) => r.outcome === 'received')).toHaveLength(1)
    expect(replies.filter((r) => r.outcome === 'duplicate')).toHaveLength(9)
    expect(await ledgerOf(contribution.id)).toEqual([{ kind: 'contribution', entries: { [`donor:user:${contribution.donorUserId}`]: -9525, [accounts.unallocated]: 9525 } }])
    expect(await contributionRow(contribution.id)).toMatchObject({ status: 'received', receivedUsd: 9525, rate: 1.27 })
    expect(await eventRows([completed.id])).toEqual([{ id: completed.id, type: 'checkout.session.completed', outcome: 'received' }])
  })

  test('a refund heard before the payment books the payment, then the refund; the late completion changes nothing', async () => {
    const { contribution, session, completed } = await paidContribution({ amount: 40 })
    await payments.stripe.refund(await chargeOf(payments, session.id))
    const refunded = eventOf(payments.stripe, session.id, 'charge.refunded')

    expect(await deliver(refunded)).toEqual({ status: 200, outcome: 'refunded' })
    expect(await deliver(completed)).toEqual({ status: 200, outcome: 'unchanged' })
    const replays = await Promise.all([completed, refunded, completed, refunded, completed].map(deliver))
    expect(replays).toEqual(Array(5).fill({ status: 200, outcome: 'duplicate' }))

    expect(await contributionRow(contribution.id)).toMatchObject({ status: 'refunded', receivedUsd: 4000, refundedAmount: 4000, refundedUsd: 4000 })
    expect((await ledgerOf(contribution.id)).map((t) => t.kind)).toEqual(['contribution', 'refund'])
    const rows = await eventRows([completed.id, refunded.id])
    expect(rows.map((r) => r.outcome).sort()).toEqual(['refunded', 'unchanged'])
  })

  test('an asynchronous success heard before the completion: one receipt', async () => {
    const { contribution, session } = await contributeByCard(await donor(), { amount: 60 })
    await payments.stripe.complete(session.id, 'processing')
    await payments.stripe.asyncResult(session.id, 'succeeded')
    const succeeded = eventOf(payments.stripe, session.id, 'checkout.session.async_payment_succeeded')
    const completed = eventOf(payments.stripe, session.id, 'checkout.session.completed')

    expect(await deliver(succeeded)).toEqual({ status: 200, outcome: 'received' })
    expect(await deliver(completed)).toEqual({ status: 200, outcome: 'unchanged' })
    expect(await contributionRow(contribution.id)).toMatchObject({ status: 'received', receivedUsd: 6000 })
    expect(await ledgerOf(contribution.id)).toHaveLength(1)
    expect(await eventRows([succeeded.id, completed.id])).toHaveLength(2)
  })

  test('a payment and a partial refund, each delivered five times, all at once: one receipt and one refund', async () => {
    const { contribution, session, completed } = await paidContribution({ amount: 100 })
    await payments.stripe.refund(await chargeOf(payments, session.id), 2500)
    const refunded = eventOf(payments.stripe, session.id, 'charge.refunded')

    const replies = await Promise.all([completed, refunded, completed, refunded, completed, refunded, completed, refunded, completed, refunded].map(deliver))
    expect(replies.every((r) => r.status === 200)).toBe(true)
    expect(replies.filter((r) => r.outcome === 'duplicate')).toHaveLength(8)
    expect((await ledgerOf(contribution.id)).map((t) => t.kind)).toEqual(['contribution', 'refund'])
    expect(await contributionRow(contribution.id)).toMatchObject({ status: 'received', receivedUsd: 10000, refundedAmount: 2500, refundedUsd: 2500 })
  })
})

describe('only Stripe can speak to the webhook', () => {
  test('a forged, tampered, unsigned or stale event gets 400 and writes nothing; the genuine one is then applied', async () => {
    const { contribution, completed } = await paidContribution({ amount: 500 })
    const payload = payloadOf(completed)
    const now = Math.floor(Date.now() / 1000)
    const tampered = payload.replace(completed.id, 'evt_forged_by_someone_else')
    expect(tampered).not.toBe(payload)
    const before = { rows: await footprint(), contribution: await contributionRow(contribution.id) }

    const forgeries = [
      postWebhook(payload, sign(payload, { secret: 'whsec_someone_else' })),
      postWebhook(tampered, sign(payload)),
      postWebhook(payload, null),
      postWebhook(payload, sign(payload, { timestamp: now - 3600 })),
      postWebhook(payload, `t=${now},v1=${'0'.repeat(64)}`),
      postWebhook(payload, 'garbage'),
    ]
    for (const reply of await Promise.all(forgeries)) expect(reply.status).toBe(400)

    expect(await footprint()).toEqual(before.rows)
    expect(await contributionRow(contribution.id)).toEqual(before.contribution)
    expect(await eventRows([completed.id, 'evt_forged_by_someone_else'])).toEqual([])
    expect(await ledgerOf(contribution.id)).toEqual([])

    expect(await postWebhook(payload, sign(payload))).toEqual({ status: 200, outcome: 'received' })
    expect((await contributionRow(contribution.id)).status).toBe('received')
  })

  test('event types the Hub does not handle are answered 200 and recorded as ignored', async () => {
    const { contribution, session } = await contributeByCard(await donor())
    await payments.api.checkout.sessions.expire(session.id)
    const expired = eventOf(payments.stripe, session.id, 'checkout.session.expired')
    const customer = { ...expired, id: 'evt_customer_created_1', type: 'customer.created', data: { object: { id: 'cus_1', object: 'customer', metadata: { contributionId: contribution.id } } } }
    const before = await footprint()

    expect(await deliver(expired)).toEqual({ status: 200, outcome: 'ignored' })
    const customerPayload = JSON.stringify(customer)
    expect(await postWebhook(customerPayload, sign(customerPayload))).toEqual({ status: 200, outcome: 'ignored' })
    expect(await deliver(expired)).toEqual({ status: 200, outcome: 'duplicate' })

    expect(await eventRows([expired.id, customer.id])).toEqual(
      expect.arrayContaining([
        { id: expired.id, type: 'checkout.session.expired', outcome: 'ignored' },
        { id: customer.id, type: 'customer.created', outcome: 'ignored' },
      ]),
    )
    const after = await footprint()
    expect(after).toEqual({ ...before, stripeEvents: before.stripeEvents + 2 })
    expect((await contributionRow(contribution.id)).status).toBe('pending')
  })
})

describe('Stripe disagreeing with the Hub', () => {
  test('a session whose amount differs from the contribution is not booked, and the secretariat is told', async () => {
    const { contribution, session } = await contributeByCard(await donor(), { amount: 50 })
    payments.stripe.setAmountTotal(session.id, 500)
    await payments.stripe.complete(session.id, 'paid')
    const completed = eventOf(payments.stripe, session.id, 'checkout.session.completed')

    expect(await deliver(completed)).toEqual({ status: 200, outcome: 'amount_mismatch' })
    expect(await contributionRow(contribution.id)).toMatchObject({ status: 'pending', receivedAmount: 0, receivedUsd: 0, receivedAt: null })
    expect(await ledgerOf(contribution.id)).toEqual([])
    expect(await eventRows([completed.id])).toEqual([{ id: completed.id, type: 'checkout.session.completed', outcome: 'amount_mismatch' }])
    const notices = await noticesOf(secretariat.id, 'fundAmountMismatch')
    expect(notices.filter((n) => n.values.amount === 'USD 50')).toHaveLength(1)

    // A duplicate, and another event about the same session, do not alert the secretariat again.
    expect(await deliver(completed)).toEqual({ status: 200, outcome: 'duplicate' })
    await payments.stripe.refund(await chargeOf(payments, session.id))
    expect(await deliver(eventOf(payments.stripe, session.id, 'charge.refunded'))).toEqual({ status: 200, outcome: 'amount_mismatch' })
    expect(await noticesOf(secretariat.id, 'fundAmountMismatch')).toHaveLength(notices.length)
    expect(await ledgerOf(contribution.id)).toEqual([])
  })

  test('a session in another currency than the contribution is not booked either', async () => {
    const { contribution, completed } = await paidContribution({ amount: 80, currency: 'USD' })
    await db.update(contributions).set({ currency: 'CHF' }).where(eq(contributions.id, contribution.id))
    const noticesBefore = (await noticesOf(secretariat.id, 'fundAmountMismatch')).length

    expect(await deliver(completed)).toEqual({ status: 200, outcome: 'amount_mismatch' })
    expect(await contributionRow(contribution.id)).toMatchObject({ status: 'pending', receivedUsd: 0 })
    expect(await ledgerOf(contribution.id)).toEqual([])
    expect(await noticesOf(secretariat.id, 'fundAmountMismatch')).toHaveLength(noticesBefore + 1)
  })
})

describe('payments that settle later', () => {
  test('a processing payment stays pending until it succeeds; another that fails leaves the contribution failed', async () => {
    payments.stripe.setDelivery(true)
    const settling = await contributeByCard(await donor(), { amount: 120, currency: 'EUR' })
    const failing = await contributeByCard(await donor(), { amount: 30 })
    await payments.stripe.complete(settling.session.id, 'processing')
    await payments.stripe.complete(failing.session.id, 'processing')

    for (const { contribution } of [settling, failing]) {
      expect(await contributionRow(contribution.id)).toMatchObject({ status: 'pending', receivedUsd: 0 })
      expect(await ledgerOf(contribution.id)).toEqual([])
    }
    const processing = eventOf(payments.stripe, settling.session.id, 'checkout.session.completed')
    expect(await eventRows([processing.id])).toEqual([{ id: processing.id, type: 'checkout.session.completed', outcome: 'unchanged' }])

    await payments.stripe.asyncResult(settling.session.id, 'succeeded')
    expect(await contributionRow(settling.contribution.id)).toMatchObject({ status: 'received', receivedAmount: 12000, receivedUsd: 12960, rate: 1.08 })
    expect(await ledgerOf(settling.contribution.id)).toHaveLength(1)

    await payments.stripe.asyncResult(failing.session.id, 'failed')
    expect(await contributionRow(failing.contribution.id)).toMatchObject({ status: 'failed', receivedUsd: 0, failureReason: 'payment failed' })
    expect(await ledgerOf(failing.contribution.id)).toEqual([])
    const failed = eventOf(payments.stripe, failing.session.id, 'checkout.session.async_payment_failed')
    expect(await eventRows([failed.id])).toEqual([{ id: failed.id, type: 'checkout.session.async_payment_failed', outcome: 'failed' }])
    expect(payments.stripe.deliveries().every((d) => d.status === 200)).toBe(true)

    // The processing completion heard again, late: a failed contribution stays failed.
    await payments.stripe.redeliver(eventOf(payments.stripe, failing.session.id, 'checkout.session.completed').id)
    expect((await contributionRow(failing.contribution.id)).status).toBe('failed')
  })
})

describe('refunds', () => {
  test('a partial then a full refund give back the USD pro rata and leave the contribution refunded', async () => {
    const { contribution, session, completed } = await paidContribution({ amount: 100, currency: 'EUR' })
    await deliver(completed)
    const donorAccount = `donor:user:${contribution.donorUserId}`
    const charge = await chargeOf(payments, session.id)

    await payments.stripe.refund(charge, 2500)
    expect(await deliver(eventOf(payments.stripe, session.id, 'charge.refunded'))).toEqual({ status: 200, outcome: 'refunded' })
    expect(await contributionRow(contribution.id)).toMatchObject({ status: 'received', receivedUsd: 10800, refundedAmount: 2500, refundedUsd: 2700 })

    await payments.stripe.refund(charge)
    expect(await deliver(eventOf(payments.stripe, session.id, 'charge.refunded'))).toEqual({ status: 200, outcome: 'refunded' })
    const refunded = await contributionRow(contribution.id)
    expect(refunded).toMatchObject({ status: 'refunded', refundedAmount: 10000, refundedUsd: 10800 })
    expect(refunded.refundedAt).toBeInstanceOf(Date)

    expect(await ledgerOf(contribution.id)).toEqual([
      { kind: 'contribution', entries: { [donorAccount]: -10800, [accounts.unallocated]: 10800 } },
      { kind: 'refund', entries: { [donorAccount]: 2700, [accounts.unallocated]: -2700 } },
      { kind: 'refund', entries: { [donorAccount]: 8100, [accounts.unallocated]: -8100 } },
    ])
    expect(await balanceOf(db, donorAccount)).toBe(0)
  })

  test('a refund of money already allocated books the rest to the shortfall and alerts the secretariat; the pool never goes negative', async () => {
    const project = await createTestProject()
    await publishProject(db, project.secretariat, project.projectId, true)
    const pool = accounts.projectPool(project.projectId)
    const { contribution, session, completed } = await paidContribution({ amount: 1000, earmark: 'project', projectId: project.projectId })
    await deliver(completed)
    expect(await balanceOf(db, pool)).toBe(100000)

    await allocate(db, project.secretariat, AllocationSchema.parse({ projectId: project.projectId, pool, amountUsd: 800 }), projectOrigin)
    expect(await balanceOf(db, pool)).toBe(20000)
    const shortfallBefore = await balanceOf(db, accounts.shortfall)
    const alerts = async () => (await noticesOf(project.secretariat.id, 'fundRefundShortfall')).map((n) => n.values.shortfall)
    const charge = await chargeOf(payments, session.id)

    await payments.stripe.refund(charge, 30000)
    expect(await deliver(eventOf(payments.stripe, session.id, 'charge.refunded'))).toEqual({ status: 200, outcome: 'refunded' })
    expect(await balanceOf(db, pool)).toBe(0)
    expect((await balanceOf(db, accounts.shortfall)) - shortfallBefore).toBe(-10000)
    expect(await alerts()).toEqual(['USD 100'])

    await payments.stripe.refund(charge)
    expect(await deliver(eventOf(payments.stripe, session.id, 'charge.refunded'))).toEqual({ status: 200, outcome: 'refunded' })
    expect(await balanceOf(db, pool)).toBe(0)
    expect((await balanceOf(db, accounts.shortfall)) - shortfallBefore).toBe(-80000)
    expect((await alerts()).sort()).toEqual(['USD 100', 'USD 700'])
    expect(await balanceOf(db, accounts.allocated(project.projectId))).toBe(80000)
    expect(await contributionRow(contribution.id)).toMatchObject({ status: 'refunded', refundedUsd: 100000 })
    expect((await ledgerOf(contribution.id))[2]?.entries).toEqual({ [`donor:user:${contribution.donorUserId}`]: 70000, [accounts.shortfall]: -70000 })
  })
})

describe('reconciliation', () => {
  test('a payment whose webhook never arrived is found and booked; running again changes nothing', async () => {
    payments.stripe.setDelivery(false)
    const { contribution, session } = await contributeByCard(await donor(), { amount: 35 })
    const abandoned = await contributeByCard(await donor(), { amount: 15 })
    const declined = await contributeByCard(await donor(), { amount: 20 })
    await payments.stripe.complete(session.id, 'paid')
    await payments.api.checkout.sessions.expire(abandoned.session.id)
    await payments.stripe.complete(declined.session.id, 'processing')
    await payments.stripe.asyncResult(declined.session.id, 'failed')
    const completed = eventOf(payments.stripe, session.id, 'checkout.session.completed')
    expect(payments.stripe.deliveries().filter((d) => d.event_id === completed.id)).toEqual([])
    expect((await contributionRow(contribution.id)).status).toBe('pending')

    expect(await reconcileContributions(db)).toBeGreaterThanOrEqual(3)
    expect(await contributionRow(contribution.id)).toMatchObject({ status: 'received', receivedUsd: 3500 })
    expect(await contributionRow(abandoned.contribution.id)).toMatchObject({ status: 'failed', failureReason: 'checkout expired' })
    expect(await contributionRow(declined.contribution.id)).toMatchObject({ status: 'failed', failureReason: 'payment failed' })
    expect(await ledgerOf(contribution.id)).toHaveLength(1)

    const allContributions = () => db.select().from(contributions).orderBy(contributions.id)
    const before = { rows: await footprint(), contributions: await allContributions() }
    expect(await reconcileContributions(db)).toBe(0)
    expect(await footprint()).toEqual(before.rows)
    expect(await allContributions()).toEqual(before.contributions)

    // The webhook arriving after all is a no-op.
    payments.stripe.setDelivery(true)
    await payments.stripe.redeliver(completed.id)
    expect(payments.stripe.deliveries().filter((d) => d.event_id === completed.id)).toMatchObject([{ status: 200 }])
    expect(await eventRows([completed.id])).toEqual([{ id: completed.id, type: 'checkout.session.completed', outcome: 'unchanged' }])
    expect(await ledgerOf(contribution.id)).toHaveLength(1)
  })
})

describe('without card payments', () => {
  test('with no STRIPE_SECRET_KEY the webhook answers 404 and writes nothing', async () => {
    const { contribution, completed } = await paidContribution({ amount: 45 })
    const key = process.env.STRIPE_SECRET_KEY
    delete process.env.STRIPE_SECRET_KEY
    resetEnvCache()
    try {
      const before = await footprint()
      expect((await deliver(completed)).status).toBe(404)
      expect(await footprint()).toEqual(before)
      expect((await contributionRow(contribution.id)).status).toBe('pending')
    } finally {
      process.env.STRIPE_SECRET_KEY = key
      resetEnvCache()
    }
    expect(await deliver(completed)).toEqual({ status: 200, outcome: 'received' })
  })
})
