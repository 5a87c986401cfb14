import { randomBytes, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { emailOutbox } from '#db/schema/index'
import { db } from '~/utils/db.server'
import { jobQueue, queues } from '~/utils/jobs.server'
import type { Server } from '../bench/processes'
import { ask, type Target } from '../support/http-client'
import { parseExposition, valueOf, type Exposition } from '../support/prometheus-text'
import { freePortIn, startTestHub } from '../support/test-hub'

/**
 * /metrics of the real Hub (built, in its own process, on this file's database): the Prometheus text parses, the
 * named metrics are there and follow what happens — requests by route, queues, the outbox, the pool — and only a
 * client on the machine or one holding METRICS_TOKEN reads it.
 */

const token = randomBytes(24).toString('hex')
let hub: Server
let direct: Target

beforeAll(async () => {
  const port = await freePortIn(4440, 4459)
  // TRUST_PROXY as behind nginx: even then, a relayed request is not a local one.
  hub = await startTestHub({ port, env: { METRICS_TOKEN: token, TRUST_PROXY: 'loopback' } })
  direct = { port }
}, 15 * 60_000)

afterAll(async () => {
  await hub?.stop()
}, 60_000)

async function scrape(headers: Record<string, string> = {}): Promise<Exposition> {
  const answer = await ask(direct, '/metrics', { headers })
  expect(answer.status, answer.body.slice(0, 200)).toBe(200)
  expect(answer.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/)
  expect(answer.headers['cache-control']).toBe('no-store')
  return parseExposition(answer.body)
}

describe('/metrics', () => {
  test('speaks the Prometheus text format and names what an operator watches', async () => {
    const metrics = await scrape()
    expect(Object.fromEntries(metrics.types)).toMatchObject({
      hub_http_request_duration_seconds: 'histogram',
      hub_http_responses_total: 'counter',
      hub_job_queue_depth: 'gauge',
      hub_job_queue_active: 'gauge',
      hub_job_queue_failed: 'gauge',
      hub_email_outbox_waiting: 'gauge',
      hub_email_outbox_retrying: 'gauge',
      hub_email_outbox_failed: 'gauge',
      hub_email_outbox_oldest_waiting_seconds: 'gauge',
      hub_db_pool_max: 'gauge',
      hub_db_pool_open: 'gauge',
      hub_db_pool_in_use: 'gauge',
      hub_metrics_database_up: 'gauge',
      process_cpu_seconds_total: 'counter',
    })
    expect(valueOf(metrics, 'hub_metrics_database_up')).toBe(1)
    for (const queue of Object.values(queues)) expect(valueOf(metrics, 'hub_job_queue_depth', { queue }), queue).toBeGreaterThanOrEqual(0)
  })

  test('each request is timed and counted under its route, never its raw path', async () => {
    const id = randomUUID()
    const before = await scrape()
    const listing = { method: 'GET', route: 'routes/requests._index' }
    const item = { method: 'GET', route: 'routes/requests.$id' }
    expect((await ask(direct, '/requests')).status).toBe(200)
    expect((await ask(direct, '/requests?q=water')).status).toBe(200)
    expect((await ask(direct, `/requests/${id}`)).status).toBe(404)
    const after = await scrape()

    const count = (m: Exposition, labels: Record<string, string>) => valueOf(m, 'hub_http_request_duration_seconds_count', labels) ?? 0
    expect(count(after, listing) - count(before, listing)).toBe(2)
    expect(count(after, item) - count(before, item)).toBe(1)
    const answered = (m: Exposition) => valueOf(m, 'hub_http_responses_total', { ...item, status: '404' }) ?? 0
    expect(answered(after) - answered(before)).toBe(1)
    expect(valueOf(after, 'hub_http_request_duration_seconds_bucket', { ...listing, le: '+Inf' })).toBe(count(after, listing))
    const labelValues = after.samples.flatMap((sample) => Object.values(sample.labels))
    expect(labelValues.some((value) => value.includes(id) || value.includes('water'))).toBe(false)
  })

  test('queue depth and failures per queue, and the outbox backlog, are read from the database', async () => {
    const before = await scrape()
    const boss = await jobQueue()
    // Jobs due in an hour stay waiting (no worker takes them yet); one of them is failed for good.
    const waiting = await boss.send(queues.sendEmail, { emailId: randomUUID() }, { startAfter: 3600 })
    const failing = await boss.send(queues.sendEmail, { emailId: randomUUID() }, { startAfter: 3600, retryLimit: 0 })
    await boss.fail(queues.sendEmail, failing!, { message: 'test failure' })
    const email = { toAddress: 'someone@example.test', subject: 'Metrics', textBody: 'Hello', template: 'test' }
    await db.insert(emailOutbox).values([
      { ...email, createdAt: new Date(Date.now() - 120_000) },
      { ...email, attempts: 2, lastError: 'connection refused' },
      { ...email, status: 'failed', attempts: 14 },
      { ...email, status: 'sent', sentAt: new Date() },
    ])
    const after = await scrape()

    const queue = { queue: queues.sendEmail }
    const delta = (name: string, labels: Record<string, string> = {}) => (valueOf(after, name, labels) ?? 0) - (valueOf(before, name, labels) ?? 0)
    expect(waiting).toBeTruthy()
    expect(delta('hub_job_queue_depth', queue)).toBe(1)
    expect(delta('hub_job_queue_failed', queue)).toBe(1)
    expect(delta('hub_email_outbox_waiting')).toBe(2)
    expect(delta('hub_email_outbox_retrying')).toBe(1)
    expect(delta('hub_email_outbox_failed')).toBe(1)
    expect(valueOf(after, 'hub_email_outbox_oldest_waiting_seconds')).toBeGreaterThanOrEqual(119)
  })

  test("the database pool: its size, and this process's open and busy connections", async () => {
    const metrics = await scrape()
    expect(valueOf(metrics, 'hub_db_pool_max')).toBe(10)
    const open = valueOf(metrics, 'hub_db_pool_open') ?? 0
    expect(open).toBeGreaterThanOrEqual(1)
    expect(open).toBeLessThanOrEqual(10)
    expect(valueOf(metrics, 'hub_db_pool_in_use')).toBeGreaterThanOrEqual(0)
    expect(valueOf(metrics, 'hub_db_pool_in_use')).toBeLessThan(open)
  })

  test('refused (404, never stored) to a client the Hub cannot tell is local, unless it holds the token', async () => {
    const relayed = { 'X-Forwarded-For': '203.0.113.9' }
    const refused: Record<string, string>[] = [
      relayed,
      { ...relayed, Authorization: `Bearer ${token}x` },
      { ...relayed, Authorization: `Bearer ${token.slice(1)}` },
      { Forwarded: 'for=203.0.113.9' },
    ]
    for (const headers of refused) {
      const answer = await ask(direct, '/metrics', { headers })
      expect(answer.status, JSON.stringify(headers)).toBe(404)
      expect(answer.headers['cache-control']).toBe('no-store')
      expect(answer.body).not.toContain('hub_')
    }
    await scrape({ ...relayed, Authorization: `Bearer ${token}` })
  })
})
