/**
 * The Stripe objects this server keeps, typed as the SDK's own types cut to the fields it models, so a
 * misspelt or mistyped field fails `tsc`. Expandable fields are stored as ids and expanded on the way out.
 */
import { randomBytes } from 'node:crypto'
import Stripe from 'stripe'

/** An SDK type cut to the fields `K`, with the expandable fields `Ids` held as ids. */
type Modelled<T, K extends keyof T, Ids extends K = never> = Omit<Pick<T, K>, Ids> & {
  [P in Ids]: Extract<T[P], string | null>
}

export type SessionObject = Modelled<
  Stripe.Checkout.Session,
  | 'id' | 'object' | 'amount_subtotal' | 'amount_total' | 'cancel_url' | 'client_reference_id' | 'created'
  | 'currency' | 'customer_details' | 'customer_email' | 'expires_at' | 'livemode' | 'locale' | 'metadata' | 'mode'
  | 'payment_intent' | 'payment_method_types' | 'payment_status' | 'status' | 'submit_type' | 'success_url'
  | 'ui_mode' | 'url',
  'payment_intent'
>

export type PaymentIntentObject = Modelled<
  Stripe.PaymentIntent,
  | 'id' | 'object' | 'amount' | 'amount_capturable' | 'amount_received' | 'capture_method' | 'client_secret'
  | 'created' | 'currency' | 'description' | 'last_payment_error' | 'latest_charge' | 'livemode' | 'metadata'
  | 'payment_method_types' | 'status',
  'latest_charge'
>

export type ChargeObject = Modelled<
  Stripe.Charge,
  | 'id' | 'object' | 'amount' | 'amount_captured' | 'amount_refunded' | 'balance_transaction' | 'captured'
  | 'created' | 'currency' | 'description' | 'failure_code' | 'failure_message' | 'livemode' | 'metadata' | 'paid'
  | 'payment_intent' | 'refunded' | 'status',
  'balance_transaction' | 'payment_intent'
>

export type BalanceTransactionObject = Modelled<
  Stripe.BalanceTransaction,
  | 'id' | 'object' | 'amount' | 'available_on' | 'created' | 'currency' | 'description' | 'exchange_rate' | 'fee'
  | 'fee_details' | 'net' | 'reporting_category' | 'source' | 'status' | 'type',
  'source'
>

export type RefundObject = Modelled<
  Stripe.Refund,
  | 'id' | 'object' | 'amount' | 'balance_transaction' | 'charge' | 'created' | 'currency' | 'metadata'
  | 'payment_intent' | 'reason' | 'status',
  'balance_transaction' | 'charge' | 'payment_intent'
>

export type StripeObject = SessionObject | PaymentIntentObject | ChargeObject | BalanceTransactionObject | RefundObject

export type EventType =
  | 'checkout.session.completed'
  | 'checkout.session.async_payment_succeeded'
  | 'checkout.session.async_payment_failed'
  | 'checkout.session.expired'
  | 'charge.refunded'

export type EventObject = Pick<
  Stripe.Event,
  'id' | 'object' | 'api_version' | 'created' | 'livemode' | 'pending_webhooks' | 'request'
> & {
  type: EventType
  data: { object: SessionObject | ChargeObject; previous_attributes?: Record<string, unknown> }
}

/** The version the SDK asks for, which Stripe stamps on the events it sends. */
export const API_VERSION: string = Stripe.API_VERSION

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** An id in Stripe's form: a type prefix and random letters and digits. */
export function newId(prefix: string, length = 24): string {
  const bytes = randomBytes(length)
  return `${prefix}_${Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('')}`
}

export const nowSeconds = () => Math.floor(Date.now() / 1000)

export const clone = <T>(value: T): T => structuredClone(value)

// https://docs.stripe.com/currencies#zero-decimal and #three-decimal
const ZERO_DECIMAL = new Set(
  'bif clp djf gnf jpy kmf krw mga pyg rwf ugx vnd vuv xaf xof xpf'.split(' '),
)
const THREE_DECIMAL = new Set('bhd jod kwd omr tnd'.split(' '))

/** How many minor units make one major unit of `currency` (100 for EUR, 1 for JPY). */
export function minorUnits(currency: string): number {
  if (ZERO_DECIMAL.has(currency)) return 1
  if (THREE_DECIMAL.has(currency)) return 1000
  return 100
}

/** `amount` minor units of `currency` in US cents at `rate` USD per unit, as a USD balance transaction holds it. */
export function toUsdCents(amount: number, currency: string, rate: number): number {
  const cents = (amount / minorUnits(currency)) * rate * 100
  // toFixed first, so that float noise (2700.0000000000005) cannot tip a half-cent either way.
  return Math.round(Number(cents.toFixed(6)))
}

/** `amount` minor units formatted for people, e.g. "€25.00" or "¥1,000". */
export function formatAmount(amount: number, currency: string): string {
  return new Intl.NumberFormat('en', { style: 'currency', currency: currency.toUpperCase() }).format(
    amount / minorUnits(currency),
  )
}
