import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { eq } from 'drizzle-orm'
import nodemailer from 'nodemailer'
import { SMTPServer } from 'smtp-server'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { freePort } from '#db/embedded'
import { emailOutbox } from '#db/schema/index'
import { requestPasswordReset } from '~/domain/accounts/users.server'
import { db } from '~/utils/db.server'
import { deliverEmail, queueEmail } from '~/utils/email.server'
import { resetEnvCache } from '~/utils/env.server'
import { emailRetry, jobQueue, queues } from '~/utils/jobs.server'
import { dropSingleton } from '~/utils/singleton.server'
import { createUser, uniqueEmail, uniqueSuffix } from '../factories'
import { links, outboxTo } from './support'

interface Captured {
  from: string
  to: string[]
  raw: string
}

/** A real SMTP server on a free local port that keeps what it receives, or refuses it when told to. */
class LocalSmtp {
  messages: Captured[] = []
  rejectWith: { code: number; message: string } | null = null
  readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        if (this.rejectWith) {
          callback(Object.assign(new Error(this.rejectWith.message), { responseCode: this.rejectWith.code }))
          return
        }
        this.messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        })
        callback()
      })
    },
  })

  port = 0

  async start() {
    this.server.on('error', () => {})
    this.server.listen(0, '127.0.0.1')
    await once(this.server.server, 'listening')
    this.port = (this.server.server.address() as AddressInfo).port
  }

  stop() {
    return new Promise<void>((resolve) => this.server.close(() => resolve()))
  }
}

/** Headers unfolded and a quoted-printable body decoded, so assertions can look for plain text. */
function readable(raw: string) {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/)
  const body = rest.join('\n\n')
  const headers = head.replace(/\r?\n[ \t]+/g, ' ')
  const decoded = /quoted-printable/i.test(raw)
    ? Buffer.from(
        body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
        'latin1',
      ).toString('utf8')
    : body
  return `${headers}\n\n${decoded}`
}

const transportTo = (port: number) =>
  nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, connectionTimeout: 5_000 })

async function outboxRow(id: string) {
  const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id))
  return row!
}

async function queueTestEmail(to = uniqueEmail('recipient')) {
  const subject = `Test message ${uniqueSuffix()}`
  const id = await db.transaction((tx) =>
    queueEmail(tx, { kind: 'security', to, subject, text: `Hello,\n\nOpen ${links.origin}/check/${subject.split(' ')[2]}\n`, template: 'test' }),
  )
  return { id, to, subject }
}

const smtp = new LocalSmtp()
beforeAll(() => smtp.start())
afterAll(() => smtp.stop())
afterEach(() => {
  smtp.rejectWith = null
})

describe('deliverEmail', () => {
  test('without a transport, the email is kept in the outbox as stored', async () => {
    const { id } = await queueTestEmail()
    await deliverEmail(db, id, null)
    expect(await outboxRow(id)).toMatchObject({ status: 'stored', attempts: 0, sentAt: null })
  })

  test('without SMTP_URL configured, the default transport is none', async () => {
    const { id } = await queueTestEmail()
    await deliverEmail(db, id)
    expect((await outboxRow(id)).status).toBe('stored')
  })

  test('sends a domain email over SMTP and marks it sent', async () => {
    const user = await createUser()
    await requestPasswordReset(db, user.email, links)
    const [mail] = await outboxTo(user.email)
    const transport = transportTo(smtp.port)
    const before = smtp.messages.length

    await deliverEmail(db, mail!.id, transport)

    expect(smtp.messages).toHaveLength(before + 1)
    const message = smtp.messages.at(-1)!
    expect(message.to).toEqual([user.email])
    expect(message.from).toBe('no-reply@connection-hub.local')
    const text = readable(message.raw)
    expect(text).toContain(`Subject: ${mail!.subject}`)
    expect(text).toMatch(new RegExp(`${links.origin}/reset-password\\?token=[a-z0-9]{32}`))
    expect(text).toContain(mail!.textBody.match(/token=([a-z0-9]+)/)![1])

    const row = await outboxRow(mail!.id)
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null })
    expect(row.sentAt).toBeInstanceOf(Date)

    // Delivering a sent email again (a retried job) sends nothing.
    await deliverEmail(db, mail!.id, transport)
    expect(smtp.messages).toHaveLength(before + 1)
    transport.close()
  })

  test("an email's own headers (an alert's List-Unsubscribe, RFC 8058) reach the SMTP server", async () => {
    const to = uniqueEmail('recipient')
    const unsubscribe = `${links.origin}/alerts/unsubscribe/${'a'.repeat(32)}`
    const id = await db.transaction((tx) =>
      queueEmail(tx, {
        to,
        subject: 'New on the Connection Hub',
        text: 'Hello',
        template: 'alerts.instant',
        kind: 'alerts',
        headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      }),
    )
    expect(id).not.toBeNull()
    const transport = transportTo(smtp.port)
    await deliverEmail(db, id!, transport)
    transport.close()
    const text = readable(smtp.messages.find((m) => m.to.includes(to))!.raw)
    expect(text).toContain(`List-Unsubscribe: <${unsubscribe}>`)
    expect(text).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click')
  })

  test('sends through the transport configured by SMTP_URL', async () => {
    const { id, to, subject } = await queueTestEmail()
    process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`
    resetEnvCache()
    dropSingleton('smtp')
    try {
      await deliverEmail(db, id)
    } finally {
      delete process.env.SMTP_URL
      resetEnvCache()
      dropSingleton('smtp')
    }
    expect((await outboxRow(id)).status).toBe('sent')
    const message = smtp.messages.find((m) => m.to.includes(to))
    expect(readable(message!.raw)).toContain(`Subject: ${subject}`)
  })

  test('a refusal by the SMTP server is recorded and rethrown; the email stays queued', async () => {
    const { id } = await queueTestEmail()
    const transport = transportTo(smtp.port)
    smtp.rejectWith = { code: 550, message: 'Mailbox unavailable' }

    await expect(deliverEmail(db, id, transport)).rejects.toThrow(/Mailbox unavailable/)
    expect(await outboxRow(id)).toMatchObject({ status: 'queued', attempts: 1, sentAt: null })
    expect((await outboxRow(id)).lastError).toMatch(/550|Mailbox unavailable/)

    await expect(deliverEmail(db, id, transport)).rejects.toThrow()
    expect(await outboxRow(id)).toMatchObject({ status: 'queued', attempts: 2 })

    smtp.rejectWith = null
    await deliverEmail(db, id, transport)
    expect(await outboxRow(id)).toMatchObject({ status: 'sent', attempts: 3, lastError: null })
    transport.close()
  })

  test('an SMTP server that is not listening: the error is recorded, nothing is lost', async () => {
    const { id, to, subject } = await queueTestEmail()
    const deadPort = await freePort()
    await expect(deliverEmail(db, id, transportTo(deadPort))).rejects.toThrow()
    const failed = await outboxRow(id)
    expect(failed).toMatchObject({ status: 'queued', attempts: 1, sentAt: null })
    expect(failed.lastError).toMatch(/ECONNREFUSED|connect/i)

    await deliverEmail(db, id, transportTo(smtp.port))
    expect(await outboxRow(id)).toMatchObject({ status: 'sent', attempts: 2, lastError: null })
    expect(smtp.messages.filter((m) => m.to.includes(to) && m.raw.includes(subject))).toHaveLength(1)
  })
})

describe('the delivery job', () => {
  test('carries the outbox id, and its queue retries every minute (see mail-retries.test.ts)', async () => {
    const { id } = await queueTestEmail()
    const boss = await jobQueue()
    const queue = await boss.getQueue(queues.sendEmail)
    expect(queue).toMatchObject({ retryLimit: emailRetry.retryLimit, retryDelay: 60, retryBackoff: false })

    const jobs = await boss.fetch<{ emailId: string }>(queues.sendEmail, { batchSize: 50 })
    const job = jobs.find((j) => j.data.emailId === id)
    expect(job).toBeDefined()
    await deliverEmail(db, job!.data.emailId, transportTo(smtp.port))
    await boss.complete(queues.sendEmail, job!.id)
    expect((await outboxRow(id)).status).toBe('sent')
  })

  test('is not enqueued when the transaction that queued the email rolls back', async () => {
    const to = uniqueEmail('rollback')
    const rollback = new Error('roll back')
    let emailId = ''
    await expect(
      db.transaction(async (tx) => {
        emailId = await queueEmail(tx, { kind: 'security', to, subject: 'Never', text: 'Never sent', template: 'test' })
        throw rollback
      }),
    ).rejects.toBe(rollback)
    expect(emailId).not.toBe('')
    expect(await outboxTo(to)).toHaveLength(0)
    const boss = await jobQueue()
    const jobs = await boss.fetch<{ emailId: string }>(queues.sendEmail, { batchSize: 50 })
    expect(jobs.some((j) => j.data.emailId === emailId)).toBe(false)
  })
})
