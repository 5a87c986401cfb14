import { and, desc, eq, lt, ne, or, sql } from 'drizzle-orm'
import { sessions, users, type UserId } from '#db/schema/index'
import { hashToken, randomToken, tokenMatches } from '~/utils/crypto.server'
import type { Db } from '~/utils/db.server'
import { env } from '~/utils/env.server'

export interface SessionPolicy {
  idleMs: number
  absoluteMs: number
}

export function sessionPolicy(): SessionPolicy {
  return { idleMs: env().SESSION_IDLE_MINUTES * 60_000, absoluteMs: env().SESSION_ABSOLUTE_DAYS * 86_400_000 }
}

/** Writing lastActiveAt on every request would turn each page view into a write; a minute's slack is enough. */
const ACTIVITY_WRITE_INTERVAL_MS = 60_000

export type SessionUser = Pick<
  typeof users.$inferSelect,
  'id' | 'email' | 'displayName' | 'platformRole' | 'emailVerifiedAt' | 'locale'
>

export interface ValidSession {
  id: string
  user: SessionUser
  expiresAt: Date
  /** Whether the account has a second factor, and whether this session has passed it (Lucia's partial session). */
  secondFactorEnrolled: boolean
  twoFactorVerified: boolean
  /** When the person last proved who they are in this session: sensitive steps want it recent. */
  lastVerifiedAt: Date
}

export async function createSession(
  db: Db,
  userId: UserId,
  meta: { userAgent?: string | null; ipAddress?: string | null } = {},
  policy = sessionPolicy(),
) {
  const id = randomToken(15)
  const secret = randomToken(20)
  const now = Date.now()
  const expiresAt = new Date(now + policy.absoluteMs)
  await db.insert(sessions).values({
    id,
    secretHash: hashToken(secret),
    userId,
    expiresAt,
    lastActiveAt: new Date(now),
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
    ipAddress: meta.ipAddress?.slice(0, 64) ?? null,
  })
  return { token: `${id}.${secret}`, id, expiresAt }
}

/** Returns the session for a cookie token, or null when it is unknown, forged, idle too long or past its lifetime. */
export async function validateSessionToken(
  db: Db,
  token: string,
  policy = sessionPolicy(),
): Promise<ValidSession | null> {
  const [id, secret, extra] = token.split('.')
  if (!id || !secret || extra !== undefined || !/^[a-z2-7]{1,64}$/.test(id) || !/^[a-z2-7]{1,64}$/.test(secret)) return null
  const [row] = await db
    .select({
      id: sessions.id,
      secretHash: sessions.secretHash,
      lastActiveAt: sessions.lastActiveAt,
      expiresAt: sessions.expiresAt,
      twoFactorVerified: sessions.twoFactorVerified,
      lastVerifiedAt: sessions.lastVerifiedAt,
      secondFactorEnrolled: sql<boolean>`${users.totpKey} is not null`,
      user: {
        id: users.id,
        email: users.email,
        displayName: users.displayName,
        platformRole: users.platformRole,
        emailVerifiedAt: users.emailVerifiedAt,
        locale: users.locale,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id))
  if (!row || !tokenMatches(secret, row.secretHash)) return null
  const now = Date.now()
  if (row.expiresAt.getTime() <= now || row.lastActiveAt.getTime() + policy.idleMs <= now) {
    await db.delete(sessions).where(eq(sessions.id, id))
    return null
  }
  if (now - row.lastActiveAt.getTime() > ACTIVITY_WRITE_INTERVAL_MS) {
    await db.update(sessions).set({ lastActiveAt: new Date(now) }).where(eq(sessions.id, id))
  }
  const { secondFactorEnrolled, twoFactorVerified, lastVerifiedAt } = row
  return { id: row.id, user: row.user, expiresAt: row.expiresAt, secondFactorEnrolled, twoFactorVerified, lastVerifiedAt }
}

/**
 * The person just proved who they are in this session: the time is recorded for step-up, and a second factor
 * (a code, a recovery code, an enrolment) also completes a partial session.
 */
export async function markSessionVerified(db: Db, sessionId: string, proof: { secondFactor: boolean }, now = new Date()) {
  await db
    .update(sessions)
    .set(proof.secondFactor ? { lastVerifiedAt: now, twoFactorVerified: true } : { lastVerifiedAt: now })
    .where(eq(sessions.id, sessionId))
}

export async function listSessions(db: Db, userId: UserId) {
  return db
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      lastActiveAt: sessions.lastActiveAt,
      userAgent: sessions.userAgent,
      ipAddress: sessions.ipAddress,
    })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .orderBy(desc(sessions.lastActiveAt))
}

/** Ends one of the user's own sessions; a session id belonging to someone else matches nothing. */
export async function endSession(db: Db, userId: UserId, sessionId: string) {
  const ended = await db
    .delete(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
    .returning({ id: sessions.id })
  return ended.length > 0
}

export async function endOtherSessions(db: Db, userId: UserId, keepSessionId: string | null) {
  await db
    .delete(sessions)
    .where(keepSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)) : eq(sessions.userId, userId))
}

export async function deleteExpiredSessions(db: Db, policy = sessionPolicy()) {
  const now = Date.now()
  await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, new Date(now)), lt(sessions.lastActiveAt, new Date(now - policy.idleMs))))
}
