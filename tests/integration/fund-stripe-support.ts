/**
 * The Hub configured for card payments against the local Stripe-compatible server, and the few helpers the
 * card-contribution tests share: signing and posting webhooks to the real route, reading what the Hub wrote.
 */
import { randomUUID } from 'node:crypto'
import { once } from 'node:events'
import { createServer } from 'node:http'
import { type AddressInfo } from 'node:net'
import { asc, count, eq, inArray } from 'drizzle-orm'
import Stripe from 'stripe'
import { auditLog, contributions, ledgerEntries, ledgerTransactions, notifications, stripeEvents, type ContributionId, type UserId } from '#db/schema/index'
import type { SessionUser } from '~/domain/accounts/sessions.server'
import { startCardContribution } from '~/domain/fund/contributions.server'
import { CardContributionSchema } from '~/domain/fund/schemas'
import { openCheckout } from '~/domain/fund/stripe-sync.server'
import { action } from '~/routes/webhooks.stripe'
import { db } from '~/utils/db.server'
import { resetEnvCache } from '~/utils/env.server'
import { startStripeServer, type StripeServer } from '../support/stripe-server'
import type { EventObject } from '../support/stripe/objects'

export const hubKey = 'sk_test_hub'
export const webhookSecret = 'whsec_test'
export const checkoutUrls = { success: 'http://hub.test/fund/thanks?session={CHECKOUT_SESSION_ID}', cancel: 'http://hub.test/fund/contribute' }
const signer = new Stripe(hubKey)

export type { EventObject }

/** What the route answered: its status and, for a JSON answer, the outcome it reports. */
export interface WebhookReply {
  status: number
  outcome: string | undefined
}

/** POSTs `body` to the Hub's webhook route, as Stripe does, with this `Stripe-Signature` header (or none). */
export async function postWebhook(body: string, signature: string | null): Promise<WebhookReply> {
  const headers = new Headers({ 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' })
  if (signature !== null) headers.set('stripe-signature', signature)
  const request = new Request('http://hub.test/webhooks/stripe', { method: 'POST', body, headers })
  const response = await action({ request, params: {}, context: { cspNonce: '' } })
  const text = await response.text()
  const json = response.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as { outcome?: string }) : {}
  return { status: response.status, outcome: json.outcome }
}

/** Stripe sends events pretty-printed; the signature covers those exact bytes. */
export const payloadOf = (event: EventObject) => JSON.stringify(event, null, 2)

export const sign = (payload: string, options: { secret?: string; timestamp?: number } = {}) =>
  signer.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? webhookSecret, ...(options.timestamp === undefined ? {} : { timestamp: options.timestamp }) })

/** Delivers a genuine event, correctly signed, to the route. */
export function deliver(event: EventObject) {
  const payload = payloadOf(event)
  return postWebhook(payload, sign(payload))
}

/**
 * The Hub with card payments on: STRIPE_* pointed at a fresh Stripe-compatible server whose own webhooks reach
 * the route through a small HTTP endpoint (off until a test turns them on with `setDelivery(true)`).
 */
export async function startCardPayments() {
  const bridge = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = []
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
    incoming.on('end', () => {
      const signature = incoming.headers['stripe-signature']
      postWebhook(Buffer.concat(chunks).toString('utf8'), typeof signature === 'string' ? signature : null).then(
        (reply) => outgoing.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply)),
        (error: unknown) => outgoing.writeHead(500).end(String(error)),
      )
    })
  })
  bridge.listen(0, '127.0.0.1')
  await once(bridge, 'listening')
  const webhookUrl = `http://127.0.0.1:${(bridge.address() as AddressInfo).port}/webhooks/stripe`
  const stripe = await startStripeServer({ webhookUrl, webhookSecret, deliverWebhooks: false })

  const saved = { STRIPE_SECRET_KEY: process.env.STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET: process.env.STRIPE_WEBHOOK_SECRET, STRIPE_API_URL: process.env.STRIPE_API_URL }
  Object.assign(process.env, { STRIPE_SECRET_KEY: hubKey, STRIPE_WEBHOOK_SECRET: webhookSecret, STRIPE_API_URL: stripe.url })
  resetEnvCache()

  return {
    stripe,
    /** The SDK as an operator would use it against the same account, to read what the Hub created. */
    api: new Stripe(hubKey, { host: '127.0.0.1', port: stripe.port, protocol: 'http', maxNetworkRetries: 0 }),
    async close() {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name]
        else process.env[name] = value
      }
      resetEnvCache()
      await stripe.close()
      await new Promise<void>((resolve) => bridge.close(() => resolve()))
    },
  }
}

export type CardPayments = Awaited<ReturnType<typeof startCardPayments>>

/** A donor starts a card contribution (fund earmark, USD 250 unless told) and the Hub opens Checkout for it. */
export async function contributeByCard(donor: SessionUser & { email: string }, input: Record<string, unknown> = {}) {
  const parsed = CardContributionSchema.parse({ amount: 250, currency: 'USD', earmark: 'fund', token: randomUUID(), ...input })
  const contribution = await startCardContribution(db, donor, parsed)
  const session = await openCheckout(db, contribution, checkoutUrls, donor.email)
  return { contribution, session, input: parsed }
}

export async function contributionRow(id: ContributionId) {
  const [row] = await db.select().from(contributions).where(eq(contributions.id, id))
  if (!row) throw new Error(`no contribution ${id}`)
  return row
}

/** The contribution's ledger transactions in order, each with its entries as account → signed amount. */
export async function ledgerOf(contributionId: ContributionId) {
  const transactions = await db.select().from(ledgerTransactions).where(eq(ledgerTransactions.contributionId, contributionId)).orderBy(asc(ledgerTransactions.createdAt))
  const entries = transactions.length ? await db.select().from(ledgerEntries).where(inArray(ledgerEntries.transactionId, transactions.map((t) => t.id))) : []
  return transactions.map((t) => ({
    kind: t.kind,
    entries: Object.fromEntries(entries.filter((e) => e.transactionId === t.id).map((e) => [e.account, e.amount])),
  }))
}

export async function eventRows(ids: string[]) {
  return ids.length ? db.select({ id: stripeEvents.id, type: stripeEvents.type, outcome: stripeEvents.outcome }).from(stripeEvents).where(inArray(stripeEvents.id, ids)) : []
}

/** How many rows the tables a webhook may write hold: a forged one must leave every count as it was. */
export async function footprint() {
  const tally = async (table: typeof stripeEvents | typeof ledgerTransactions | typeof ledgerEntries | typeof notifications | typeof auditLog | typeof contributions) => {
    const [row] = await db.select({ n: count() }).from(table)
    return row?.n ?? 0
  }
  return {
    stripeEvents: await tally(stripeEvents),
    ledgerTransactions: await tally(ledgerTransactions),
    ledgerEntries: await tally(ledgerEntries),
    notifications: await tally(notifications),
    auditLog: await tally(auditLog),
    contributions: await tally(contributions),
  }
}

export async function noticesOf(userId: UserId, kind: string) {
  const rows = await db.select({ kind: notifications.kind, values: notifications.values }).from(notifications).where(eq(notifications.userId, userId))
  return rows.filter((r) => r.kind === kind)
}

/** The events the server emitted about one Checkout Session (its own and its charge's), oldest first. */
export function eventsOf(stripe: StripeServer, sessionId: string): EventObject[] {
  const intent = stripe.session(sessionId).payment_intent
  return stripe.events().filter((e) => e.data.object.id === sessionId || (intent !== null && e.data.object.object === 'charge' && e.data.object.payment_intent === intent))
}

export function eventOf(stripe: StripeServer, sessionId: string, type: EventObject['type']): EventObject {
  const found = eventsOf(stripe, sessionId).filter((e) => e.type === type)
  const event = found.at(-1)
  if (!event) throw new Error(`no ${type} event for ${sessionId}`)
  return event
}

/** The charge a paid session left behind, as the operator would refund it from the Stripe dashboard. */
export async function chargeOf(payments: CardPayments, sessionId: string) {
  const intentId = payments.stripe.session(sessionId).payment_intent
  if (!intentId) throw new Error(`session ${sessionId} has no payment`)
  const intent = await payments.api.paymentIntents.retrieve(intentId)
  if (typeof intent.latest_charge !== 'string') throw new Error(`payment ${intentId} has no charge`)
  return intent.latest_charge
}
