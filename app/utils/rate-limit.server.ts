import { sql } from 'drizzle-orm'
import type { Db } from './db.server'
import { env } from './env.server'

export interface RateLimitResult {
  allowed: boolean
  retryAfterSeconds: number
}

/**
 * Counts one attempt against `key` in a fixed window. The counter lives in PostgreSQL and is updated in a
 * single statement, so the limit holds across every app instance and under concurrent requests.
 */
export async function hitRateLimit(db: Db, key: string, limit: number, windowMs: number): Promise<RateLimitResult> {
  const seconds = windowMs / 1000
  const rows = await db.execute<{ hits: number; window_start: Date | string }>(sql`
    insert into rate_limits as r (key, window_start, hits) values (${key}, now(), 1)
    on conflict (key) do update set
      hits = case when r.window_start <= now() - make_interval(secs => ${seconds}) then 1 else r.hits + 1 end,
      window_start = case when r.window_start <= now() - make_interval(secs => ${seconds}) then now() else r.window_start end
    returning hits, window_start`)
  const row = rows[0]
  if (!row) return { allowed: true, retryAfterSeconds: 0 }
  const windowEnds = new Date(row.window_start).getTime() + windowMs
  return {
    allowed: row.hits <= limit,
    retryAfterSeconds: Math.max(1, Math.ceil((windowEnds - Date.now()) / 1000)),
  }
}

/** An attempt counted by `countSensitiveAttempt`: refused over a limit, or allowed with a way to forget its account's misses. */
export type SensitiveAttempt =
  | { blocked: RateLimitResult; forget?: never }
  | {
      blocked: null
      /**
       * The attempt succeeded: forget the account's earlier attempts. The per-account limit is there to stop
       * guessing, not to lock out a person who signs in often (a focal point on several devices, a secretariat
       * member between meetings). The per-address count stays, so spraying from one client is still limited.
       */
      forget: () => Promise<void>
    }

/**
 * Counts an attempt at a sensitive form (login, signup, password reset, a second factor) per client IP and, when
 * known, per account. Over either limit it says how long to wait; otherwise the attempt may proceed, and a caller
 * whose attempt succeeds calls its `forget()` — the only way an account's attempts are forgotten.
 */
export async function countSensitiveAttempt(db: Db, request: Request, scope: string, account: string | null): Promise<SensitiveAttempt> {
  const config = env()
  const windowMs = config.RATE_LIMIT_WINDOW_MINUTES * 60_000
  const ip = request.headers.get('X-Hub-Client-Ip') ?? 'unknown'
  const accountKey = account ? `${scope}:account:${account.toLowerCase()}` : null
  const checks = [hitRateLimit(db, `${scope}:ip:${ip}`, config.RATE_LIMIT_IP_PER_WINDOW, windowMs)]
  if (accountKey) checks.push(hitRateLimit(db, accountKey, config.RATE_LIMIT_ACCOUNT_PER_WINDOW, windowMs))
  const results = await Promise.all(checks)
  const blocked = results.find((r) => !r.allowed)
  if (blocked) return { blocked }
  return {
    blocked: null,
    forget: async () => {
      if (accountKey) await db.execute(sql`delete from rate_limits where key = ${accountKey}`)
    },
  }
}
