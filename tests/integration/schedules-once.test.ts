import { sql } from 'drizzle-orm'
import PgBoss from 'pg-boss'
import { describe, expect, test } from 'vitest'
import { db } from '~/utils/db.server'
import { jobQueueOptions } from '~/utils/jobs.server'
import { until } from '../support/serve-process'

// Every worker process calls boss.schedule() on start. pg-boss keeps schedules in the database (one row per
// queue name), and its cron monitor is leader-elected there: a run first moves pgboss.version.cron_on forward
// (only one instance wins each interval), and what it sends for a tick carries a singleton key and a 60-second
// slot, so the same minute is never sent twice. This test watches two worker-role instances do it.
const QUEUE = 'test.every-minute'

async function one<T>(query: ReturnType<typeof sql>) {
  const [row] = await db.execute<T & Record<string, unknown>>(query)
  return row!
}
const databaseNow = () => one<{ now: Date }>(sql`select now() as now`).then((r) => new Date(r.now))
const jobCount = () => one<{ n: number }>(sql`select count(*)::int as n from pgboss.job where name = ${QUEUE}`).then((r) => r.n)
/** When a cron monitor last ran (milliseconds since the epoch, database time). */
const cronRun = () => one<{ at: number | null }>(sql`select (extract(epoch from cron_on) * 1000)::float8 as at from pgboss.version`).then((r) => r.at)
const ticksWaiting = () =>
  one<{ n: number }>(sql`
    select count(*)::int as n from pgboss.job
    where name = '__pgboss__send-it' and data->>'name' = ${QUEUE} and state in ('created', 'retry', 'active')`).then((r) => r.n)


const minuteOf = (epochMs: number) => Math.floor(epochMs / 60_000)

describe('scheduled jobs with several worker processes', () => {
  test('two worker-role instances on one database turn each tick of a schedule into one job', { timeout: 240_000 }, async () => {
    // Start in the first half of a minute so the watch below usually sees a single tick (a second one is
    // allowed for, and counted, if the machine is slow enough to cross into the next minute).
    await until('the first half of a minute', async () => (await databaseNow()).getUTCSeconds() < 30, { seconds: 70 })
    const url = process.env.DATABASE_URL!
    // Both monitors check every second (the app's workers every 30 s), so they contend for every run.
    const workers = [1, 2].map(() => new PgBoss({ ...jobQueueOptions(url, 'worker'), cronMonitorIntervalSeconds: 1, cronWorkerIntervalSeconds: 1 }))
    // The minutes in which a monitor ran: each run sends the current minute's tick unless it was already sent.
    const minutesWithRuns = new Set<number>()
    let cronRuns = 0
    let last = await cronRun()
    const watchRuns = async () => {
      const now = await cronRun()
      if (now !== last) {
        cronRuns++
        last = now
        if (now !== null) minutesWithRuns.add(minuteOf(now))
      }
    }
    try {
      await Promise.all(workers.map((boss) => boss.start()))
      await workers[0]!.createQueue(QUEUE)
      // Each worker process registers the schedule, as startWorkers() does: the second call updates the same row.
      await Promise.all(workers.map((boss) => boss.schedule(QUEUE, '* * * * *', { from: 'schedule' })))
      expect(await one<{ n: number }>(sql`select count(*)::int as n from pgboss.schedule where name = ${QUEUE}`)).toEqual({ n: 1 })

      await until('the first scheduled job', async () => (await watchRuns(), (await jobCount()) > 0))
      // Watch the monitors run several more times; each run would send the current minute again if nothing deduplicated it.
      const runsBefore = cronRuns
      await until('five more cron monitor runs', async () => (await watchRuns(), cronRuns >= runsBefore + 5))
      await until('every tick sent to the queue', async () => (await watchRuns(), (await ticksWaiting()) === 0))
    } finally {
      await Promise.all(workers.map((boss) => boss.stop({ graceful: false, wait: true, timeout: 5_000 })))
    }
    await watchRuns()

    expect(cronRuns).toBeGreaterThan(minutesWithRuns.size + 4) // without deduplication there would be a job per run
    // One job per minute in which the monitors ran (a tick caught by the stop is counted where it waits).
    expect((await jobCount()) + (await ticksWaiting())).toBe(minutesWithRuns.size)
  })
})
