import type { ActionFunctionArgs } from '@remix-run/node'
import { applyStripeEvent } from '~/domain/fund/stripe-sync.server'
import { cardPaymentsEnabled, verifiedEvent } from '~/domain/fund/stripe.server'
import { db } from '~/utils/db.server'
import { logger } from '~/utils/logger.server'

const text = (body: string, status: number, headers: Record<string, string> = {}) => new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers } })

export function loader() {
  return text('Stripe posts its events here.', 405, { Allow: 'POST' })
}

/**
 * Stripe's events. The signature is checked on the raw body before anything is read from it; a forged or
 * stale one gets 400 and nothing is written. Duplicates and event types the Hub does not handle get 200, so
 * Stripe stops sending them; a failure to apply a genuine event gets 503, so Stripe tries again later.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== 'POST') return text('Method not allowed.', 405, { Allow: 'POST' })
  if (!cardPaymentsEnabled()) return text('Card payments are not configured on this Hub.', 404)
  const raw = await request.text()
  let event
  try {
    event = verifiedEvent(raw, request.headers.get('stripe-signature'))
  } catch {
    return text('The Stripe signature is missing or does not match.', 400)
  }
  try {
    const outcome = await applyStripeEvent(db, event)
    logger().info({ eventId: event.id, type: event.type, outcome }, 'Stripe event')
    return Response.json({ received: true, outcome }, { headers: { 'Cache-Control': 'no-store' } })
  } catch (error) {
    logger().error({ err: error, eventId: event.id, type: event.type }, 'Stripe event could not be applied')
    return text('The event could not be applied now; please retry.', 503, { 'Retry-After': '60' })
  }
}
