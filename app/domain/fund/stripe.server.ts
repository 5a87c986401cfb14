import Stripe from 'stripe'
import { env } from '~/utils/env.server'

let client: { key: string; url: string | undefined; stripe: Stripe } | undefined

/** Card payments are on when a secret key is configured (and a webhook secret to hear back from Stripe). */
export const cardPaymentsEnabled = () => Boolean(env().STRIPE_SECRET_KEY && env().STRIPE_WEBHOOK_SECRET)

/** The Stripe SDK, pointed at STRIPE_API_URL when set (a Stripe-compatible server), else at Stripe's API. */
export function stripeClient(): Stripe {
  const { STRIPE_SECRET_KEY: key, STRIPE_API_URL: url } = env()
  if (!key) throw new Error('STRIPE_SECRET_KEY is not set')
  if (client && client.key === key && client.url === url) return client.stripe
  const target = url ? new URL(url) : null
  const stripe = new Stripe(key, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    appInfo: { name: 'Connection Hub' },
    ...(target ? { host: target.hostname, port: Number(target.port || (target.protocol === 'https:' ? 443 : 80)), protocol: target.protocol === 'https:' ? 'https' : 'http' } : {}),
  })
  client = { key, url, stripe }
  return stripe
}

/** Verifies a webhook's signature on the raw body; throws when it does not match. */
export function verifiedEvent(rawBody: string, signature: string | null) {
  const secret = env().STRIPE_WEBHOOK_SECRET
  if (!secret || !signature) throw new Error('missing signature or secret')
  return stripeClient().webhooks.constructEvent(rawBody, signature, secret)
}
