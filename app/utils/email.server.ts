import { eq, sql } from 'drizzle-orm'
import nodemailer, { type Transporter } from 'nodemailer'
import { emailOutbox, type UserId } from '#db/schema/index'
import type { Db } from './db.server'
import { env } from './env.server'
import { enqueue, queues } from './jobs.server'
import { logger } from './logger.server'
import { singleton } from './singleton.server'

export interface OutgoingEmail {
  to: string
  subject: string
  text: string
  html?: string
  template: string
  userId?: UserId | null
}

/**
 * Stores the email and enqueues its delivery inside the caller's transaction: if the change rolls back, no
 * email goes out; if it commits, the email is kept until it is delivered.
 */
export async function queueEmail(tx: Db, email: OutgoingEmail) {
  const [row] = await tx
    .insert(emailOutbox)
    .values({
      toAddress: email.to,
      subject: email.subject,
      textBody: email.text,
      htmlBody: email.html ?? null,
      template: email.template,
      userId: email.userId ?? null,
    })
    .returning({ id: emailOutbox.id })
  if (!row) throw new Error('email was not stored')
  await enqueue(tx, queues.sendEmail, { emailId: row.id }, { singletonKey: row.id })
  return row.id
}

/**
 * Queues delivery again for every email still waiting (`queued`): the jobs are not part of a backup, the
 * outbox is. Used after a restore; an email sent after the backup was taken goes out a second time.
 */
export async function requeueWaitingEmails(tx: Db) {
  const waiting = await tx.select({ id: emailOutbox.id }).from(emailOutbox).where(eq(emailOutbox.status, 'queued'))
  for (const { id } of waiting) await enqueue(tx, queues.sendEmail, { emailId: id }, { singletonKey: id })
  return waiting.length
}

export function smtpTransport(): Transporter | null {
  const url = env().SMTP_URL
  if (!url) return null
  return singleton('smtp', () => nodemailer.createTransport(url))
}

/**
 * Delivers one stored email. Without SMTP the email stays in the outbox (status `stored`, shown at
 * /dev/outbox on a local demo). A failure is recorded and rethrown so the job queue retries with backoff.
 */
export async function deliverEmail(db: Db, emailId: string, transport: Transporter | null = smtpTransport()) {
  const [email] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, emailId))
  if (!email || email.status === 'sent') return
  if (!transport) {
    await db.update(emailOutbox).set({ status: 'stored' }).where(eq(emailOutbox.id, emailId))
    return
  }
  try {
    await transport.sendMail({
      from: env().MAIL_FROM,
      to: email.toAddress,
      subject: email.subject,
      text: email.textBody,
      html: email.htmlBody ?? undefined,
    })
    await db
      .update(emailOutbox)
      .set({ status: 'sent', sentAt: new Date(), attempts: sql`${emailOutbox.attempts} + 1`, lastError: null })
      .where(eq(emailOutbox.id, emailId))
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    await db
      .update(emailOutbox)
      .set({ attempts: sql`${emailOutbox.attempts} + 1`, lastError: message.slice(0, 500) })
      .where(eq(emailOutbox.id, emailId))
    logger().warn({ emailId, error: message }, 'email delivery failed; it will be retried')
    throw error
  }
}
