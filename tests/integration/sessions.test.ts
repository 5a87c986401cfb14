import { eq, sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { sessions } from '#db/schema/index'
import {
  createSession,
  deleteExpiredSessions,
  endOtherSessions,
  endSession,
  listSessions,
  validateSessionToken,
  type SessionPolicy,
} from '~/domain/accounts/sessions.server'
import { hashToken } from '~/utils/crypto.server'
import { db } from '~/utils/db.server'
import { safeRedirect } from '~/http/session.server'
import { action as login } from '~/routes/login'
import { createUser } from '../factories'

const policy: SessionPolicy = { idleMs: 30 * 60_000, absoluteMs: 7 * 86_400_000 }

async function sessionRow(id: string) {
  const [row] = await db.select().from(sessions).where(eq(sessions.id, id))
  return row ?? null
}

/** Moves a session's clock: last activity and expiry, relative to now, in the database's own time. */
async function age(id: string, change: { idleFor?: string; expiredFor?: string }) {
  if (change.idleFor) await db.execute(sql`update sessions set last_active_at = now() - ${change.idleFor}::interval where id = ${id}`)
  if (change.expiredFor) await db.execute(sql`update sessions set expires_at = now() - ${change.expiredFor}::interval where id = ${id}`)
}

function tamper(token: string) {
  const [id, secret] = token.split('.') as [string, string]
  const last = secret.at(-1) === 'a' ? 'b' : 'a'
  return `${id}.${secret.slice(0, -1)}${last}`
}

describe('createSession and validateSessionToken', () => {
  test('a fresh token validates to its user', async () => {
    const user = await createUser({ role: 'secretariat' })
    const { token, id, expiresAt } = await createSession(db, user.id, { userAgent: 'Vitest', ipAddress: '192.0.2.1' }, policy)
    const session = await validateSessionToken(db, token, policy)
    expect(session).toEqual({
      id,
      expiresAt,
      user: user.actor,
      secondFactorEnrolled: false,
      twoFactorVerified: false,
      lastVerifiedAt: expect.any(Date),
    })
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(policy.absoluteMs - 60_000)
    expect(expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(policy.absoluteMs)
    expect(await sessionRow(id)).toMatchObject({ userAgent: 'Vitest', ipAddress: '192.0.2.1' })
  })

  test('only the SHA-256 hash of the secret is stored', async () => {
    const user = await createUser()
    const { token, id } = await createSession(db, user.id, {}, policy)
    const secret = token.split('.')[1]!
    expect(id).toBe(token.split('.')[0])
    const row = await sessionRow(id)
    const stored = Buffer.from(row!.secretHash)
    expect(stored.equals(Buffer.from(hashToken(secret)))).toBe(true)
    expect(stored).toHaveLength(32)
    expect(stored.equals(Buffer.from(secret))).toBe(false)
    const [leak] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from sessions s where s::text like ${`%${secret}%`}`,
    )
    expect(leak!.n).toBe(0)
  })

  test('a tampered or malformed token is refused and leaves the session intact', async () => {
    const user = await createUser()
    const { token, id } = await createSession(db, user.id, {}, policy)
    const [sessionId, secret] = token.split('.') as [string, string]
    for (const forged of [tamper(token), `${sessionId}.`, sessionId, `${token}.extra`, `${sessionId}.${secret}x`, `x${token}`, '']) {
      expect(await validateSessionToken(db, forged, policy), forged).toBeNull()
    }
    expect(await sessionRow(id)).not.toBeNull()
    expect(await validateSessionToken(db, token, policy)).not.toBeNull()
  })

  test('a session idle for longer than the policy allows is refused and deleted', async () => {
    const user = await createUser()
    const { token, id } = await createSession(db, user.id, {}, policy)
    await age(id, { idleFor: '31 minutes' })
    expect(await validateSessionToken(db, token, policy)).toBeNull()
    expect(await sessionRow(id)).toBeNull()
  })

  test('the idle timeout comes from the policy passed in', async () => {
    const user = await createUser()
    const { token, id } = await createSession(db, user.id, {}, policy)
    await age(id, { idleFor: '20 minutes' })
    expect(await validateSessionToken(db, token, policy)).not.toBeNull()
    await age(id, { idleFor: '20 minutes' })
    expect(await validateSessionToken(db, token, { ...policy, idleMs: 10 * 60_000 })).toBeNull()
    expect(await sessionRow(id)).toBeNull()
  })

  test('activity pushes the idle deadline back', async () => {
    const user = await createUser()
    const { token, id } = await createSession(db, user.id, {}, policy)
    await age(id, { idleFor: '25 minutes' })
    expect(await validateSessionToken(db, token, policy)).not.toBeNull()
    const row = await sessionRow(id)
    expect(Date.now() - row!.lastActiveAt.getTime()).toBeLessThan(60_000)
  })

  test('a session past its absolute expiry is refused and deleted, however active', async () => {
    const user = await createUser()
    const { token, id } = await createSession(db, user.id, {}, policy)
    await age(id, { expiredFor: '1 second' })
    expect(await validateSessionToken(db, token, policy)).toBeNull()
    expect(await sessionRow(id)).toBeNull()
  })

  test('deleteExpiredSessions removes idle and expired sessions only', async () => {
    const user = await createUser()
    const live = await createSession(db, user.id, {}, policy)
    const idle = await createSession(db, user.id, {}, policy)
    const expired = await createSession(db, user.id, {}, policy)
    await age(idle.id, { idleFor: '2 hours' })
    await age(expired.id, { expiredFor: '1 minute' })
    await deleteExpiredSessions(db, policy)
    expect(await sessionRow(live.id)).not.toBeNull()
    expect(await sessionRow(idle.id)).toBeNull()
    expect(await sessionRow(expired.id)).toBeNull()
  })
})

describe('ending sessions', () => {
  test('a user ends their own session', async () => {
    const user = await createUser()
    const { token, id } = await createSession(db, user.id, {}, policy)
    expect(await endSession(db, user.id, id)).toBe(true)
    expect(await validateSessionToken(db, token, policy)).toBeNull()
    expect(await endSession(db, user.id, id)).toBe(false)
  })

  test("a user cannot end another user's session", async () => {
    const owner = await createUser()
    const intruder = await createUser()
    const { token, id } = await createSession(db, owner.id, {}, policy)
    expect(await endSession(db, intruder.id, id)).toBe(false)
    expect(await sessionRow(id)).not.toBeNull()
    expect(await validateSessionToken(db, token, policy)).not.toBeNull()
  })

  test('endOtherSessions keeps the named session and other users’ sessions', async () => {
    const user = await createUser()
    const other = await createUser()
    const keep = await createSession(db, user.id, {}, policy)
    const drop = await createSession(db, user.id, {}, policy)
    const theirs = await createSession(db, other.id, {}, policy)
    await endOtherSessions(db, user.id, keep.id)
    expect((await listSessions(db, user.id)).map((s) => s.id)).toEqual([keep.id])
    expect(await sessionRow(drop.id)).toBeNull()
    expect(await sessionRow(theirs.id)).not.toBeNull()
  })
})

describe('what the browser sends', () => {
  test('a session cookie of the wrong shape is no session, without touching the database', async () => {
    expect(await validateSessionToken(db, 'a\u0000b.c')).toBeNull()
    expect(await validateSessionToken(db, 'ABC.DEF')).toBeNull()
  })

  // Where a login or a language switch returns to: only a path on this site, however the address is disguised.
  test.each([
    ['/\t/evil.example/phish', '/'],
    ['/\n/evil.example', '/'],
    ['/x\ny', '/'],
    ['/\\evil.example', '/'],
    ['//evil.example', '/'],
    ['https://evil.example', '/'],
    ['/orgs/a?b=1#c', '/orgs/a?b=1#c'],
    ['/requests/../dashboard', '/dashboard'],
  ])('safeRedirect(%j) → %j', (to, expected) => {
    expect(safeRedirect(to)).toBe(expected)
  })
})

describe('the login form’s return address', () => {
  /** Posts the login form as a browser would and returns where the answer sends the person. */
  async function logIn(email: string, password: string, redirectTo: string) {
    const body = new URLSearchParams({ email, password, redirectTo })
    const request = new Request('http://localhost/login', { method: 'POST', body, headers: { 'X-Hub-Client-Ip': '192.0.2.10' } })
    const response = (await login({ request, params: {}, context: { cspNonce: '' } })) as Response
    return { status: response.status, location: response.headers.get('Location') }
  }

  test.each([['/.//evil.example/phish'], ['/%2e//evil.example'], ['/a/..//evil.example'], ['//evil.example'], ['/\\evil.example']])(
    'a signed-in person is never sent off the Hub by redirectTo=%j',
    async (redirectTo) => {
      const user = await createUser()
      const { status, location } = await logIn(user.email, user.password, redirectTo)
      expect(status).toBe(302)
      expect(location).toBe('/dashboard')
      expect(new URL(location!, 'https://hub.example/login').origin).toBe('https://hub.example')
    },
  )

  test('an address on the Hub is where the person lands', async () => {
    const user = await createUser()
    expect(await logIn(user.email, user.password, '/requests?objective=5')).toEqual({ status: 302, location: '/requests?objective=5' })
  })
})
