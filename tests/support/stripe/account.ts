/**
 * One Stripe test account settling in USD: Checkout Sessions, and the PaymentIntent, Charge and
 * BalanceTransaction a paid session leaves behind, refunds, and the events every change produces.
 */
import {
  API_VERSION,
  clone,
  formatAmount,
  newId,
  nowSeconds,
  toUsdCents,
  type BalanceTransactionObject,
  type ChargeObject,
  type EventObject,
  type EventType,
  type PaymentIntentObject,
  type RefundObject,
  type SessionObject,
  type StripeObject,
} from './objects'
import { invalid, missing, type Params } from './protocol'
import { parseSessionParams, type LineItem } from './session-params'

type Kind = StripeObject['object']
type ObjectOf<K extends Kind> = Extract<StripeObject, { object: K }>
type EventRequest = EventObject['request']

/** How Stripe names each kind in "No such …" errors, and the parameter it blames. */
const KINDS: Record<Kind, { param: string }> = {
  'checkout.session': { param: 'session' },
  payment_intent: { param: 'intent' },
  charge: { param: 'charge' },
  balance_transaction: { param: 'id' },
  refund: { param: 'refund' },
}

/** Which fields of which objects `expand` may replace by the object they name. */
const EXPANDABLE: Record<string, readonly string[]> = {
  'checkout.session': ['payment_intent'],
  payment_intent: ['latest_charge'],
  charge: ['balance_transaction', 'payment_intent'],
  refund: ['balance_transaction', 'charge', 'payment_intent'],
  balance_transaction: ['source'],
}

const DAY = 86_400
const AUTOMATIC: EventRequest = { id: null, idempotency_key: null }

export interface AccountOptions {
  /** Units of USD per unit of each other currency, e.g. `{ eur: 1.08, jpy: 0.0067 }`. */
  rates: Record<string, number>
  /** Where the hosted payment pages are, for `session.url`. */
  payPageBase: () => string
  /** How many endpoints an event is sent to, for `event.pending_webhooks`. */
  endpointCount: () => number
}

export class TestAccount {
  readonly events: EventObject[] = []
  private readonly objects = new Map<string, StripeObject>()
  private readonly lineItems = new Map<string, LineItem[]>()
  private readonly intentData = new Map<string, { metadata: Record<string, string>; description: string | null }>()
  private readonly rates = new Map<string, number>()

  constructor(private readonly options: AccountOptions) {
    this.setRates(options.rates)
  }

  setRates(rates: Record<string, number>) {
    for (const [currency, rate] of Object.entries(rates)) {
      if (!(rate > 0)) throw invalid(`The rate for ${currency} must be a positive number, not ${rate}.`, currency)
      this.rates.set(currency.toLowerCase(), rate)
    }
  }

  get<K extends Kind>(kind: K, id: string): ObjectOf<K> {
    const object = this.objects.get(id)
    if (object?.object !== kind) throw missing(kind, id, KINDS[kind].param)
    return object as ObjectOf<K>
  }

  all<K extends Kind>(kind: K): ObjectOf<K>[] {
    return [...this.objects.values()].filter((o): o is ObjectOf<K> => o.object === kind)
  }

  event(id: string): EventObject {
    const event = this.events.find((e) => e.id === id)
    if (!event) throw missing('event', id, 'id')
    return event
  }

  items(sessionId: string): LineItem[] {
    return this.lineItems.get(sessionId) ?? []
  }

  /** A copy of `object` with the `expand` paths (`payment_intent.latest_charge`, …) replaced by objects. */
  render(object: StripeObject, expand: readonly string[]): Record<string, unknown> {
    const out = clone(object) as Record<string, unknown>
    for (const path of expand) {
      const segments = path.split('.')
      if (segments.length > 4) throw invalid('You cannot expand more than 4 levels of a property.', 'expand')
      this.expandPath(out, segments, path)
    }
    return out
  }

  private expandPath(target: Record<string, unknown>, [field, ...rest]: string[], path: string) {
    if (!field || !EXPANDABLE[String(target.object)]?.includes(field)) {
      throw invalid(`This property cannot be expanded (${path}).`, 'expand')
    }
    const value = typeof target[field] === 'string' ? clone(this.objects.get(target[field] as string)) : target[field]
    target[field] = value ?? null
    if (rest.length > 0 && value && typeof value === 'object') {
      this.expandPath(value as Record<string, unknown>, rest, path)
    }
  }

  createSession(params: Params): SessionObject {
    const input = parseSessionParams(params, (currency) => currency === 'usd' || this.rates.has(currency))
    const total = input.lineItems.reduce((sum, item) => sum + item.unitAmount * item.quantity, 0)
    if (this.toUsd(total, input.currency).amount < 50) {
      throw invalid("The Checkout Session's total amount due must add up to at least $0.50 usd")
    }
    const id = newId('cs_test', 58)
    const created = nowSeconds()
    const session: SessionObject = {
      id,
      object: 'checkout.session',
      amount_subtotal: total,
      amount_total: total,
      cancel_url: input.cancelUrl,
      client_reference_id: input.clientReferenceId,
      created,
      currency: input.currency,
      customer_details: null,
      customer_email: input.customerEmail,
      expires_at: created + DAY,
      livemode: false,
      locale: input.locale,
      metadata: input.metadata,
      mode: 'payment',
      payment_intent: null,
      payment_method_types: input.paymentMethodTypes,
      payment_status: 'unpaid',
      status: 'open',
      submit_type: input.submitType,
      success_url: input.successUrl,
      ui_mode: 'hosted',
      url: `${this.options.payPageBase()}/pay/${id}`,
    }
    this.objects.set(id, session)
    this.lineItems.set(id, input.lineItems)
    this.intentData.set(id, input.paymentIntentData)
    return session
  }

  /** The donor finished Checkout: paid by card, or `processing` for a method that settles later. */
  complete(sessionId: string, outcome: 'paid' | 'processing'): EventObject[] {
    const session = this.openSession(sessionId)
    const created = nowSeconds()
    const amount = session.amount_total ?? 0
    const currency = session.currency ?? 'usd'
    const intentData = this.intentData.get(sessionId) ?? { metadata: {}, description: null }
    const intent: PaymentIntentObject = {
      id: newId('pi'),
      object: 'payment_intent',
      amount,
      amount_capturable: 0,
      amount_received: 0,
      capture_method: 'automatic',
      client_secret: null,
      created,
      currency,
      description: intentData.description,
      last_payment_error: null,
      latest_charge: null,
      livemode: false,
      metadata: clone(intentData.metadata),
      payment_method_types: session.payment_method_types,
      status: 'processing',
    }
    intent.client_secret = `${intent.id}_secret_${newId('x').slice(2)}`
    const charge: ChargeObject = {
      id: newId('ch'),
      object: 'charge',
      amount,
      amount_captured: amount,
      amount_refunded: 0,
      balance_transaction: null,
      captured: true,
      created,
      currency,
      description: intentData.description,
      failure_code: null,
      failure_message: null,
      livemode: false,
      metadata: clone(intentData.metadata),
      paid: false,
      payment_intent: intent.id,
      refunded: false,
      status: 'pending',
    }
    intent.latest_charge = charge.id
    this.objects.set(intent.id, intent).set(charge.id, charge)
    if (outcome === 'paid') this.succeed(intent, charge)

    session.status = 'complete'
    session.payment_status = outcome === 'paid' ? 'paid' : 'unpaid'
    session.payment_intent = intent.id
    session.customer_details = {
      address: null,
      business_name: null,
      email: session.customer_email ?? 'donor@example.com',
      individual_name: null,
      name: 'Test Donor',
      phone: null,
      tax_exempt: 'none',
      tax_ids: [],
    }
    return [this.emit('checkout.session.completed', session)]
  }

  /** A payment left `processing` by `complete` settles, or fails. */
  settle(sessionId: string, outcome: 'succeeded' | 'failed'): EventObject[] {
    const session = this.get('checkout.session', sessionId)
    const intent = session.payment_intent ? this.get('payment_intent', session.payment_intent) : null
    if (!intent || intent.status !== 'processing' || !intent.latest_charge) {
      throw invalid(`Checkout Session ${sessionId} has no payment in processing.`, undefined, 'payment_intent_unexpected_state')
    }
    const charge = this.get('charge', intent.latest_charge)
    if (outcome === 'succeeded') {
      this.succeed(intent, charge)
      session.payment_status = 'paid'
      return [this.emit('checkout.session.async_payment_succeeded', session)]
    }
    const message = "The customer's account has insufficient funds to cover this payment."
    Object.assign(charge, { status: 'failed', failure_code: 'insufficient_funds', failure_message: message })
    intent.status = 'requires_payment_method'
    intent.last_payment_error = { type: 'card_error', code: 'insufficient_funds', message, charge: charge.id }
    return [this.emit('checkout.session.async_payment_failed', session)]
  }

  /** Refunds `amount` (the rest of the charge when omitted), cumulatively, converted at today's rate. */
  refund(
    chargeId: string,
    options: { amount?: number; reason?: RefundObject['reason']; metadata?: Record<string, string> } = {},
    request: EventRequest = AUTOMATIC,
  ): { refund: RefundObject; events: EventObject[] } {
    const charge = this.get('charge', chargeId)
    if (charge.refunded) throw invalid(`Charge ${chargeId} has already been refunded.`, undefined, 'charge_already_refunded')
    if (charge.status !== 'succeeded') throw invalid(`Charge ${chargeId} has not succeeded and cannot be refunded.`)
    const remaining = charge.amount - charge.amount_refunded
    const amount = options.amount ?? remaining
    if (!Number.isInteger(amount) || amount < 1) throw invalid('Invalid positive integer', 'amount')
    if (amount > remaining) {
      const [asked, left] = [formatAmount(amount, charge.currency), formatAmount(remaining, charge.currency)]
      throw invalid(`Refund amount (${asked}) is greater than unrefunded amount on charge (${left})`, 'amount', 'amount_too_large')
    }
    const created = nowSeconds()
    const refundId = newId('re')
    const usd = this.toUsd(amount, charge.currency)
    const transaction = this.balanceTransaction(refundId, -usd.amount, usd.exchange_rate, 'refund', created)
    const refund: RefundObject = {
      id: refundId,
      object: 'refund',
      amount,
      balance_transaction: transaction.id,
      charge: charge.id,
      created,
      currency: charge.currency,
      metadata: options.metadata ?? {},
      payment_intent: charge.payment_intent,
      reason: options.reason ?? null,
      status: 'succeeded',
    }
    this.objects.set(refund.id, refund)

    const previous: Record<string, unknown> = { amount_refunded: charge.amount_refunded }
    charge.amount_refunded += amount
    if (charge.amount_refunded === charge.amount) {
      previous.refunded = false
      charge.refunded = true
    }
    return { refund, events: [this.emit('charge.refunded', charge, previous, request)] }
  }

  expire(sessionId: string, request: EventRequest = AUTOMATIC): EventObject[] {
    const session = this.openSession(sessionId)
    session.status = 'expired'
    return [this.emit('checkout.session.expired', session, undefined, request)]
  }

  /** Test tampering: the session now claims another total, as a forged or mistaken one would. */
  setAmountTotal(sessionId: string, amountTotal: number): SessionObject {
    if (!Number.isInteger(amountTotal) || amountTotal < 0) throw invalid('Invalid non-negative integer', 'amount_total')
    const session = this.get('checkout.session', sessionId)
    session.amount_total = amountTotal
    session.amount_subtotal = amountTotal
    return session
  }

  private openSession(sessionId: string): SessionObject {
    const session = this.get('checkout.session', sessionId)
    if (session.status !== 'open') {
      throw invalid(`Checkout Session ${sessionId} is not open (it is ${session.status}).`, undefined, 'checkout_session_not_open')
    }
    return session
  }

  private succeed(intent: PaymentIntentObject, charge: ChargeObject) {
    const usd = this.toUsd(charge.amount, charge.currency)
    const transaction = this.balanceTransaction(charge.id, usd.amount, usd.exchange_rate, 'charge', nowSeconds())
    Object.assign(charge, { status: 'succeeded', paid: true, balance_transaction: transaction.id })
    Object.assign(intent, { status: 'succeeded', amount_received: intent.amount })
  }

  /** The account settles in USD: a USD amount as is, any other at the configured rate. */
  private toUsd(amount: number, currency: string): { amount: number; exchange_rate: number | null } {
    if (currency === 'usd') return { amount, exchange_rate: null }
    const rate = this.rates.get(currency)
    if (rate === undefined) throw new Error(`No exchange rate for ${currency}`)
    return { amount: toUsdCents(amount, currency, rate), exchange_rate: rate }
  }

  private balanceTransaction(
    source: string,
    amount: number,
    exchangeRate: number | null,
    type: 'charge' | 'refund',
    created: number,
  ): BalanceTransactionObject {
    const transaction: BalanceTransactionObject = {
      id: newId('txn'),
      object: 'balance_transaction',
      amount,
      available_on: created + 2 * DAY,
      created,
      currency: 'usd',
      description: null,
      exchange_rate: exchangeRate,
      fee: 0,
      fee_details: [],
      net: amount,
      reporting_category: type,
      source,
      status: 'pending',
      type,
    }
    this.objects.set(transaction.id, transaction)
    return transaction
  }

  private emit(
    type: EventType,
    object: SessionObject | ChargeObject,
    previous?: Record<string, unknown>,
    request: EventRequest = AUTOMATIC,
  ): EventObject {
    const event: EventObject = {
      id: newId('evt'),
      object: 'event',
      api_version: API_VERSION,
      created: nowSeconds(),
      livemode: false,
      pending_webhooks: this.options.endpointCount(),
      request,
      type,
      data: { object: clone(object), ...(previous && { previous_attributes: previous }) },
    }
    this.events.push(event)
    return event
  }
}
