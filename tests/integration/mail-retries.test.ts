import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import nodemailer from 'nodemailer'
import { describe, expect, test } from 'vitest'
import { freePort } from '#db/embedded'
import { loader as mailPage } from '~/routes/secretariat.mail'
import { db } from '~/utils/db.server'
import { deliverEmail, mailDeliveryReport, queueEmail } from '~/utils/email.server'
import { emailRetry, jobQueue, queues, stopJobQueue } from '~/utils/jobs.server'
import { createUser, uniqueEmail, uniqueSuffix } from '../factories'
import { signedInGet } from './route-support'

// Mail waiting for an SMTP server that has come back must leave within 5 minutes, however long the server was
// away; and the secretariat sees what waits and what failed. The delays are pg-boss's own: a job is failed the
// way the worker fails it, and the time pg-boss sets for the next try is read from its table.

/** When pg-boss will try `jobId` again after a failure on its `triesSoFar`-th retry, in seconds from now. */
async function nextTryAfterFailing(jobId: string, triesSoFar: number) {
  const boss = await jobQueue()
  await db.execute(sql`update pgboss.job set start_after = now() where id = ${jobId}`)
  const [fetched] = await boss.fetch(queues.sendEmail, { batchSize: 100, includeMetadata: true }).then((jobs) => jobs.filter((job) => job.id === jobId))
  expect(fetched, 'the job could be fetched').toBeDefined()
  // As if the job had already failed `triesSoFar` times (an outage of that many minutes).
  await db.execute(sql`update pgboss.job set retry_count = ${triesSoFar} where id = ${jobId}`)
  await boss.fail(queues.sendEmail, jobId, { message: 'connect ECONNREFUSED' })
  const rows = await db.execute(sql`select state, extract(epoch from start_after - now())::float8 as wait from pgboss.job where id = ${jobId}`)
  return rows[0] as { state: string; wait: number }
}

describe('the delivery queue’s retries', () => {
  test('pg-boss schedules the next try within 5 minutes at any point of an outage, for three days', async () => {
    const boss = await jobQueue()
    const jobId = (await boss.send(queues.sendEmail, { emailId: randomUUID() }))!
    // Early in an outage, after an hour, after a day, and on the last retry.
    for (const triesSoFar of [0, 1, 4, 8, 15, 60, 24 * 60, emailRetry.retryLimit - 1]) {
      const next = await nextTryAfterFailing(jobId, triesSoFar)
      expect(next.state, `after ${triesSoFar} tries`).toBe('retry')
      expect(next.wait, `after ${triesSoFar} tries the next is ${next.wait} s away`).toBeLessThanOrEqual(5 * 60)
    }
    // Enough tries to outlast a weekend outage, and pg-boss keeps a waiting job that long.
    expect(emailRetry.retryLimit * emailRetry.retryDelay).toBeGreaterThanOrEqual(72 * 3600)
    const [kept] = await db.execute(sql`select extract(epoch from keep_until - created_on)::float8 as seconds from pgboss.job where id = ${jobId}`)
    expect((kept as { seconds: number }).seconds).toBeGreaterThan(emailRetry.retryLimit * emailRetry.retryDelay)
  })

  test('a database made with the old policy (doubling delays) gets the new one when the Hub starts', async () => {
    const boss = await jobQueue()
    await boss.updateQueue(queues.sendEmail, { name: queues.sendEmail, retryLimit: 14, retryDelay: 15, retryBackoff: true })
    // With the old policy, a mail that had waited through 8 tries would wait many minutes more.
    const old = (await boss.send(queues.sendEmail, { emailId: randomUUID() }))!
    expect((await nextTryAfterFailing(old, 8)).wait).toBeGreaterThan(5 * 60)

    await stopJobQueue()
    const restarted = await jobQueue()
    expect(await restarted.getQueue(queues.sendEmail)).toMatchObject({ retryLimit: emailRetry.retryLimit, retryDelay: 60, retryBackoff: false })
  })
})

const deadTransport = async () => nodemailer.createTransport({ host: '127.0.0.1', port: await freePort(), secure: false, ignoreTLS: true, connectionTimeout: 2_000 })

async function queueTestEmail(to = uniqueEmail('waiting')) {
  const subject = `Waiting message ${uniqueSuffix()}`
  const id = await db.transaction((tx) => queueEmail(tx, { kind: 'security', to, subject, text: `The secret link: http://hub.test/reset-password?token=${uniqueSuffix()}`, template: 'test' }))
  return { id, to, subject }
}

describe('what the secretariat sees of the outbox', () => {
  test('how many wait, how many failed, the latest failures with recipient, subject and the server’s answer — never a body', async () => {
    const before = await mailDeliveryReport(db)
    const untried = await queueTestEmail()
    const retrying = await queueTestEmail()
    const givenUp = await queueTestEmail()
    const transport = await deadTransport()
    await expect(deliverEmail(db, retrying.id, transport)).rejects.toThrow()
    await expect(deliverEmail(db, givenUp.id, transport)).rejects.toThrow()
    // The worker says when a try is the queue's last: the email is then marked failed.
    await expect(deliverEmail(db, givenUp.id, transport, { lastAttempt: true })).rejects.toThrow()

    const report = await mailDeliveryReport(db)
    expect(report.waiting - before.waiting).toBe(2)
    expect(report.retrying - before.retrying).toBe(1)
    expect(report.failed - before.failed).toBe(1)
    expect(report.oldestWaiting).toBeInstanceOf(Date)
    const shown = report.failures.filter((mail) => [retrying.id, givenUp.id, untried.id].includes(mail.id))
    expect(shown).toEqual([
      expect.objectContaining({ id: givenUp.id, to: givenUp.to, subject: givenUp.subject, status: 'failed', attempts: 2, lastError: expect.stringMatching(/ECONNREFUSED|connect/i) }),
      expect.objectContaining({ id: retrying.id, to: retrying.to, status: 'queued', attempts: 1 }),
    ])
    expect(JSON.stringify(report)).not.toContain('secret link')
  })

  test('the page is the secretariat’s: its loader answers staff, and 403 to anyone else', async () => {
    const secretariat = await createUser({ role: 'secretariat' })
    const page = await mailPage({ request: await signedInGet(secretariat, '/secretariat/mail'), params: {}, context: { cspNonce: '' } })
    expect(page.report.waiting).toBeGreaterThanOrEqual(0)
    const someone = await createUser()
    const refused = await mailPage({ request: await signedInGet(someone, '/secretariat/mail'), params: {}, context: { cspNonce: '' } }).catch((thrown: unknown) => thrown)
    expect(refused).toBeInstanceOf(Response)
    expect((refused as Response).status).toBe(403)
  })
})
