import { sql } from 'drizzle-orm'
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'
import { databasePool, db } from './db.server'
import { queues } from './jobs.server'
import { logger } from './logger.server'
import { singleton } from './singleton.server'

/**
 * What /metrics shows, in Prometheus's text format. Requests are counted by this process as they are answered;
 * job queues, the outbox and the database pool are read from PostgreSQL at each scrape, so any web process tells
 * the same about the queues whichever process runs the jobs.
 */

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])

function createMetrics() {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const registers = [registry]
  return {
    registry,
    requestDuration: new Histogram({
      name: 'hub_http_request_duration_seconds',
      help: 'Time to answer a request, until its last byte was sent, by route (the Remix route id, never the raw path)',
      labelNames: ['method', 'route'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    responses: new Counter({
      name: 'hub_http_responses_total',
      help: 'Answers given, by route and status ("aborted": the client left before the answer was complete)',
      labelNames: ['method', 'route', 'status'] as const,
      registers,
    }),
    queueDepth: new Gauge({ name: 'hub_job_queue_depth', help: 'Jobs waiting to run (created or waiting to retry), by queue', labelNames: ['queue'] as const, registers }),
    queueActive: new Gauge({ name: 'hub_job_queue_active', help: 'Jobs running now, by queue', labelNames: ['queue'] as const, registers }),
    queueFailed: new Gauge({
      name: 'hub_job_queue_failed',
      help: 'Jobs that failed after their last retry and are not archived yet (pg-boss archives them after 12 hours), by queue',
      labelNames: ['queue'] as const,
      registers,
    }),
    outboxWaiting: new Gauge({ name: 'hub_email_outbox_waiting', help: 'Emails in the outbox waiting to be sent (including those being retried)', registers }),
    outboxRetrying: new Gauge({ name: 'hub_email_outbox_retrying', help: 'Waiting emails whose delivery has already failed at least once', registers }),
    outboxFailed: new Gauge({ name: 'hub_email_outbox_failed', help: 'Emails given up on (status failed)', registers }),
    outboxOldest: new Gauge({ name: 'hub_email_outbox_oldest_waiting_seconds', help: 'Age of the oldest waiting email (0 when none waits)', registers }),
    poolMax: new Gauge({ name: 'hub_db_pool_max', help: 'Connections this process may open to PostgreSQL', registers }),
    poolOpen: new Gauge({ name: 'hub_db_pool_open', help: 'Connections this process has open to PostgreSQL (pg_stat_activity)', registers }),
    poolInUse: new Gauge({
      name: 'hub_db_pool_in_use',
      help: 'Connections of this process running a query or holding a transaction, not counting the scrape itself',
      registers,
    }),
    databaseUp: new Gauge({ name: 'hub_metrics_database_up', help: '1 when the readings from PostgreSQL succeeded at this scrape, 0 when it was unreachable', registers }),
  }
}

const metrics = () => singleton('metrics', createMetrics)

/** Records one answered request. `route` must come from a bounded set (route ids), never from the raw path. */
export function recordRequest(input: { method: string; route: string; status: number | 'aborted'; seconds: number }) {
  const method = METHODS.has(input.method) ? input.method : 'OTHER'
  const m = metrics()
  m.requestDuration.observe({ method, route: input.route }, input.seconds)
  m.responses.inc({ method, route: input.route, status: String(input.status) })
}

interface QueueRow extends Record<string, unknown> {
  name: string
  waiting: number
  active: number
  failed: number
}

/** Reads the queues, the outbox and this process's connections: one statement each, at each scrape. */
async function readDatabaseGauges() {
  const m = metrics()
  const names = Object.values(queues)
  const [jobs, outbox, pool] = await Promise.all([
    db.execute<QueueRow>(sql`
      select name,
             count(*) filter (where state in ('created', 'retry'))::int as waiting,
             count(*) filter (where state = 'active')::int as active,
             count(*) filter (where state = 'failed')::int as failed
      from pgboss.job where name in ${names} group by name`),
    db.execute<{ waiting: number; retrying: number; failed: number; oldest: number }>(sql`
      select count(*) filter (where status = 'queued')::int as waiting,
             count(*) filter (where status = 'queued' and attempts > 0)::int as retrying,
             count(*) filter (where status = 'failed')::int as failed,
             coalesce(extract(epoch from now() - min(created_at) filter (where status = 'queued')), 0)::float8 as oldest
      from email_outbox`),
    db.execute<{ open: number; in_use: number }>(sql`
      select count(*)::int as open,
             count(*) filter (where state is distinct from 'idle' and pid <> pg_backend_pid())::int as in_use
      from pg_stat_activity where application_name = ${databasePool.applicationName}`),
  ])
  const byQueue = new Map(Array.from(jobs).map((row) => [row.name, row]))
  for (const queue of names) {
    const row = byQueue.get(queue)
    m.queueDepth.set({ queue }, row?.waiting ?? 0)
    m.queueActive.set({ queue }, row?.active ?? 0)
    m.queueFailed.set({ queue }, row?.failed ?? 0)
  }
  const [mail] = Array.from(outbox)
  m.outboxWaiting.set(mail?.waiting ?? 0)
  m.outboxRetrying.set(mail?.retrying ?? 0)
  m.outboxFailed.set(mail?.failed ?? 0)
  m.outboxOldest.set(Number(mail?.oldest ?? 0))
  const [connections] = Array.from(pool)
  m.poolOpen.set(connections?.open ?? 0)
  m.poolInUse.set(connections?.in_use ?? 0)
}

/** The text a scraper reads. While PostgreSQL is unreachable it still answers, with the readings left out. */
export async function metricsText() {
  const m = metrics()
  m.poolMax.set(databasePool.max)
  try {
    await readDatabaseGauges()
    m.databaseUp.set(1)
  } catch (error) {
    logger().warn({ err: error }, 'metrics: the readings from PostgreSQL failed')
    for (const gauge of [m.queueDepth, m.queueActive, m.queueFailed, m.outboxWaiting, m.outboxRetrying, m.outboxFailed, m.outboxOldest, m.poolOpen, m.poolInUse]) gauge.reset()
    m.databaseUp.set(0)
  }
  return { contentType: m.registry.contentType, body: await m.registry.metrics() }
}
