import { and, desc, eq, inArray, isNotNull, sql, type SQLWrapper } from 'drizzle-orm'
import nodemailer, { type Transporter } from 'nodemailer'
import { emailOutbox, notificationPreferences, type NotificationKind, type UserId } from '#db/schema/index'
import type { Db } from './db.server'
import { env } from './env.server'
import { enqueue, queues } from './jobs.server'
import { logger } from './logger.server'
import { singleton } from './singleton.server'

/**
 * What an email is about, for the person's notification preferences: a kind they may turn off, or `security`
 * (address verification, password reset, sign-in, invitations), which is always sent.
 */
export type EmailKind = NotificationKind | 'security'

export interface OutgoingEmail {
  kind: EmailKind
  to: string
  subject: string
  text: string
  html?: string
  template: string
  userId?: UserId | null
  /** Headers of this email only, e.g. an alert's List-Unsubscribe (RFC 8058). */
  headers?: Record<string, string>
}

/**
 * Whether a person (a user id value or column) turned email of this kind off; no row is the default, on. The one
 * definition of a preference, used for one recipient here and for a whole list of them in SQL (the alerts).
 */
export const emailTurnedOff = (userId: SQLWrapper | UserId, kind: NotificationKind) =>
  sql`exists (select 1 from ${notificationPreferences} where ${notificationPreferences.userId} = ${userId}
    and ${notificationPreferences.kind} = ${kind} and not ${notificationPreferences.email})`

/** Whether this person wants email of this kind: yes unless they turned it off. */
export async function wantsEmail(tx: Db, userId: UserId, kind: NotificationKind) {
  const [row] = await tx.execute<{ off: boolean }>(sql`select ${emailTurnedOff(userId, kind)} as off`)
  return !row?.off
}

/**
 * Stores the email and enqueues its delivery inside the caller's transaction: if the change rolls back, no
 * email goes out; if it commits, the email is kept until it is delivered. The one place that honours people's
 * notification preferences: an email of a kind its recipient turned off is not written (null is returned).
 */
export async function queueEmail(tx: Db, email: OutgoingEmail & { kind: 'security' }): Promise<string>
export async function queueEmail(tx: Db, email: OutgoingEmail): Promise<string | null>
export async function queueEmail(tx: Db, email: OutgoingEmail): Promise<string | null> {
  if (email.kind !== 'security' && email.userId && !(await wantsEmail(tx, email.userId, email.kind))) return null
  const [row] = await tx
    .insert(emailOutbox)
    .values({
      toAddress: email.to,
      subject: email.subject,
      textBody: email.text,
      htmlBody: email.html ?? null,
      template: email.template,
      userId: email.userId ?? null,
      headers: email.headers ?? null,
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
 * /dev/outbox on a local demo). A failure is recorded and rethrown so the job queue tries again (see `emailRetry`);
 * after the last try the email is marked `failed`, which the secretariat sees (/secretariat/mail).
 */
export async function deliverEmail(db: Db, emailId: string, transport: Transporter | null = smtpTransport(), options: { lastAttempt?: boolean } = {}) {
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
      headers: email.headers ?? undefined,
    })
    await db
      .update(emailOutbox)
      .set({ status: 'sent', sentAt: new Date(), attempts: sql`${emailOutbox.attempts} + 1`, lastError: null })
      .where(eq(emailOutbox.id, emailId))
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    await db
      .update(emailOutbox)
      .set({ attempts: sql`${emailOutbox.attempts} + 1`, lastError: message.slice(0, 500), ...(options.lastAttempt ? { status: 'failed' as const } : {}) })
      .where(eq(emailOutbox.id, emailId))
    if (options.lastAttempt) logger().error({ emailId, error: message }, 'email delivery failed for the last time; it is marked failed in the outbox')
    else logger().warn({ emailId, error: message }, 'email delivery failed; it will be retried')
    throw error
  }
}

/**
 * The outbox as the secretariat watches it: how many emails wait (and since when), how many gave up, and the
 * latest that failed at least once — to whom, what, and the SMTP server's last answer. Never a body: it may hold
 * a sign-in link.
 */
export async function mailDeliveryReport(db: Db, options: { latest?: number } = {}) {
  const [counts] = await db
    .select({
      waiting: sql<number>`count(*) filter (where ${emailOutbox.status} = 'queued')`.mapWith(Number),
      retrying: sql<number>`count(*) filter (where ${emailOutbox.status} = 'queued' and ${emailOutbox.attempts} > 0)`.mapWith(Number),
      failed: sql<number>`count(*) filter (where ${emailOutbox.status} = 'failed')`.mapWith(Number),
      stored: sql<number>`count(*) filter (where ${emailOutbox.status} = 'stored')`.mapWith(Number),
      oldestWaiting: sql<string | Date | null>`min(${emailOutbox.createdAt}) filter (where ${emailOutbox.status} = 'queued')`,
    })
    .from(emailOutbox)
  const failures = await db
    .select({
      id: emailOutbox.id,
      to: emailOutbox.toAddress,
      subject: emailOutbox.subject,
      status: emailOutbox.status,
      attempts: emailOutbox.attempts,
      lastError: emailOutbox.lastError,
      createdAt: emailOutbox.createdAt,
    })
    .from(emailOutbox)
    .where(and(isNotNull(emailOutbox.lastError), inArray(emailOutbox.status, ['queued', 'failed'])))
    .orderBy(desc(emailOutbox.createdAt))
    .limit(options.latest ?? 20)
  const oldest = counts?.oldestWaiting ? new Date(counts.oldestWaiting) : null
  return { waiting: counts?.waiting ?? 0, retrying: counts?.retrying ?? 0, failed: counts?.failed ?? 0, stored: counts?.stored ?? 0, oldestWaiting: oldest, failures }
}
