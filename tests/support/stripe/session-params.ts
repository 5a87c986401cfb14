/** The parameters of `POST /v1/checkout/sessions` this server models, checked as Stripe checks them. */
import { type SessionObject } from './objects'
import {
  invalid,
  metadataParam,
  optionalInteger,
  optionalObject,
  optionalString,
  rejectUnknown,
  requiredString,
  type Params,
} from './protocol'

export interface LineItem {
  name: string
  unitAmount: number
  quantity: number
}

export interface SessionInput {
  currency: string
  lineItems: LineItem[]
  successUrl: string | null
  cancelUrl: string | null
  clientReferenceId: string | null
  customerEmail: string | null
  locale: SessionObject['locale']
  submitType: SessionObject['submit_type']
  paymentMethodTypes: string[]
  metadata: Record<string, string>
  paymentIntentData: { metadata: Record<string, string>; description: string | null }
}

const KNOWN = [
  'mode',
  'line_items',
  'success_url',
  'cancel_url',
  'client_reference_id',
  'customer_email',
  'metadata',
  'payment_intent_data',
  'locale',
  'submit_type',
  'payment_method_types',
  'expand',
] as const

export function parseSessionParams(params: Params, knownCurrency: (currency: string) => boolean): SessionInput {
  rejectUnknown(params, KNOWN)
  const mode = requiredString(params, 'mode')
  if (mode !== 'payment') throw invalid(`The test server supports mode=payment only, not ${mode}.`, 'mode')

  const lineItems = params.line_items
  if (!Array.isArray(lineItems) || lineItems.length === 0) throw invalid('Missing required param: line_items.', 'line_items')
  const parsed = lineItems.map((item, i) => lineItem(item, `line_items[${i}]`))
  const currencies = new Set(parsed.map((p) => p.currency))
  if (currencies.size > 1) throw invalid('All line items must use the same currency.', 'line_items')
  const currency = parsed[0]?.currency ?? 'usd'
  if (!knownCurrency(currency)) {
    throw invalid(`Invalid currency: ${currency}. The test server has no exchange rate for it.`, 'line_items[0][price_data][currency]')
  }

  const clientReferenceId = optionalString(params, 'client_reference_id') ?? null
  if (clientReferenceId && clientReferenceId.length > 200) {
    throw invalid('client_reference_id can be at most 200 characters.', 'client_reference_id')
  }
  const customerEmail = optionalString(params, 'customer_email') ?? null
  if (customerEmail !== null && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(customerEmail)) {
    throw invalid(`Invalid email address: ${customerEmail}`, 'customer_email')
  }

  const intentData = optionalObject(params, 'payment_intent_data') ?? {}
  for (const name of Object.keys(intentData)) {
    if (name !== 'metadata' && name !== 'description') {
      throw invalid(`Received unknown parameter: payment_intent_data[${name}]`, `payment_intent_data[${name}]`)
    }
  }
  const methods = params.payment_method_types ?? ['card']
  if (!Array.isArray(methods) || methods.some((m) => typeof m !== 'string')) {
    throw invalid('Invalid array', 'payment_method_types')
  }

  return {
    currency,
    lineItems: parsed.map(({ name, unitAmount, quantity }) => ({ name, unitAmount, quantity })),
    successUrl: url(params, 'success_url'),
    cancelUrl: url(params, 'cancel_url'),
    clientReferenceId,
    customerEmail,
    locale: (optionalString(params, 'locale') ?? null) as SessionObject['locale'],
    submitType: (optionalString(params, 'submit_type') ?? null) as SessionObject['submit_type'],
    paymentMethodTypes: methods as string[],
    metadata: metadataParam(params, 'metadata'),
    paymentIntentData: {
      metadata: metadataParam(intentData, 'metadata', 'payment_intent_data[metadata]'),
      description: optionalString(intentData, 'description') ?? null,
    },
  }
}

function lineItem(item: Params[string], path: string): LineItem & { currency: string } {
  if (typeof item === 'string' || Array.isArray(item)) throw invalid('Invalid object', path)
  if (item.price !== undefined) throw invalid('The test server supports line items with price_data only.', `${path}[price]`)
  rejectUnknown(item, ['price_data', 'quantity'])
  const priceData = optionalObject(item, 'price_data', `${path}[price_data]`)
  if (!priceData) throw invalid(`Missing required param: ${path}[price_data].`, `${path}[price_data]`)
  const currency = requiredString(priceData, 'currency', `${path}[price_data][currency]`).toLowerCase()
  if (!/^[a-z]{3}$/.test(currency)) throw invalid(`Invalid currency: ${currency}`, `${path}[price_data][currency]`)
  const unitAmount = optionalInteger(priceData, 'unit_amount', `${path}[price_data][unit_amount]`)
  if (unitAmount === undefined) throw invalid(`Missing required param: ${path}[price_data][unit_amount].`, `${path}[price_data][unit_amount]`)
  if (unitAmount < 0 || unitAmount > 99_999_999) {
    throw invalid('This value must be between 0 and 99999999.', `${path}[price_data][unit_amount]`)
  }
  const product = optionalObject(priceData, 'product_data', `${path}[price_data][product_data]`)
  if (!product) throw invalid(`Missing required param: ${path}[price_data][product_data].`, `${path}[price_data][product_data]`)
  const name = requiredString(product, 'name', `${path}[price_data][product_data][name]`)
  const quantity = optionalInteger(item, 'quantity', `${path}[quantity]`)
  if (quantity === undefined) throw invalid(`Missing required param: ${path}[quantity].`, `${path}[quantity]`)
  if (quantity < 1) throw invalid('This value must be greater than or equal to 1.', `${path}[quantity]`)
  return { currency, name, unitAmount, quantity }
}

function url(params: Params, name: string): string | null {
  const value = optionalString(params, name)
  if (value === undefined) return null
  if (!URL.canParse(value) || !/^https?:/.test(value)) throw invalid('Not a valid URL', name)
  return value
}
