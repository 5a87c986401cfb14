import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import path from 'node:path'
import { eq, sql } from 'drizzle-orm'
import postgres from 'postgres'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import journal from '#db/migrations/meta/_journal.json' with { type: 'json' }
import { emailOutbox } from '#db/schema/index'
import { isBuildCurrent } from '~/server/build'
import { db } from '~/utils/db.server'
import { queueEmail } from '~/utils/email.server'
import { resetEnvCache } from '~/utils/env.server'
import { stopJobQueue } from '~/utils/jobs.server'
import { createDatabase, databaseUrl, dropDatabase } from '../setup/database'
import { refusesConnections, serveEnvironment, startServe, statusOf, testPort, until, type ServeProcess } from '../support/serve-process'

// `npm run serve`, the production start, as real processes: it refuses to start without what it needs, serves
// a build it never makes, runs the role it is given, and on SIGTERM drains requests and jobs before exiting 0.
const buildDir = path.resolve('.data/serve-test-build')
const server = inject('testDatabaseServer')
const created: string[] = []
const started: ServeProcess[] = []

async function freshDatabase() {
  const name = `${inject('testDatabasePrefix')}_serve_${randomBytes(3).toString('hex')}`
  await createDatabase(server, name)
  created.push(name)
  return databaseUrl(server, name)
}

function serve(settings: Record<string, string | undefined>) {
  const hub = startServe(serveEnvironment(settings))
  started.push(hub)
  return hub
}

/** `npm run build` into the tests' own build folder, once (and again only when the sources changed). */
async function buildOnce() {
  if (isBuildCurrent(buildDir)) return
  const child = spawn('npm', ['run', 'build'], { env: { ...process.env, NODE_ENV: 'production', HUB_BUILD_DIR: buildDir }, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const [code] = (await once(child, 'close')) as [number | null]
  if (code !== 0) throw new Error(`npm run build failed:\n${output}`)
}

afterAll(async () => {
  // A test that failed half-way leaves its Hub running: stop it before its database is dropped.
  for (const hub of started) {
    hub.terminate()
    await hub.exited
  }
  for (const name of created) await dropDatabase(server, name)
})

describe('npm run serve refuses to start without what it needs, in one line', () => {
  test('without DATABASE_URL: one line naming it, exit 1', { timeout: 120_000 }, async () => {
    const hub = serve({ PORT: String(await testPort(0)), HUB_BUILD_DIR: buildDir })
    expect((await hub.exited).code).toBe(1)
    expect(hub.stderr().trim().split('\n')).toEqual([expect.stringMatching(/^DATABASE_URL is not set: npm run serve needs a PostgreSQL server/)])
  })

  test('without a build: one line saying to run npm run build, exit 1', { timeout: 120_000 }, async () => {
    const hub = serve({ PORT: String(await testPort(0)), DATABASE_URL: process.env.DATABASE_URL, HUB_BUILD_DIR: '.data/serve-test-no-build' })
    expect((await hub.exited).code).toBe(1)
    expect(hub.stderr().trim().split('\n')).toEqual(['There is no build in .data/serve-test-no-build/: run npm run build first (npm run serve never builds).'])
  })
})

describe('npm run serve in production', () => {
  beforeAll(buildOnce, 30 * 60_000)

  test('HUB_ROLE=web migrates a fresh database, loads no demo data, has no development tools, and drains a request in progress on SIGTERM', { timeout: 300_000 }, async () => {
    const url = await freshDatabase()
    const port = await testPort(1)
    const origin = `http://127.0.0.1:${port}`
    // DEMO_DATA=on and DEV_TOOLS=on are what a local demo could ask for; a production start ignores both.
    const hub = serve({ HUB_ROLE: 'web', PORT: String(port), DATABASE_URL: url, HUB_BUILD_DIR: buildDir, DEMO_DATA: 'on', DEV_TOOLS: 'on' })
    await until('the web process to answer /healthz', async () => (await statusOf(`${origin}/healthz`)) === 200, { seconds: 180, process: hub })

    const database = postgres(url, { max: 2, onnotice: () => {} })
    try {
      const [state] = await database<{ migrations: number; users: number; schedules: boolean }[]>`
        select (select count(*)::int from drizzle.__drizzle_migrations) as migrations,
               (select count(*)::int from users) as users,
               to_regclass('pgboss.schedule') is not null as schedules`
      expect(state).toEqual({ migrations: journal.entries.length, users: 0, schedules: expect.any(Boolean) })
      // A web process registers no schedules (its job queue, if started at all, only sends).
      if (state!.schedules) expect(await database`select name from pgboss.schedule`).toHaveLength(0)
      expect(await statusOf(`${origin}/dev/outbox`)).toBe(404)

      // A request in progress: the open-data list of requests, held up by a lock on the table it reads.
      let release!: () => void
      const released = new Promise<void>((resolve) => (release = resolve))
      let locked!: () => void
      const isLocked = new Promise<void>((resolve) => (locked = resolve))
      const holding = database.begin(async (tx) => {
        await tx`lock table requests in access exclusive mode`
        locked()
        await released
      })
      await isLocked
      const slow = fetch(`${origin}/api/v1/requests`, { signal: AbortSignal.timeout(120_000) })
      await until('the request to wait on the lock', async () => {
        const [row] = await database<{ n: number }[]>`
          select count(*)::int as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock' and query ilike '%requests%'`
        return row!.n > 0
      })

      hub.terminate()
      // The process stops accepting connections while the request is still in progress…
      await until('the web process to refuse new connections', () => refusesConnections(port), { seconds: 60 })
      release()
      await holding
      // …and the request finishes, whole.
      const response = await slow.catch((error: unknown) => {
        throw new Error(`the request in progress failed (${String(error)}); the Hub said:\n${hub.output()}`)
      })
      expect(response.status).toBe(200)
      expect(await response.json()).toMatchObject({ items: [], total: 0 })
      expect(await hub.exited, hub.output()).toEqual({ code: 0, signal: null })
      expect(hub.output()).toMatch(/SIGTERM received/)
    } finally {
      await database.end({ timeout: 5 })
    }
  })
})

/** A real SMTP server that holds each message until told to accept it, so a delivery can be caught in progress. */
async function holdingSmtp(port: number) {
  let receiving!: () => void
  const isReceiving = new Promise<void>((resolve) => (receiving = resolve))
  let accept!: () => void
  const accepted = new Promise<void>((resolve) => (accept = resolve))
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, _session, callback) => {
      stream.resume()
      stream.on('end', () => {
        receiving()
        void accepted.then(() => callback())
      })
    },
  })
  smtp.on('error', () => {})
  smtp.listen(port, '127.0.0.1')
  await once(smtp.server, 'listening')
  return { isReceiving, accept, close: () => new Promise<void>((resolve) => smtp.close(() => resolve())) }
}

describe('HUB_ROLE=worker', () => {
  test('runs the schedules and jobs, serves no pages but a probe, and lets a job in progress finish on SIGTERM', { timeout: 300_000 }, async () => {
    const [port, smtpPort] = [await testPort(2), await testPort(3)]
    const smtp = await holdingSmtp(smtpPort)
    try {
      // A worker needs no build: it serves no pages.
      const hub = serve({
        HUB_ROLE: 'worker',
        PORT: String(port),
        DATABASE_URL: process.env.DATABASE_URL,
        HUB_BUILD_DIR: '.data/serve-test-no-build',
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      })
      const probe = `http://127.0.0.1:${port}`
      await until('the worker to answer /healthz', async () => (await statusOf(`${probe}/healthz`)) === 200, { seconds: 180, process: hub })
      expect(await statusOf(`${probe}/`)).toBe(404)
      // The same probes as a web process's, so one liveness check fits every process of the deployment.
      expect(await statusOf(`${probe}/livez`)).toBe(200)
      expect(await statusOf(`${probe}/healthz?from=balancer`)).toBe(200)
      const schedules = await db.execute<{ name: string }>(sql`select name from pgboss.schedule order by name`)
      expect(Array.from(schedules, (row) => row.name)).toEqual(['alerts.daily', 'alerts.instant', 'alerts.weekly', 'fund.reconcile', 'maintenance.clean-sessions', 'matching.expire', 'matching.refresh', 'matching.suggestion-digest', 'projects.reminders'])

      // This test process plays a web process: it stores an email and enqueues its delivery, nothing more.
      process.env.HUB_ROLE = 'web'
      resetEnvCache()
      const emailId = await db.transaction((tx) =>
        queueEmail(tx, { kind: 'security', to: 'drain@example.org', subject: 'Drain', text: 'Delivered while the worker stops.', template: 'test' }),
      )
      await smtp.isReceiving
      hub.terminate()
      // The worker has begun to stop (its probe is closed) while the delivery is still waiting on the SMTP server.
      await until('the worker probe to close', () => refusesConnections(port), { seconds: 60 })
      smtp.accept()

      expect(await hub.exited, hub.output()).toEqual({ code: 0, signal: null })
      const [email] = await db.select({ status: emailOutbox.status }).from(emailOutbox).where(eq(emailOutbox.id, emailId))
      expect(email?.status).toBe('sent')
      const [job] = await db.execute<{ state: string }>(sql`select state from pgboss.job where name = 'email.send' and data->>'emailId' = ${emailId}`)
      expect(job?.state).toBe('completed')
    } finally {
      delete process.env.HUB_ROLE
      resetEnvCache()
      await stopJobQueue()
      await smtp.close()
    }
  })
})
