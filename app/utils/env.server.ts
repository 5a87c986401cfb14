import { z } from 'zod'
import { isLoopback } from './network.server'

const flag = z.enum(['on', 'off', 'auto'])

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z.string().url().optional(),
  APP_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(12 * 60),
  SESSION_ABSOLUTE_DAYS: z.coerce.number().int().min(1).default(30),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('Connection Hub <no-reply@connection-hub.local>'),
  DEMO_DATA: flag.default('auto'),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  UPLOAD_LIMIT_BYTES: z.coerce.number().int().min(1024).default(10 * 1024 * 1024 + 256 * 1024),
  RATE_LIMIT_IP_PER_WINDOW: z.coerce.number().int().min(1).default(30),
  RATE_LIMIT_ACCOUNT_PER_WINDOW: z.coerce.number().int().min(1).default(10),
  RATE_LIMIT_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  API_RATE_LIMIT_PER_WINDOW: z.coerce.number().int().min(1).default(600),
  /** `false`, a number of proxy hops, or addresses/subnets of trusted proxies (Express syntax, e.g. `loopback`). */
  TRUST_PROXY: z
    .string()
    .regex(/^(false|\d{1,2}|[\w.:/, -]+)$/)
    .refine((v) => v !== 'true', 'trusting every proxy lets clients forge their address: give a hop count or proxy addresses')
    .default('false'),
  DEV_TOOLS: flag.default('auto'),
  /** What this process runs: `web` serves pages and only enqueues jobs, `worker` runs jobs and schedules, `all` both. */
  HUB_ROLE: z.enum(['web', 'worker', 'all']).default('all'),
  /** Lets a scraper that is not on this machine read /metrics, as `Authorization: Bearer <token>`. */
  METRICS_TOKEN: z
    .string()
    .min(32, 'at least 32 characters (for example `openssl rand -hex 32`)')
    .regex(/^[\w.~+/=-]+$/, 'letters, digits and - . _ ~ + / = only (it travels in an HTTP header)')
    .optional(),
  /** Card contributions: without a secret key they are switched off (pledges still work). */
  STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_\w+$/, 'a Stripe secret key starts with sk_test_ or sk_live_').optional(),
  STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_\w+$/, 'a Stripe webhook signing secret starts with whsec_').optional(),
  /** A Stripe-compatible server instead of api.stripe.com, e.g. http://127.0.0.1:12111 (tests, local demos). */
  STRIPE_API_URL: z.string().url().optional(),
  /** Set by the start script when it started the embedded database (a local demo, never production). */
  HUB_EMBEDDED_DATABASE: z.enum(['0', '1']).default('0'),
  /** Set by the start script when NODE_ENV was not given and it chose `production` itself (a local demo may be). */
  HUB_NODE_ENV_DEFAULTED: z.enum(['0', '1']).default('0'),
})

export type Env = z.infer<typeof EnvSchema>

let cached: Env | undefined

/** Parsed once; a bad value stops the process with a message naming the variable. */
export function env(): Env {
  if (cached) return cached
  // An empty variable means "not set", as in most deployment tools.
  const given = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== ''))
  const parsed = EnvSchema.safeParse(given)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')
    throw new Error(`Invalid environment configuration:\n${problems}`)
  }
  cached = parsed.data
  return cached
}

export function resetEnvCache() {
  cached = undefined
}

export const isProduction = () => env().NODE_ENV === 'production'

export type HubRole = Env['HUB_ROLE']
/** A `web` process only sends jobs; workers and schedules belong to `worker` and `all` processes. */
export const runsJobs = (role: HubRole = env().HUB_ROLE) => role !== 'web'
export const servesPages = (role: HubRole = env().HUB_ROLE) => role !== 'worker'

/** A deployment says so: it has a public origin (APP_URL), or its operator set NODE_ENV=production. */
const isDeployment = (config: Env) => Boolean(config.APP_URL) || (config.NODE_ENV === 'production' && config.HUB_NODE_ENV_DEFAULTED === '0')

/**
 * Demo aids such as /dev/outbox (which shows password-reset links) exist only on a local demo: by default
 * when the Hub runs on its embedded database, or when DEV_TOOLS=on says so — never on a deployment, whatever
 * DEV_TOOLS says, because behind a reverse proxy every client can look like this machine.
 */
export function devToolsEnabled(config: Env = env()) {
  if (isDeployment(config)) return false
  return config.DEV_TOOLS === 'on' || (config.DEV_TOOLS === 'auto' && config.HUB_EMBEDDED_DATABASE === '1')
}

/** Demo aids expose reset links: besides being enabled, they answer only a browser on this very machine. */
export function devToolsFor(request: Request) {
  const ip = request.headers.get('X-Hub-Client-Ip') ?? ''
  return devToolsEnabled() && isLoopback(ip)
}

/**
 * The Hub's public origin: APP_URL when set. Without it the Hub is a local demo and answers only as
 * localhost; links in emails and the API are never built from a request's Host header, which a client forges.
 */
export function publicOrigin() {
  const { APP_URL, PORT } = env()
  return APP_URL ? new URL(APP_URL).origin : `http://localhost:${PORT}`
}

/** The origins a browser may post from: APP_URL's, or the loopback names of a local demo. */
export function acceptedOrigins(): string[] {
  const { APP_URL, PORT } = env()
  return APP_URL ? [new URL(APP_URL).origin] : [`http://localhost:${PORT}`, `http://127.0.0.1:${PORT}`, `http://[::1]:${PORT}`]
}

export const servesHttps = () => Boolean(env().APP_URL?.startsWith('https:'))

/** The only configuration the browser ever receives. */
export function publicEnv(request: Request) {
  return { devTools: devToolsFor(request) }
}
