import { and, eq, gt, isNull, sql } from 'drizzle-orm'
import type { z } from 'zod'
import { userTokens, users, type TokenPurpose, type UserId } from '#db/schema/index'
import { recordAudit } from '~/utils/audit.server'
import { hashToken, randomToken } from '~/utils/crypto.server'
import type { Db } from '~/utils/db.server'
import { queueEmail } from '~/utils/email.server'
import { hitRateLimit } from '~/utils/rate-limit.server'
import type { Language } from '~/utils/i18n'
import { translator } from '~/utils/i18n.server'
import { DomainError } from '../errors'
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords.server'
import type { CreateUserSchema, ProfileSchema, SignupSchema } from './schemas'
import { endOtherSessions, type SessionUser } from './sessions.server'

export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  verify_email: 48 * 3_600_000,
  reset_password: 3_600_000,
}

const byEmail = (email: string) => eq(sql`lower(${users.email})`, email.toLowerCase())

export async function findUserByEmail(db: Db, email: string) {
  const [user] = await db.select().from(users).where(byEmail(email))
  return user ?? null
}

async function issueToken(tx: Db, userId: UserId, purpose: TokenPurpose) {
  const token = randomToken()
  await tx.insert(userTokens).values({
    userId,
    purpose,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + TOKEN_LIFETIME_MS[purpose]),
  })
  return token
}

/** Marks a token used and returns its user, or null when it is unknown, used or expired. Single use. */
async function consumeToken(tx: Db, token: string, purpose: TokenPurpose) {
  const [row] = await tx
    .update(userTokens)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(userTokens.tokenHash, hashToken(token)),
        eq(userTokens.purpose, purpose),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, new Date()),
      ),
    )
    .returning({ userId: userTokens.userId })
  return row?.userId ?? null
}

/**
 * Ends every reset link of the account still outstanding: once a password is set, a link mailed earlier (perhaps
 * to someone who saw the mailbox) must not set another.
 */
async function endResetLinks(tx: Db, userId: UserId) {
  await tx
    .update(userTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(userTokens.userId, userId), eq(userTokens.purpose, 'reset_password'), isNull(userTokens.usedAt)))
}

export interface Links {
  origin: string
  locale: string
}

async function sendVerificationEmail(tx: Db, user: { id: UserId; email: string; displayName: string }, links: Links) {
  const token = await issueToken(tx, user.id, 'verify_email')
  const t = translator(links.locale)
  const url = `${links.origin}/verify-email?token=${token}`
  await queueEmail(tx, {
    kind: 'security',
    to: user.email,
    userId: user.id,
    template: 'verify_email',
    subject: t('email.verify.subject'),
    text: t('email.verify.body', { name: user.displayName, url }),
  })
}

/**
 * Creates an account and mails a verification link. When the address is already registered, the owner of
 * that address is told instead, and the caller cannot tell the difference (no account enumeration).
 */
export async function signUp(db: Db, input: z.output<typeof SignupSchema>, links: Links) {
  const passwordHash = await hashPassword(input.password)
  await db.transaction(async (tx) => {
    // Serialise sign-ups for one address, so a double submit cannot race into the unique index.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`signup:${input.email}`}))`)
    const existing = await findUserByEmail(tx, input.email)
    if (existing) {
      const t = translator(existing.locale)
      await queueEmail(tx, {
        kind: 'security',
        to: existing.email,
        userId: existing.id,
        template: 'signup_existing',
        subject: t('email.signupExisting.subject'),
        text: t('email.signupExisting.body', { name: existing.displayName, url: `${links.origin}/forgot-password` }),
      })
      return
    }
    const [user] = await tx
      .insert(users)
      .values({ email: input.email, passwordHash, displayName: input.displayName, locale: links.locale })
      .returning()
    if (!user) throw new Error('user not created')
    await recordAudit(tx, { actorId: user.id, action: 'user.signed_up', entityType: 'user', entityId: user.id })
    await sendVerificationEmail(tx, user, links)
  })
}

/** Verification emails on request, per account and per address, so the button cannot be used to flood an inbox. */
export const VERIFICATION_RESENDS_PER_HOUR = 3
export const VERIFICATION_RESENDS_PER_DAY = 6

async function resendBlocked(db: Db, user: SessionUser) {
  const results = await Promise.all([
    hitRateLimit(db, `verify-resend:account:${user.id}`, VERIFICATION_RESENDS_PER_HOUR, 3_600_000),
    hitRateLimit(db, `verify-resend:address:${user.email.toLowerCase()}`, VERIFICATION_RESENDS_PER_DAY, 86_400_000),
  ])
  return results.find((r) => !r.allowed) ?? null
}

export type ResendOutcome = { status: 'sent' | 'alreadyVerified' } | { status: 'limited'; retryAfterSeconds: number }

/** Mails a fresh verification link; over the limits nothing is sent and the wait is returned instead. */
export async function resendVerification(db: Db, user: SessionUser, links: Links): Promise<ResendOutcome> {
  if (user.emailVerifiedAt) return { status: 'alreadyVerified' }
  const blocked = await resendBlocked(db, user)
  if (blocked) return { status: 'limited', retryAfterSeconds: blocked.retryAfterSeconds }
  await db.transaction((tx) => sendVerificationEmail(tx, user, links))
  return { status: 'sent' }
}

export async function verifyEmail(db: Db, token: string) {
  return db.transaction(async (tx) => {
    const userId = await consumeToken(tx, token, 'verify_email')
    if (!userId) return false
    await tx
      .update(users)
      .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())`, updatedAt: new Date() })
      .where(eq(users.id, userId))
    await recordAudit(tx, { actorId: userId, action: 'user.email_verified', entityType: 'user', entityId: userId })
    return true
  })
}

/** The user for these credentials, or null; an unknown email costs the same time as a wrong password. */
export async function authenticate(db: Db, email: string, password: string) {
  const user = await findUserByEmail(db, email)
  if (!user) {
    await burnPasswordCheck(password)
    return null
  }
  return (await verifyPassword(user.passwordHash, password)) ? user : null
}

/** Always resolves the same way; a reset link is mailed only when the account exists. */
export async function requestPasswordReset(db: Db, email: string, links: Links) {
  await db.transaction(async (tx) => {
    const user = await findUserByEmail(tx, email)
    if (!user) return
    const token = await issueToken(tx, user.id, 'reset_password')
    const t = translator(user.locale)
    await queueEmail(tx, {
      kind: 'security',
      to: user.email,
      userId: user.id,
      template: 'reset_password',
      subject: t('email.reset.subject'),
      text: t('email.reset.body', { name: user.displayName, url: `${links.origin}/reset-password?token=${token}` }),
    })
    await recordAudit(tx, { actorId: null, action: 'user.password_reset_requested', entityType: 'user', entityId: user.id })
  })
}

export async function isResetTokenUsable(db: Db, token: string) {
  const [row] = await db
    .select({ id: userTokens.id })
    .from(userTokens)
    .where(
      and(
        eq(userTokens.tokenHash, hashToken(token)),
        eq(userTokens.purpose, 'reset_password'),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, new Date()),
      ),
    )
  return Boolean(row)
}

/** Sets a new password from a reset link; every session and every other reset link of the account ends. Returns false for a bad link. */
export async function resetPassword(db: Db, token: string, password: string) {
  const passwordHash = await hashPassword(password)
  return db.transaction(async (tx) => {
    const userId = await consumeToken(tx, token, 'reset_password')
    if (!userId) return false
    // Following the link proves control of the address, so it also counts as verification.
    await tx
      .update(users)
      .set({ passwordHash, emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())`, updatedAt: new Date() })
      .where(eq(users.id, userId))
    await endOtherSessions(tx, userId, null)
    await endResetLinks(tx, userId)
    await recordAudit(tx, { actorId: userId, action: 'user.password_reset', entityType: 'user', entityId: userId })
    return true
  })
}

export async function changePassword(
  db: Db,
  user: SessionUser,
  input: { currentPassword: string; newPassword: string },
  keepSessionId: string,
) {
  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id))
  if (!row || !(await verifyPassword(row.passwordHash, input.currentPassword))) {
    throw new DomainError('validation.currentPasswordWrong', 'The current password is not correct.', 400, 'currentPassword')
  }
  const passwordHash = await hashPassword(input.newPassword)
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, user.id))
    await endOtherSessions(tx, user.id, keepSessionId)
    await endResetLinks(tx, user.id)
    await recordAudit(tx, { actorId: user.id, action: 'user.password_changed', entityType: 'user', entityId: user.id })
  })
}

export async function updateProfile(db: Db, user: SessionUser, input: z.output<typeof ProfileSchema>) {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ ...input, updatedAt: new Date() }).where(eq(users.id, user.id))
    await recordAudit(tx, {
      actorId: user.id,
      action: 'user.profile_updated',
      entityType: 'user',
      entityId: user.id,
      summary: { from: { displayName: user.displayName, locale: user.locale }, to: input },
    })
  })
}

/** The language chosen in the switcher becomes the account's: its emails and notifications follow it. */
export async function setPreferredLanguage(db: Db, user: SessionUser, locale: Language) {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ locale, updatedAt: new Date() }).where(eq(users.id, user.id))
    await recordAudit(tx, {
      actorId: user.id,
      action: 'user.profile_updated',
      entityType: 'user',
      entityId: user.id,
      summary: { from: { locale: user.locale }, to: { locale } },
    })
  })
}

/** Operator bootstrap from the CLI: the account is created verified, or updated when the email exists. */
export async function createOrUpdateUser(db: Db, input: z.output<typeof CreateUserSchema>) {
  const passwordHash = await hashPassword(input.password)
  return db.transaction(async (tx) => {
    const existing = await findUserByEmail(tx, input.email)
    const displayName = input.displayName ?? input.email.split('@')[0] ?? input.email
    const [user] = existing
      ? await tx
          .update(users)
          .set({ passwordHash, platformRole: input.role, emailVerifiedAt: existing.emailVerifiedAt ?? new Date(), updatedAt: new Date() })
          .where(eq(users.id, existing.id))
          .returning()
      : await tx
          .insert(users)
          .values({ email: input.email, passwordHash, displayName, platformRole: input.role, emailVerifiedAt: new Date() })
          .returning()
    if (!user) throw new Error('user not saved')
    if (existing) await endResetLinks(tx, user.id)
    await recordAudit(tx, {
      actorId: null,
      action: existing ? 'user.updated_by_operator' : 'user.created_by_operator',
      entityType: 'user',
      entityId: user.id,
      summary: { role: input.role },
    })
    return { user, created: !existing }
  })
}
