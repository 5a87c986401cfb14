import { sql, type SQL } from 'drizzle-orm'
import PgBoss from 'pg-boss'
import { outageCode } from './database-outage.server'
import type { Db } from './db.server'
import { env, runsJobs, type HubRole } from './env.server'
import { logger } from './logger.server'
import { dropSingleton, existingSingleton, singleton } from './singleton.server'

export const queues = {
  sendEmail: 'email.send',
  cleanSessions: 'maintenance.clean-sessions',
  refreshSuggestions: 'matching.refresh',
  expireMatches: 'matching.expire',
  projectReminders: 'projects.reminders',
  reconcileContributions: 'fund.reconcile',
  instantAlerts: 'alerts.instant',
  dailyAlerts: 'alerts.daily',
  weeklyAlerts: 'alerts.weekly',
  suggestionDigest: 'matching.suggestion-digest',
} as const
export type QueueName = (typeof queues)[keyof typeof queues]

/**
 * Email delivery retries once a minute, without backoff, for three days. Mail waiting for an SMTP server that has
 * come back must leave within minutes: with pg-boss's exponential backoff (it has no cap on the delay; 10.x has no
 * `retryDelayMax`) the delay doubled to many minutes, then hours, so one outage delayed mail long after it ended
 * (measured: up to ~4 minutes after 15 s doubling; later tries wait far longer). A fixed delay bounds the wait at
 * 60 s plus the polling interval, plus one attempt in flight (nodemailer gives up on a silent server after 2
 * minutes). 4,320 tries of a minute span 72 hours — a weekend outage — within pg-boss's 14-day retention of a
 * waiting job; a mail still undelivered then is marked failed in the outbox and shown to the secretariat. Each
 * try of a waiting mail costs one connection attempt to the SMTP server and one row update, once a minute.
 */
export const emailRetry = { retryLimit: 3 * 24 * 60, retryDelay: 60, retryBackoff: false } as const

const retryPolicy: Record<QueueName, Partial<Omit<PgBoss.Queue, 'name'>>> = {
  [queues.sendEmail]: emailRetry,
  [queues.cleanSessions]: { retryLimit: 1 },
  [queues.expireMatches]: { retryLimit: 1 },
  [queues.projectReminders]: { retryLimit: 2, retryDelay: 300 },
  [queues.reconcileContributions]: { retryLimit: 3, retryDelay: 120, retryBackoff: true },
  // A failed run is simply the next minute's run; a digest is retried (what it sent stays sent: alert_sent_items).
  [queues.instantAlerts]: { retryLimit: 0 },
  [queues.dailyAlerts]: { retryLimit: 3, retryDelay: 300 },
  [queues.weeklyAlerts]: { retryLimit: 3, retryDelay: 300 },
  // A retry sends only what the failed run did not: each request is recorded once per person (suggestion_digest_items).
  [queues.suggestionDigest]: { retryLimit: 2, retryDelay: 600 },
  // One queued refresh per request or offer (singletonKey): edits in quick succession fold into one run.
  [queues.refreshSuggestions]: { policy: 'stately', retryLimit: 5, retryDelay: 10, retryBackoff: true },
}

let stopping = false

/** The process's pg-boss if it was started, without starting it. */
const startedBoss = () => existingSingleton<Promise<PgBoss>>('pg-boss')

/**
 * Called first thing on shutdown: the database may go away under the queue, and that is expected then; and the
 * workers take no new job while requests drain (those in progress go on, and stopJobQueue waits for them).
 */
export async function jobQueueStopping() {
  stopping = true
  const boss = await startedBoss()?.catch(() => null)
  if (boss) await Promise.all(Object.values(queues).map((name) => boss.offWork(name)))
}

/**
 * pg-boss as a process of `role` runs it. Only job-running processes keep the cron monitor (which turns the
 * schedules stored in the database into jobs, leader-elected through the database) and the maintenance
 * supervisor; a `web` process only sends jobs, so any number of web processes add no timers to the database.
 */
export function jobQueueOptions(url: string, role: HubRole): PgBoss.ConstructorOptions {
  const jobs = runsJobs(role)
  return { connectionString: url, max: 4, schema: 'pgboss', schedule: jobs, supervise: jobs }
}

async function startBoss() {
  const { DATABASE_URL: url, HUB_ROLE: role } = env()
  if (!url) throw new Error('DATABASE_URL is not set')
  const boss = new PgBoss(jobQueueOptions(url, role))
  let lastOutageLog = 0
  boss.on('error', (error: Error & { code?: string }) => {
    if (stopping) return
    // While the database is away every poll fails: say so every minute, not every two seconds.
    const outage = outageCode(error)
    if (outage === null) return void logger().error({ error: error.message, code: error.code }, 'job queue error')
    if (Date.now() - lastOutageLog < 60_000) return
    lastOutageLog = Date.now()
    logger().warn({ code: outage }, 'job queue: the database cannot be reached; jobs wait until it is back')
  })
  await boss.start()
  for (const [name, policy] of Object.entries(retryPolicy)) {
    await boss.createQueue(name, { name, ...policy })
    // createQueue keeps an existing queue as it was: a changed policy reaches databases made before the change.
    await boss.updateQueue(name, { name, ...policy })
  }
  return boss
}

/** The process's pg-boss instance, started on first use. */
export function jobQueue(): Promise<PgBoss> {
  return singleton('pg-boss', () => startBoss())
}

/**
 * pg-boss speaks `$1`-numbered SQL; this runs it through the caller's drizzle transaction so a job is
 * enqueued if, and only if, the change that caused it commits.
 */
function transactional(tx: Db) {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const parts = text.split(/\$(\d+)/)
      const chunks: SQL[] = []
      parts.forEach((part, index) => {
        if (index % 2 === 0) chunks.push(sql.raw(part))
        else {
          const value = values[Number(part) - 1]
          const isJson = value !== null && typeof value === 'object' && !(value instanceof Date)
          chunks.push(sql`${isJson ? JSON.stringify(value) : (value ?? null)}`)
        }
      })
      const rows = await tx.execute(sql.join(chunks))
      return { rows: Array.from(rows) as unknown[] }
    },
  }
}

export async function enqueue(tx: Db, name: QueueName, data: object, options: PgBoss.SendOptions = {}) {
  const boss = await jobQueue()
  return boss.send(name, data, { ...options, db: transactional(tx) })
}

export async function stopJobQueue() {
  stopping = true
  const pending = startedBoss()
  if (!pending) return
  dropSingleton('pg-boss')
  const boss = await pending.catch(() => null)
  await boss?.stop({ graceful: true, wait: true, timeout: 10_000 })
}
