import { z } from 'zod'

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
  RATE_LIMIT_IP_PER_WINDOW: z.coerce.number().int().min(1).default(30),
  RATE_LIMIT_ACCOUNT_PER_WINDOW: z.coerce.number().int().min(1).default(10),
  RATE_LIMIT_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  DEV_TOOLS: flag.default('auto'),
  /** Set by the start script when it started the embedded database (a local demo, never production). */
  HUB_EMBEDDED_DATABASE: z.enum(['0', '1']).default('0'),
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

/**
 * Demo aids such as /dev/outbox (which shows password-reset links) exist only on a local demo: by default
 * when the Hub runs on its embedded database, or when DEV_TOOLS=on says so explicitly.
 */
export function devToolsEnabled() {
  const { DEV_TOOLS, HUB_EMBEDDED_DATABASE } = env()
  return DEV_TOOLS === 'on' || (DEV_TOOLS === 'auto' && HUB_EMBEDDED_DATABASE === '1')
}

/** The only configuration the browser ever receives. */
export function publicEnv() {
  return { devTools: devToolsEnabled() }
}
