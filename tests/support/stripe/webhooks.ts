/** Sends events to the webhook endpoint, signed as Stripe signs them, one at a time and in order. */
import Stripe from 'stripe'
import { type EventObject } from './objects'

export interface Delivery {
  event_id: string
  type: string
  url: string
  /** The endpoint's HTTP status, or null when it could not be reached. */
  status: number | null
  error: string | null
}

export interface Endpoint {
  url: string
  secret: string
}

export class WebhookSender {
  readonly deliveries: Delivery[] = []
  private queue: Promise<void> = Promise.resolve()

  constructor(
    private endpoint: Endpoint | null,
    public enabled: boolean,
    private readonly log: (line: string) => void,
  ) {}

  get configured(): boolean {
    return this.endpoint !== null
  }

  setEndpoint(endpoint: Endpoint | null) {
    this.endpoint = endpoint
  }

  /**
   * Queues `events` behind those already queued; the promise settles once the endpoint has answered them.
   * While delivery is off the events are dropped, as they are for an endpoint that is down (`force` sends anyway).
   */
  send(events: readonly EventObject[], { force = false } = {}): Promise<void> {
    const endpoint = this.endpoint
    if (!endpoint || (!this.enabled && !force) || events.length === 0) return this.queue
    this.queue = this.queue.then(async () => {
      for (const event of events) await this.deliver(event, endpoint)
    })
    return this.queue
  }

  /** Resolves when every queued delivery has been answered. */
  settled(): Promise<void> {
    return this.queue
  }

  private async deliver(event: EventObject, { url, secret }: Endpoint) {
    // Stripe sends the event pretty-printed; the signature covers these exact bytes.
    const payload = JSON.stringify(event, null, 2)
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret })
    const delivery: Delivery = { event_id: event.id, type: event.type, url, status: null, error: null }
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'Stripe-Signature': signature,
        },
        body: payload,
        redirect: 'manual',
        signal: AbortSignal.timeout(10_000),
      })
      await response.arrayBuffer()
      delivery.status = response.status
      if (!response.ok) delivery.error = `HTTP ${response.status}`
    } catch (error) {
      // fetch says only "fetch failed"; the reason (ECONNREFUSED, a timeout…) is in its cause.
      const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : ''
      delivery.error = error instanceof Error ? `${error.name}: ${error.message}${cause}` : String(error)
    }
    this.deliveries.push(delivery)
    if (delivery.error) this.log(`Webhook ${event.type} (${event.id}) to ${url} failed: ${delivery.error}`)
  }
}
