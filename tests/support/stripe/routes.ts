/**
 * What each URL does: Stripe's v1 endpoints the Hub calls, the hosted payment page, and a control API
 * (not Stripe's) through which a test plays the donor, the bank and the dashboard.
 */
import { type TestAccount } from './account'
import { listEvents, listRefunds, listSessions } from './lists'
import { clone, type EventObject, type RefundObject, type SessionObject } from './objects'
import { paidPage, payPage } from './pay-page'
import {
  expandParam,
  invalid,
  metadataParam,
  optionalInteger,
  optionalString,
  rejectUnknown,
  type Params,
} from './protocol'
import { type WebhookSender } from './webhooks'

export type Reply =
  | { json: unknown; status?: number }
  | { html: string; status?: number }
  | { redirect: string }

export interface Context {
  /** The id in the path, if the route has one. */
  id: string
  /** Form or query parameters (Stripe's API and the payment page) or the JSON body (control API). */
  params: Params
  json: Record<string, unknown>
  request: EventObject['request']
}

export interface Route {
  method: 'GET' | 'POST'
  path: RegExp
  /** `api` routes need a secret key and honour Idempotency-Key; `control` ones take JSON. */
  kind: 'api' | 'control' | 'page'
  handle: (context: Context) => Reply | Promise<Reply>
}

/** The moves a test makes, shared by the control API and the in-process handle. */
export function createControls(account: TestAccount, webhooks: WebhookSender) {
  const session = (id: string): SessionObject => clone(account.get('checkout.session', id))
  return {
    session,
    async complete(id: string, outcome: 'paid' | 'processing' = 'paid') {
      await webhooks.send(account.complete(id, outcome))
      return session(id)
    },
    async asyncResult(id: string, outcome: 'succeeded' | 'failed') {
      await webhooks.send(account.settle(id, outcome))
      return session(id)
    },
    async refund(chargeId: string, amount?: number) {
      const { refund, events } = account.refund(chargeId, { amount })
      await webhooks.send(events)
      return { refund: clone(refund), charge: clone(account.get('charge', chargeId)) }
    },
    setAmountTotal: (id: string, amountTotal: number) => clone(account.setAmountTotal(id, amountTotal)),
    async redeliver(eventId: string) {
      if (!webhooks.configured) throw invalid('No webhook endpoint is configured.')
      await webhooks.send([account.event(eventId)], { force: true })
    },
  }
}

const ID = '([A-Za-z0-9_]+)'
const route = (method: Route['method'], kind: Route['kind'], path: string, handle: Route['handle']): Route => ({
  method,
  kind,
  path: new RegExp(`^${path.replaceAll(':id', ID)}$`),
  handle,
})

function oneOf<const T extends string>(value: unknown, allowed: readonly T[], name: string): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T
  throw invalid(`${name} must be one of ${allowed.join(', ')}`, name)
}

function integer(value: unknown, name: string): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value
  throw invalid(`${name} must be an integer`, name)
}

export function createRoutes(account: TestAccount, webhooks: WebhookSender): Route[] {
  const controls = createControls(account, webhooks)
  const retrieve = (kind: Parameters<TestAccount['get']>[0]) => ({ id, params }: Context) => {
    rejectUnknown(params, ['expand'])
    return { json: account.render(account.get(kind, id), expandParam(params)) }
  }

  return [
    // Stripe's API
    route('POST', 'api', '/v1/checkout/sessions', ({ params }) => ({
      json: account.render(account.createSession(params), expandParam(params)),
    })),
    route('GET', 'api', '/v1/checkout/sessions', ({ params }) => ({ json: listSessions(account, params) })),
    route('GET', 'api', '/v1/checkout/sessions/:id', retrieve('checkout.session')),
    route('POST', 'api', '/v1/checkout/sessions/:id/expire', ({ id, params, request }) => {
      rejectUnknown(params, ['expand'])
      // Stripe answers the request first and sends the webhook after, so delivery is not awaited here.
      void webhooks.send(account.expire(id, request))
      return { json: account.render(account.get('checkout.session', id), expandParam(params)) }
    }),
    route('GET', 'api', '/v1/payment_intents/:id', retrieve('payment_intent')),
    route('GET', 'api', '/v1/charges/:id', retrieve('charge')),
    route('GET', 'api', '/v1/balance_transactions/:id', retrieve('balance_transaction')),
    route('POST', 'api', '/v1/refunds', ({ params, request }) => {
      rejectUnknown(params, ['charge', 'payment_intent', 'amount', 'reason', 'metadata', 'expand'])
      const { refund, events } = account.refund(
        chargeToRefund(account, params),
        {
          amount: optionalInteger(params, 'amount'),
          reason: (optionalString(params, 'reason') ?? null) as RefundObject['reason'],
          metadata: metadataParam(params, 'metadata'),
        },
        request,
      )
      void webhooks.send(events)
      return { json: account.render(refund, expandParam(params)) }
    }),
    route('GET', 'api', '/v1/refunds', ({ params }) => ({ json: listRefunds(account, params) })),
    route('GET', 'api', '/v1/refunds/:id', retrieve('refund')),
    route('GET', 'api', '/v1/events', ({ params }) => ({ json: listEvents(account, params) })),
    route('GET', 'api', '/v1/events/:id', ({ id }) => ({ json: account.event(id) })),

    // The hosted payment page
    route('GET', 'page', '/pay/:id', ({ id }) => ({ html: payPage(account.get('checkout.session', id), account.items(id)) })),
    route('POST', 'page', '/pay/:id', async ({ id }) => {
      const current = account.get('checkout.session', id)
      if (current.status !== 'open') return { html: payPage(current, []), status: 409 }
      const paid = await controls.complete(id, 'paid')
      if (!paid.success_url) return { html: paidPage(paid) }
      return { redirect: paid.success_url.replaceAll('{CHECKOUT_SESSION_ID}', id) }
    }),

    // The control API
    route('GET', 'control', '/__control/health', () => ({ json: { ok: true } })),
    route('POST', 'control', '/__control/sessions/:id/complete', async ({ id, json }) => ({
      json: await controls.complete(id, oneOf(json.outcome ?? 'paid', ['paid', 'processing'], 'outcome')),
    })),
    route('POST', 'control', '/__control/sessions/:id/async', async ({ id, json }) => ({
      json: await controls.asyncResult(id, oneOf(json.outcome, ['succeeded', 'failed'], 'outcome')),
    })),
    route('POST', 'control', '/__control/sessions/:id/amount', ({ id, json }) => ({
      json: controls.setAmountTotal(id, integer(json.amount_total, 'amount_total')),
    })),
    route('POST', 'control', '/__control/charges/:id/refund', async ({ id, json }) => ({
      json: await controls.refund(id, json.amount === undefined ? undefined : integer(json.amount, 'amount')),
    })),
    route('GET', 'control', '/__control/events', async () => {
      await webhooks.settled()
      return { json: { data: account.events, deliveries: webhooks.deliveries } }
    }),
    route('POST', 'control', '/__control/events/:id/deliver', async ({ id }) => {
      await controls.redeliver(id)
      return { json: { deliveries: webhooks.deliveries.filter((d) => d.event_id === id) } }
    }),
    route('POST', 'control', '/__control/deliveries', ({ json }) => {
      if (typeof json.enabled !== 'boolean') throw invalid('enabled must be true or false', 'enabled')
      webhooks.enabled = json.enabled
      return { json: { enabled: webhooks.enabled } }
    }),
    route('POST', 'control', '/__control/rates', ({ json }) => {
      const rates = Object.fromEntries(Object.entries(json).map(([currency, rate]) => [currency, Number(rate)]))
      account.setRates(rates)
      return { json: { rates } }
    }),
  ]
}

/** `charge` or `payment_intent` (its latest charge), as `POST /v1/refunds` accepts either. */
function chargeToRefund(account: TestAccount, params: Params): string {
  const charge = optionalString(params, 'charge')
  if (charge !== undefined) return charge
  const intentId = optionalString(params, 'payment_intent')
  if (intentId === undefined) throw invalid('One of the following params should be provided for this request: payment_intent or charge.')
  const intent = account.get('payment_intent', intentId)
  if (!intent.latest_charge) throw invalid(`PaymentIntent ${intentId} has no charge to refund.`, 'payment_intent')
  return intent.latest_charge
}
