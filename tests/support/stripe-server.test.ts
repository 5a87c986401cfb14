import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { once } from 'node:events'
import { createServer } from 'node:http'
import { type AddressInfo } from 'node:net'
import Stripe from 'stripe'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { startStripeServer, type StripeServer } from './stripe-server'

const SECRET = 'whsec_test_connection_hub'

/** A webhook endpoint that accepts only what `stripe.webhooks.constructEvent` verifies. */
async function startReceiver(secret: string) {
  const verifier = new Stripe('sk_test_receiver')
  const received: Stripe.Event[] = []
  const raw: { payload: string; signature: string }[] = []
  const rejected: string[] = []
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      try {
        const [payload, signature] = [Buffer.concat(chunks).toString('utf8'), String(request.headers['stripe-signature'])]
        raw.push({ payload, signature })
        received.push(verifier.webhooks.constructEvent(payload, signature, secret))
        response.writeHead(200).end()
      } catch (error) {
        rejected.push(String(error))
        response.writeHead(400).end()
      }
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/stripe`,
    received,
    raw,
    rejected,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

const client = (port: number, key = 'sk_test_123') =>
  new Stripe(key, { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 })

/** What the Hub sends for one contribution; `{CHECKOUT_SESSION_ID}` is Stripe's placeholder. */
function contribution(currency = 'usd', unitAmount = 2500): Stripe.Checkout.SessionCreateParams {
  const contributionId = randomUUID()
  return {
    mode: 'payment',
    line_items: [
      { quantity: 1, price_data: { currency, unit_amount: unitAmount, product_data: { name: 'Contribution to the fund' } } },
    ],
    success_url: 'http://hub.test/fund/thanks?session={CHECKOUT_SESSION_ID}',
    cancel_url: 'http://hub.test/fund/contribute',
    client_reference_id: contributionId,
    customer_email: 'donor@example.org',
    metadata: { contributionId },
    payment_intent_data: { metadata: { contributionId } },
  }
}

async function rejection(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error, 'expected the request to fail').toBeInstanceOf(Stripe.errors.StripeError)
  return error as InstanceType<typeof Stripe.errors.StripeError>
}

let receiver: Awaited<ReturnType<typeof startReceiver>>
let server: StripeServer
let stripe: Stripe

beforeAll(async () => {
  receiver = await startReceiver(SECRET)
  server = await startStripeServer({ webhookUrl: receiver.url, webhookSecret: SECRET })
  stripe = client(server.port)
})
afterAll(async () => {
  await server?.close()
  await receiver?.close()
})
beforeEach(() => server.setDelivery(true))

describe('Checkout Sessions', () => {
  test('are created in Stripe’s shape, and an Idempotency-Key replays the first answer', async () => {
    const params = contribution('EUR', 2500)
    const session = await stripe.checkout.sessions.create(params, { idempotencyKey: 'contribution-1' })
    expect(session).toMatchObject({
      object: 'checkout.session',
      status: 'open',
      payment_status: 'unpaid',
      amount_total: 2500,
      amount_subtotal: 2500,
      currency: 'eur',
      mode: 'payment',
      livemode: false,
      payment_intent: null,
      client_reference_id: params.client_reference_id,
      metadata: params.metadata,
      url: `${server.url}/pay/${session.id}`,
    })
    expect(session.id).toMatch(/^cs_test_\w+$/)
    expect(Math.abs(session.created - Date.now() / 1000)).toBeLessThan(5)

    const replay = await stripe.checkout.sessions.create(params, { idempotencyKey: 'contribution-1' })
    expect(replay.id).toBe(session.id)
    expect(replay.lastResponse.headers['idempotent-replayed']).toBe('true')

    const error = await rejection(
      stripe.checkout.sessions.create(contribution('eur', 3000), { idempotencyKey: 'contribution-1' }),
    )
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError)
    expect(error.statusCode).toBe(400)
  })

  test('reject what Stripe rejects, naming the parameter', async () => {
    const noQuantity = contribution()
    delete noQuantity.line_items?.[0]?.quantity
    const error = await rejection(stripe.checkout.sessions.create(noQuantity))
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError)
    expect(error.param).toBe('line_items[0][quantity]')

    const tooSmall = await rejection(stripe.checkout.sessions.create(contribution('usd', 49)))
    expect(tooSmall.message).toMatch(/at least \$0.50/)
    const unknownCurrency = await rejection(stripe.checkout.sessions.create(contribution('xyz', 5000)))
    expect(unknownCurrency.message).toMatch(/Invalid currency: xyz/)
  })

  test('are retrieved with the payment intent, charge and balance transaction expanded on request', async () => {
    const created = await stripe.checkout.sessions.create(contribution('usd', 4200))
    await server.complete(created.id, 'paid')

    const plain = await stripe.checkout.sessions.retrieve(created.id)
    expect(plain).toMatchObject({ status: 'complete', payment_status: 'paid' })
    expect(plain.payment_intent).toMatch(/^pi_/)

    const expanded = await stripe.checkout.sessions.retrieve(created.id, {
      expand: ['payment_intent.latest_charge.balance_transaction'],
    })
    const intent = expanded.payment_intent as Stripe.PaymentIntent
    const charge = intent.latest_charge as Stripe.Charge
    const transaction = charge.balance_transaction as Stripe.BalanceTransaction
    expect(intent).toMatchObject({ id: plain.payment_intent, status: 'succeeded', amount: 4200, metadata: created.metadata })
    expect(charge).toMatchObject({ object: 'charge', amount: 4200, amount_refunded: 0, refunded: false, payment_intent: intent.id })
    expect(transaction).toMatchObject({ object: 'balance_transaction', amount: 4200, currency: 'usd', exchange_rate: null })

    const viaIntent = await stripe.paymentIntents.retrieve(intent.id, { expand: ['latest_charge'] })
    expect((viaIntent.latest_charge as Stripe.Charge).balance_transaction).toBe(transaction.id)

    const error = await rejection(stripe.checkout.sessions.retrieve(created.id, { expand: ['customer'] }))
    expect(error.message).toBe('This property cannot be expanded (customer).')
  })

  test('are listed newest first, filtered by creation time and status, page by page', async () => {
    const since = Math.floor(Date.now() / 1000)
    const [first, second, open] = [
      await stripe.checkout.sessions.create(contribution()),
      await stripe.checkout.sessions.create(contribution()),
      await stripe.checkout.sessions.create(contribution()),
    ]
    await server.complete(first!.id, 'paid')
    await server.complete(second!.id, 'processing')

    const page = await stripe.checkout.sessions.list({ status: 'complete', created: { gte: since }, limit: 1 })
    expect(page).toMatchObject({ object: 'list', url: '/v1/checkout/sessions', has_more: true })
    expect(page.data.map((s) => s.id)).toEqual([second!.id])
    const next = await stripe.checkout.sessions.list({
      status: 'complete',
      created: { gte: since },
      limit: 1,
      starting_after: second!.id,
    })
    expect(next.data.map((s) => s.id)).toEqual([first!.id])

    const all = await stripe.checkout.sessions.list({ created: { gte: since }, limit: 2 }).autoPagingToArray({ limit: 100 })
    expect(all.map((s) => s.id).slice(0, 3)).toEqual([open!.id, second!.id, first!.id])
    const future = await stripe.checkout.sessions.list({ created: { gte: since + 3600 } })
    expect(future.data).toEqual([])
  })

  test('401 without a secret key, 404 for ids that do not exist', async () => {
    const anonymous = await fetch(`${server.url}/v1/checkout/sessions`)
    expect(anonymous.status).toBe(401)
    expect(await anonymous.json()).toMatchObject({ error: { type: 'invalid_request_error' } })
    const live = await rejection(client(server.port, 'sk_live_123456789').checkout.sessions.list())
    expect(live).toBeInstanceOf(Stripe.errors.StripeAuthenticationError)

    const session = await rejection(stripe.checkout.sessions.retrieve('cs_test_missing'))
    expect(session).toMatchObject({ statusCode: 404, code: 'resource_missing', type: 'StripeInvalidRequestError' })
    expect(session.message).toBe("No such checkout.session: 'cs_test_missing'")
    const intent = await rejection(stripe.paymentIntents.retrieve('pi_missing'))
    expect(intent).toMatchObject({ statusCode: 404, code: 'resource_missing' })
  })
})

describe('money and events', () => {
  test('completing a session sends checkout.session.completed, signed, to the webhook endpoint', async () => {
    const session = await stripe.checkout.sessions.create(contribution())
    await server.complete(session.id, 'paid')

    const event = receiver.received.find((e) => e.type === 'checkout.session.completed' && e.data.object.id === session.id)
    expect(event).toMatchObject({ object: 'event', api_version: Stripe.API_VERSION, livemode: false })
    expect((event?.data.object as Stripe.Checkout.Session).payment_status).toBe('paid')
    expect(receiver.rejected).toEqual([])
    expect(server.deliveries().find((d) => d.event_id === event?.id)?.status).toBe(200)

    // The signature is real: it holds for these bytes under this secret only.
    const { payload, signature } = receiver.raw.find((r) => r.payload.includes(event!.id))!
    expect(stripe.webhooks.constructEvent(payload, signature, SECRET).id).toBe(event?.id)
    const forged = payload.replace('"paid"', '"unpaid"')
    for (const [body, secret] of [[payload, 'whsec_other'], [forged, SECRET]] as const) {
      expect(() => stripe.webhooks.constructEvent(body, signature, secret)).toThrow(Stripe.errors.StripeSignatureVerificationError)
    }
  })

  test('a EUR payment settles in USD at the configured rate; a JPY one counts whole yen', async () => {
    const euros = await stripe.checkout.sessions.create(contribution('eur', 2500))
    const yen = await stripe.checkout.sessions.create(contribution('jpy', 10_000))
    for (const { id } of [euros, yen]) await server.complete(id, 'paid')

    const transaction = async (id: string) => {
      const session = await stripe.checkout.sessions.retrieve(id, { expand: ['payment_intent.latest_charge.balance_transaction'] })
      const charge = (session.payment_intent as Stripe.PaymentIntent).latest_charge as Stripe.Charge
      return { charge, transaction: charge.balance_transaction as Stripe.BalanceTransaction }
    }
    const eur = await transaction(euros.id)
    expect(eur.charge).toMatchObject({ amount: 2500, currency: 'eur' })
    expect(eur.transaction).toMatchObject({ amount: 2700, net: 2700, currency: 'usd', exchange_rate: 1.08, source: eur.charge.id })
    const jpy = await transaction(yen.id)
    expect(jpy.charge).toMatchObject({ amount: 10_000, currency: 'jpy' })
    expect(jpy.transaction).toMatchObject({ amount: 6700, currency: 'usd', exchange_rate: 0.0067 })
  })

  test('a payment that settles later completes unpaid, then succeeds or fails, each with its event', async () => {
    const later = await stripe.checkout.sessions.create(contribution('eur', 5000))
    const failing = await stripe.checkout.sessions.create(contribution('eur', 5000))
    const from = server.events().length
    for (const { id } of [later, failing]) {
      const completed = await server.complete(id, 'processing')
      expect(completed).toMatchObject({ status: 'complete', payment_status: 'unpaid' })
    }
    const processing = await stripe.paymentIntents.retrieve(server.session(later.id).payment_intent!, { expand: ['latest_charge'] })
    expect(processing.status).toBe('processing')
    expect((processing.latest_charge as Stripe.Charge).balance_transaction).toBeNull()

    expect(await server.asyncResult(later.id, 'succeeded')).toMatchObject({ payment_status: 'paid' })
    expect(await server.asyncResult(failing.id, 'failed')).toMatchObject({ payment_status: 'unpaid' })
    const failed = await stripe.paymentIntents.retrieve(server.session(failing.id).payment_intent!)
    expect(failed).toMatchObject({ status: 'requires_payment_method', last_payment_error: { code: 'insufficient_funds' } })

    const events = server.events().slice(from)
    expect(events.map((e) => [e.type, e.data.object.id])).toEqual([
      ['checkout.session.completed', later.id],
      ['checkout.session.completed', failing.id],
      ['checkout.session.async_payment_succeeded', later.id],
      ['checkout.session.async_payment_failed', failing.id],
    ])
    const delivered = receiver.received.map((e) => e.id)
    expect(events.every((e) => delivered.includes(e.id))).toBe(true)
    await expect(server.asyncResult(later.id, 'failed')).rejects.toThrow(/no payment in processing/)
  })

  test('refunds add up, partial then full, each with a charge.refunded event', async () => {
    const session = await stripe.checkout.sessions.create(contribution('eur', 2500))
    const paid = await server.complete(session.id, 'paid')
    const chargeId = (await stripe.paymentIntents.retrieve(paid.payment_intent!)).latest_charge as string
    const from = server.events().length

    const partial = await server.refund(chargeId, 1000)
    expect(partial.charge).toMatchObject({ amount_refunded: 1000, refunded: false })
    const refund = await stripe.refunds.retrieve(partial.refund.id, { expand: ['balance_transaction'] })
    expect(refund.balance_transaction).toMatchObject({ amount: -1080, currency: 'usd', exchange_rate: 1.08, type: 'refund' })

    const rest = await stripe.refunds.create({ payment_intent: paid.payment_intent!, reason: 'requested_by_customer' })
    expect(rest).toMatchObject({ object: 'refund', amount: 1500, charge: chargeId, status: 'succeeded' })
    await server.settled()
    expect(await stripe.charges.retrieve(chargeId)).toMatchObject({ amount_refunded: 2500, refunded: true })

    const refunded = server.events().slice(from)
    expect(refunded.map((e) => e.type)).toEqual(['charge.refunded', 'charge.refunded'])
    expect(refunded.map((e) => e.data.object)).toMatchObject([
      { id: chargeId, amount_refunded: 1000, refunded: false },
      { id: chargeId, amount_refunded: 2500, refunded: true },
    ])
    expect(refunded[1]?.data.previous_attributes).toEqual({ amount_refunded: 1000, refunded: false })
    expect(receiver.received.filter((e) => refunded.some((r) => r.id === e.id))).toHaveLength(2)

    const again = await rejection(stripe.refunds.create({ charge: chargeId, amount: 1 }))
    expect(again.code).toBe('charge_already_refunded')
    expect((await stripe.refunds.list({ charge: chargeId })).data.map((r) => r.amount)).toEqual([1500, 1000])
  })

  test('with delivery off events are kept but not sent, and can be sent again later', async () => {
    const session = await stripe.checkout.sessions.create(contribution())
    server.setDelivery(false)
    await server.complete(session.id, 'paid')
    const event = server.events().at(-1)!
    expect(event).toMatchObject({ type: 'checkout.session.completed', pending_webhooks: 0 })
    expect(receiver.received.some((e) => e.id === event.id)).toBe(false)

    const reconciled = await stripe.checkout.sessions.list({ status: 'complete', created: { gte: session.created } })
    expect(reconciled.data.map((s) => s.id)).toContain(session.id)
    expect((await stripe.events.retrieve(event.id)).id).toBe(event.id)

    await server.redeliver(event.id)
    expect(receiver.received.some((e) => e.id === event.id)).toBe(true)
  })

  test('an expired session sends checkout.session.expired and can no longer be paid', async () => {
    const session = await stripe.checkout.sessions.create(contribution())
    expect((await stripe.checkout.sessions.expire(session.id)).status).toBe('expired')
    await server.settled()
    expect(receiver.received.at(-1)).toMatchObject({ type: 'checkout.session.expired', data: { object: { id: session.id } } })
    await expect(server.complete(session.id, 'paid')).rejects.toThrow(/not open/)
  })
})

describe('the control API and the hosted payment page', () => {
  const post = (path: string, body: unknown) =>
    fetch(`${server.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })

  test('drives payments, refunds and tampering over HTTP', async () => {
    const session = await stripe.checkout.sessions.create(contribution('gbp', 1000))
    expect((await post(`/__control/sessions/${session.id}/amount`, { amount_total: 1 })).status).toBe(200)
    expect((await stripe.checkout.sessions.retrieve(session.id)).amount_total).toBe(1)
    await post(`/__control/sessions/${session.id}/amount`, { amount_total: 1000 })

    const completed = await post(`/__control/sessions/${session.id}/complete`, { outcome: 'paid' })
    const { payment_intent } = (await completed.json()) as Stripe.Checkout.Session
    const chargeId = (await stripe.paymentIntents.retrieve(payment_intent as string)).latest_charge as string
    const refunded = await post(`/__control/charges/${chargeId}/refund`, { amount: 400 })
    expect(await refunded.json()).toMatchObject({ charge: { amount_refunded: 400 }, refund: { amount: 400 } })
    expect((await post(`/__control/charges/${chargeId}/refund`, { amount: 601 })).status).toBe(400)

    const { data, deliveries } = (await (await fetch(`${server.url}/__control/events`)).json()) as {
      data: Stripe.Event[]
      deliveries: { event_id: string; status: number }[]
    }
    expect(data.slice(-2).map((e) => e.type)).toEqual(['checkout.session.completed', 'charge.refunded'])
    expect(deliveries.filter((d) => data.slice(-2).some((e) => e.id === d.event_id)).map((d) => d.status)).toEqual([200, 200])
    expect((await post(`/__control/sessions/${session.id}/complete`, { outcome: 'nope' })).status).toBe(400)
  })

  test('shows an accessible page, and paying there redirects to the success URL after the webhook', async () => {
    const session = await stripe.checkout.sessions.create(contribution('eur', 2500))
    const page = await fetch(session.url!)
    const html = await page.text()
    expect(page.headers.get('content-type')).toMatch(/text\/html/)
    expect(html).toContain('<html lang="en">')
    expect(html).toMatch(/<main>[\s\S]*<h1>Test payment<\/h1>/)
    expect(html).toContain('€25.00')
    expect(html).toContain('<label for="card-number">Card number</label>')
    expect(html).toContain('value="4242 4242 4242 4242"')
    expect(html).toContain('<button type="submit">Pay</button>')
    expect(html).toContain('<a href="http://hub.test/fund/contribute">Cancel</a>')

    const paid = await fetch(session.url!, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'card_number=4242+4242+4242+4242',
      redirect: 'manual',
    })
    expect(paid.status).toBe(303)
    expect(paid.headers.get('location')).toBe(`http://hub.test/fund/thanks?session=${session.id}`)
    expect(receiver.received.some((e) => e.type === 'checkout.session.completed' && e.data.object.id === session.id)).toBe(true)
    expect((await fetch(session.url!, { method: 'POST', redirect: 'manual' })).status).toBe(409)
  })
})

test('the command line prints where it listens and stops cleanly on SIGTERM', async () => {
  const file = (path: string) => new URL(path, import.meta.url).pathname
  const cli = spawn(
    process.execPath,
    [file('../../node_modules/tsx/dist/cli.mjs'), file('./stripe-server.ts'), '--port', '0'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const [line] = (await once(cli.stdout, 'data')) as [Buffer]
  const url = /Stripe-compatible test server on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(line.toString())?.[1]
  expect(url).toBeDefined()
  expect((await fetch(`${url}/__control/health`)).status).toBe(200)
  cli.kill('SIGTERM')
  const [code] = (await once(cli, 'exit')) as [number | null]
  expect(code).toBe(0)
})
