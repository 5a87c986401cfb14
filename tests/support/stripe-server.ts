/**
 * A local server that speaks the part of Stripe's HTTP API the Hub uses, so the real `stripe` SDK can be
 * tested against it: Checkout Sessions, the money they leave behind (PaymentIntent, Charge, USD
 * BalanceTransaction), refunds, and signed webhooks. Tests drive it through a control API or in-process.
 *
 *   tsx tests/support/stripe-server.ts --port 12111 \
 *     --webhook-url http://127.0.0.1:3000/webhooks/stripe --webhook-secret whsec_test
 */
import { randomUUID } from 'node:crypto'
import { realpathSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { type AddressInfo } from 'node:net'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { TestAccount } from './stripe/account'
import { API_VERSION, clone } from './stripe/objects'
import { parseParams, readBody, sendJson, StripeApiError, type Params } from './stripe/protocol'
import { createControls, createRoutes, type Context, type Reply, type Route } from './stripe/routes'
import { WebhookSender } from './stripe/webhooks'

export interface StripeServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number
  host?: string
  /** Where events are POSTed, signed with `webhookSecret`. */
  webhookUrl?: string
  webhookSecret?: string
  /** USD per unit of each other currency the donors may use. */
  rates?: Record<string, number>
  /** Defaults to true when `webhookUrl` is set. */
  deliverWebhooks?: boolean
  /** Told about webhook deliveries that failed; silent by default, as a console.error fails a test. */
  log?: (line: string) => void
}

export const DEFAULT_RATES: Readonly<Record<string, number>> = { eur: 1.08, gbp: 1.27, chf: 1.12, jpy: 0.0067 }

export type StripeServer = Awaited<ReturnType<typeof startStripeServer>>

export async function startStripeServer(options: StripeServerOptions = {}) {
  const { host = '127.0.0.1', webhookUrl, webhookSecret } = options
  if (webhookUrl && !webhookSecret) throw new Error('startStripeServer: webhookUrl needs a webhookSecret')
  let baseUrl = ''
  const webhooks = new WebhookSender(
    webhookUrl && webhookSecret ? { url: webhookUrl, secret: webhookSecret } : null,
    options.deliverWebhooks ?? Boolean(webhookUrl),
    options.log ?? (() => {}),
  )
  const account = new TestAccount({
    rates: { ...DEFAULT_RATES, ...options.rates },
    payPageBase: () => baseUrl,
    endpointCount: () => (webhooks.configured && webhooks.enabled ? 1 : 0),
  })
  const routes = createRoutes(account, webhooks)
  const idempotency = new IdempotencyStore()

  const server = createServer((request, response) => {
    void handle(routes, idempotency, request, response)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  const controls = createControls(account, webhooks)

  return {
    url: baseUrl,
    port,
    ...controls,
    events: () => clone(account.events),
    deliveries: () => clone(webhooks.deliveries),
    setDelivery: (enabled: boolean) => {
      webhooks.enabled = enabled
    },
    setWebhook: (endpoint: { url: string; secret: string } | null) => webhooks.setEndpoint(endpoint),
    setRates: (rates: Record<string, number>) => account.setRates(rates),
    /** Resolves once every webhook sent so far has been answered. */
    settled: () => webhooks.settled(),
    async close() {
      await webhooks.settled()
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      })
    },
  }
}

async function handle(routes: Route[], idempotency: IdempotencyStore, request: IncomingMessage, response: ServerResponse) {
  const requestId = `req_${randomUUID().replaceAll('-', '').slice(0, 14)}`
  const headers = { 'Request-Id': requestId, 'Stripe-Version': API_VERSION }
  const url = new URL(request.url ?? '/', 'http://localhost')
  try {
    const method = request.method ?? 'GET'
    const matched = routes
      .map((route) => ({ route, match: route.method === method ? route.path.exec(url.pathname) : null }))
      .find(({ match }) => match)
    if (!matched) {
      throw new StripeApiError(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${url.pathname}).`)
    }
    const { route, match } = matched
    const apiKey = route.kind === 'api' ? authenticate(request) : ''
    const body = method === 'POST' ? await readBody(request) : ''
    const context: Context = {
      id: decodeURIComponent(match?.[1] ?? ''),
      params: route.kind === 'control' ? {} : parseParams(method === 'GET' ? url.search.slice(1) : body),
      json: route.kind === 'control' ? parseJson(body) : {},
      request: { id: requestId, idempotency_key: null },
    }
    if (route.kind !== 'api') return send(response, await route.handle(context), headers)

    const key = request.headers['idempotency-key']
    if (method !== 'POST' || typeof key !== 'string') return send(response, await route.handle(context), headers)
    const stored = idempotency.replay(apiKey, key, method, url.pathname, context.params)
    if (stored) return sendJson(response, stored.status, stored.body, { ...headers, ...stored.headers })
    context.request = { id: requestId, idempotency_key: key }
    const reply = await route.handle(context)
    if ('json' in reply) idempotency.remember(apiKey, key, method, url.pathname, context.params, requestId, reply)
    send(response, reply, headers)
  } catch (error) {
    const failure =
      error instanceof StripeApiError
        ? error
        : new StripeApiError(500, 'api_error', `The test server failed: ${error instanceof Error ? error.stack : String(error)}`)
    sendJson(response, failure.status, failure.toBody(), headers)
  }
}

function send(response: ServerResponse, reply: Reply, headers: Record<string, string>) {
  if ('redirect' in reply) {
    response.writeHead(303, { Location: reply.redirect, 'Content-Length': 0 })
    response.end()
  } else if ('html' in reply) {
    response.writeHead(reply.status ?? 200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
    response.end(reply.html)
  } else {
    sendJson(response, reply.status ?? 200, reply.json, headers)
  }
}

function parseJson(body: string): Record<string, unknown> {
  if (body.trim() === '') return {}
  try {
    const value: unknown = JSON.parse(body)
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>
  } catch {
    // Answered below, in the same words as any other malformed body.
  }
  throw new StripeApiError(400, 'invalid_request_error', 'The control API takes a JSON object.')
}

/** The secret key of the request; Stripe answers 401 without one, and live keys have no business here. */
function authenticate(request: IncomingMessage): string {
  const header = request.headers.authorization
  if (!header) {
    throw new StripeApiError(
      401,
      'invalid_request_error',
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    )
  }
  // Bearer is what the SDK sends; Basic with the key as user name is what curl -u sends.
  const bearer = /^Bearer (\S+)$/.exec(header)?.[1]
  const basic = /^Basic (\S+)$/.exec(header)?.[1]
  const key = bearer ?? (basic ? Buffer.from(basic, 'base64').toString('utf8').split(':')[0] : '') ?? ''
  if (!/^sk_test_\w+$/.test(key)) {
    const shown = key.length > 12 ? `${key.slice(0, 8)}${'*'.repeat(key.length - 12)}${key.slice(-4)}` : key
    throw new StripeApiError(401, 'invalid_request_error', `Invalid API Key provided: ${shown}`)
  }
  return key
}

interface StoredReply {
  method: string
  path: string
  params: string
  status: number
  body: unknown
  headers: Record<string, string>
}

/** Stripe's idempotency: a key replays its first successful answer, and may not be reused for another request. */
class IdempotencyStore {
  private readonly replies = new Map<string, StoredReply>()

  replay(apiKey: string, key: string, method: string, path: string, params: Params): StoredReply | undefined {
    const stored = this.replies.get(`${apiKey} ${key}`)
    if (!stored) return undefined
    if (stored.method !== method || stored.path !== path || stored.params !== canonical(params)) {
      throw new StripeApiError(
        400,
        'idempotency_error',
        `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
      )
    }
    return stored
  }

  remember(apiKey: string, key: string, method: string, path: string, params: Params, requestId: string, reply: Reply) {
    if (!('json' in reply) || (reply.status ?? 200) >= 300) return
    this.replies.set(`${apiKey} ${key}`, {
      method,
      path,
      params: canonical(params),
      status: reply.status ?? 200,
      body: clone(reply.json),
      headers: { 'Idempotent-Replayed': 'true', 'Original-Request': requestId },
    })
  }
}

/** The same parameters in any order give the same string. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

function parseRates(text: string | undefined): Record<string, number> {
  if (!text) return {}
  return Object.fromEntries(
    text.split(',').map((pair) => {
      const [currency = '', rate = ''] = pair.split('=')
      if (!/^[a-z]{3}$/i.test(currency.trim()) || !(Number(rate) > 0)) throw new Error(`--rates: cannot read "${pair}"`)
      return [currency.trim().toLowerCase(), Number(rate)]
    }),
  )
}

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '12111' },
      host: { type: 'string', default: '127.0.0.1' },
      'webhook-url': { type: 'string' },
      'webhook-secret': { type: 'string' },
      rates: { type: 'string' },
      'no-webhooks': { type: 'boolean', default: false },
    },
  })
  const server = await startStripeServer({
    port: Number(values.port),
    host: values.host,
    webhookUrl: values['webhook-url'],
    webhookSecret: values['webhook-secret'],
    rates: parseRates(values.rates),
    deliverWebhooks: values['no-webhooks'] ? false : undefined,
    log: (line) => console.warn(line),
  })
  process.stdout.write(`Stripe-compatible test server on ${server.url}\n`)
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error)
        process.exit(1)
      },
    )
  }
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
}

/** Whether this file was run (`tsx tests/support/stripe-server.ts`) rather than imported. */
function isEntryPoint(): boolean {
  const entry = process.argv[1]
  if (!entry) return false
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href
  } catch {
    return false // argv[1] is not a file, so this module was imported by something else
  }
}

if (isEntryPoint()) {
  main().catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
