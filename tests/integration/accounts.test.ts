import { and, eq, sql } from 'drizzle-orm'
import { afterEach, describe, expect, test } from 'vitest'
import { auditLog, sessions, userTokens, users } from '#db/schema/index'
import { createSession } from '~/domain/accounts/sessions.server'
import {
  authenticate,
  changePassword,
  createOrUpdateUser,
  findUserByEmail,
  isResetTokenUsable,
  requestPasswordReset,
  resetPassword,
  signUp,
  verifyEmail,
} from '~/domain/accounts/users.server'
import { action as changePasswordAction } from '~/routes/account.password'
import { hashToken } from '~/utils/crypto.server'
import { db } from '~/utils/db.server'
import { resetEnvCache } from '~/utils/env.server'
import { createUser, DEFAULT_PASSWORD, uniqueEmail, uniqueSuffix, type TestUser } from '../factories'
import { deliveryJobsFor, expectDomainError, links, outboxTo, tokenIn } from './support'

const NEW_PASSWORD = 'a brand new passphrase'

async function signUpNew(email = uniqueEmail('signup')) {
  await signUp(db, { displayName: 'Amina Diallo', email, password: 'a long enough passphrase' }, links)
  const user = await findUserByEmail(db, email)
  if (!user) throw new Error('sign-up created no user')
  const [mail] = await outboxTo(email)
  return { user, email, token: tokenIn(mail!.textBody, '/verify-email?token=') }
}

async function sessionCount(userId: string) {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(sessions).where(eq(sessions.userId, userId as never))
  return row!.n
}

async function auditActions(entityId: string) {
  const rows = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, entityId))
  return rows.map((r) => r.action)
}

describe('signUp', () => {
  test('creates an unverified user, a verification email and its delivery job', async () => {
    const email = uniqueEmail('signup')
    await signUp(db, { displayName: 'Amina Diallo', email, password: 'a long enough passphrase' }, links)

    const user = await findUserByEmail(db, email)
    expect(user).toMatchObject({ email, displayName: 'Amina Diallo', platformRole: 'user', emailVerifiedAt: null })
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/)
    expect(user!.passwordHash).not.toContain('a long enough passphrase')

    const mails = await outboxTo(email)
    expect(mails).toHaveLength(1)
    expect(mails[0]).toMatchObject({ template: 'verify_email', userId: user!.id, status: 'queued' })
    const token = tokenIn(mails[0]!.textBody, '/verify-email?token=')
    const [stored] = await db.select().from(userTokens).where(eq(userTokens.userId, user!.id))
    expect(stored).toMatchObject({ purpose: 'verify_email', usedAt: null })
    expect(Buffer.from(stored!.tokenHash).equals(Buffer.from(hashToken(token)))).toBe(true)

    const jobs = await deliveryJobsFor(mails[0]!.id)
    expect(jobs).toHaveLength(1)
    expect(jobs[0]).toMatchObject({ name: 'email.send', state: 'created' })
    expect(await auditActions(user!.id)).toEqual(['user.signed_up'])
  })

  test('the user, the email and the job commit or roll back together', async () => {
    const email = uniqueEmail('rolledback')
    const rollback = new Error('roll back')
    await expect(
      db.transaction(async (tx) => {
        await signUp(tx, { displayName: 'Rolled Back', email, password: 'a long enough passphrase' }, links)
        expect(await findUserByEmail(tx, email)).not.toBeNull()
        throw rollback
      }),
    ).rejects.toBe(rollback)

    expect(await findUserByEmail(db, email)).toBeNull()
    expect(await outboxTo(email)).toHaveLength(0)
    const jobs = await db.execute(sql`select 1 from pgboss.job where data->>'emailId' not in (select id::text from email_outbox)`)
    expect(jobs).toHaveLength(0)
  })

  test('an address already registered gets a notice, and no second account is created', async () => {
    const existing = await createUser({ displayName: 'First Owner' })
    await signUp(
      db,
      { displayName: 'Someone Else', email: existing.email.toUpperCase(), password: 'another passphrase here' },
      links,
    )

    const [count] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(eq(sql`lower(${users.email})`, existing.email))
    expect(count!.n).toBe(1)
    const [unchanged] = await db.select().from(users).where(eq(users.id, existing.id))
    expect(unchanged!.displayName).toBe('First Owner')
    expect(unchanged!.passwordHash).toBe(existing.passwordHash)

    const mails = await outboxTo(existing.email)
    expect(mails).toHaveLength(1)
    expect(mails[0]).toMatchObject({ template: 'signup_existing', userId: existing.id })
    expect(mails[0]!.textBody).toContain(`${links.origin}/forgot-password`)
    expect(mails[0]!.textBody).not.toContain('/verify-email')
    expect(await deliveryJobsFor(mails[0]!.id)).toHaveLength(1)
    const tokens = await db.select().from(userTokens).where(eq(userTokens.userId, existing.id))
    expect(tokens).toHaveLength(0)
  })
})

describe('verifyEmail', () => {
  test('verifies the address once; the link is single-use', async () => {
    const { user, token } = await signUpNew()
    expect(await verifyEmail(db, token)).toBe(true)
    const [verified] = await db.select().from(users).where(eq(users.id, user.id))
    expect(verified!.emailVerifiedAt).toBeInstanceOf(Date)
    expect(await auditActions(user.id)).toContain('user.email_verified')

    expect(await verifyEmail(db, token)).toBe(false)
  })

  test('an expired link does not verify', async () => {
    const { user, token } = await signUpNew()
    await db.execute(sql`update user_tokens set expires_at = now() - interval '1 second' where user_id = ${user.id}`)
    expect(await verifyEmail(db, token)).toBe(false)
    const [row] = await db.select().from(users).where(eq(users.id, user.id))
    expect(row!.emailVerifiedAt).toBeNull()
  })

  test('the link lives 48 hours', async () => {
    const { user } = await signUpNew()
    const [row] = await db.execute<{ hours: number }>(
      sql`select extract(epoch from expires_at - created_at) / 3600 as hours from user_tokens where user_id = ${user.id}`,
    )
    expect(Number(row!.hours)).toBeCloseTo(48, 1)
  })

  test('an unknown token, or a reset token, does not verify', async () => {
    const { user } = await signUpNew()
    expect(await verifyEmail(db, 'a'.repeat(32))).toBe(false)
    await requestPasswordReset(db, user.email, links)
    const reset = (await outboxTo(user.email)).find((m) => m.template === 'reset_password')!
    expect(await verifyEmail(db, tokenIn(reset.textBody, '/reset-password?token='))).toBe(false)
  })
})

describe('authenticate', () => {
  test('returns the user for the right password, in any letter case of the address', async () => {
    const user = await createUser()
    expect((await authenticate(db, user.email, DEFAULT_PASSWORD))?.id).toBe(user.id)
    expect((await authenticate(db, user.email.toUpperCase(), DEFAULT_PASSWORD))?.id).toBe(user.id)
  })

  test('returns null for a wrong password or an unknown address', async () => {
    const user = await createUser()
    expect(await authenticate(db, user.email, `${DEFAULT_PASSWORD}!`)).toBeNull()
    expect(await authenticate(db, user.email, '')).toBeNull()
    expect(await authenticate(db, uniqueEmail('nobody'), DEFAULT_PASSWORD)).toBeNull()
  })
})

describe('password reset', () => {
  async function requestReset(email: string) {
    await requestPasswordReset(db, email, links)
    const mail = (await outboxTo(email)).find((m) => m.template === 'reset_password')
    if (!mail) throw new Error('no reset email')
    return tokenIn(mail.textBody, '/reset-password?token=')
  }

  test('known and unknown addresses get the same answer; only a known one gets an email', async () => {
    const user = await createUser()
    const unknown = uniqueEmail('unknown')
    const known = await requestPasswordReset(db, user.email, links)
    const notKnown = await requestPasswordReset(db, unknown, links)
    expect(notKnown).toEqual(known)
    expect(await outboxTo(unknown)).toHaveLength(0)
    const mails = await outboxTo(user.email)
    expect(mails.map((m) => m.template)).toEqual(['reset_password'])
    expect(await deliveryJobsFor(mails[0]!.id)).toHaveLength(1)
  })

  test('only a hash of the token is stored', async () => {
    const user = await createUser()
    const token = await requestReset(user.email)
    const rows = await db.select().from(userTokens).where(eq(userTokens.userId, user.id))
    expect(rows).toHaveLength(1)
    expect(Buffer.from(rows[0]!.tokenHash).equals(Buffer.from(hashToken(token)))).toBe(true)
    // Nowhere in the token table, in any column or encoding, is the raw token.
    const [found] = await db.execute<{ n: number }>(sql`
      select count(*)::int as n from user_tokens t
      where t::text like ${`%${token}%`} or encode(t.token_hash, 'escape') like ${`%${token}%`}
        or t.token_hash = convert_to(${token}, 'UTF8')`)
    expect(found!.n).toBe(0)
  })

  test('sets the new password once and ends every session', async () => {
    const user = await createUser()
    await createSession(db, user.id)
    await createSession(db, user.id)
    expect(await sessionCount(user.id)).toBe(2)
    const token = await requestReset(user.email)

    expect(await resetPassword(db, token, NEW_PASSWORD)).toBe(true)
    expect(await sessionCount(user.id)).toBe(0)
    expect(await authenticate(db, user.email, DEFAULT_PASSWORD)).toBeNull()
    expect((await authenticate(db, user.email, NEW_PASSWORD))?.id).toBe(user.id)
    expect(await auditActions(user.id)).toEqual(['user.password_reset_requested', 'user.password_reset'])

    expect(await resetPassword(db, token, 'yet another passphrase')).toBe(false)
    expect((await authenticate(db, user.email, NEW_PASSWORD))?.id).toBe(user.id)
  })

  test('the link lives one hour and is refused after it expires', async () => {
    const user = await createUser()
    const token = await requestReset(user.email)
    const [row] = await db.execute<{ minutes: number }>(sql`
      select extract(epoch from expires_at - created_at) / 60 as minutes
      from user_tokens where user_id = ${user.id} and purpose = 'reset_password'`)
    expect(Number(row!.minutes)).toBeCloseTo(60, 0)

    await db.execute(sql`update user_tokens set expires_at = now() - interval '1 second' where user_id = ${user.id}`)
    expect(await resetPassword(db, token, NEW_PASSWORD)).toBe(false)
    expect((await authenticate(db, user.email, DEFAULT_PASSWORD))?.id).toBe(user.id)
  })

  test('following a reset link also verifies the address', async () => {
    const user = await createUser({ verified: false })
    const token = await requestReset(user.email)
    expect(await resetPassword(db, token, NEW_PASSWORD)).toBe(true)
    const [row] = await db.select().from(users).where(eq(users.id, user.id))
    expect(row!.emailVerifiedAt).toBeInstanceOf(Date)
  })

  test('a verification token cannot reset a password', async () => {
    const { email, token } = await signUpNew()
    expect(await resetPassword(db, token, NEW_PASSWORD)).toBe(false)
    expect(await authenticate(db, email, NEW_PASSWORD)).toBeNull()
  })
})

describe('changePassword', () => {
  test('changes the password and ends the other sessions but keeps the current one', async () => {
    const user = await createUser()
    const current = await createSession(db, user.id)
    const other = await createSession(db, user.id)
    const bystander = await createUser()
    const bystanderSession = await createSession(db, bystander.id)

    await changePassword(db, user.actor, { currentPassword: DEFAULT_PASSWORD, newPassword: NEW_PASSWORD }, current.id)

    const remaining = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, user.id))
    expect(remaining.map((s) => s.id)).toEqual([current.id])
    expect(remaining.map((s) => s.id)).not.toContain(other.id)
    const [kept] = await db.select().from(sessions).where(eq(sessions.id, bystanderSession.id))
    expect(kept).toBeDefined()
    expect((await authenticate(db, user.email, NEW_PASSWORD))?.id).toBe(user.id)
    expect(await auditActions(user.id)).toContain('user.password_changed')
  })

  test('a wrong current password is refused and changes nothing', async () => {
    const user = await createUser()
    const current = await createSession(db, user.id)
    await createSession(db, user.id)

    const error = await expectDomainError(
      changePassword(db, user.actor, { currentPassword: 'not my password', newPassword: NEW_PASSWORD }, current.id),
      { status: 400, code: 'validation.currentPasswordWrong' },
    )
    expect(error.field).toBe('currentPassword')

    expect(await sessionCount(user.id)).toBe(2)
    expect((await authenticate(db, user.email, DEFAULT_PASSWORD))?.id).toBe(user.id)
    const changes = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, user.id), eq(auditLog.action, 'user.password_changed')))
    expect(changes).toHaveLength(0)
  })
})

/** A fresh reset link for `email`: the token of the newest reset email. */
async function newResetLink(email: string) {
  await requestPasswordReset(db, email, links)
  const mail = (await outboxTo(email)).filter((m) => m.template === 'reset_password').at(-1)
  if (!mail) throw new Error('no reset email')
  return tokenIn(mail.textBody, '/reset-password?token=')
}

describe('a new password ends the account’s other reset links', () => {
  test('a reset ends every other outstanding reset link of the account, and no one else’s', async () => {
    const user = await createUser()
    const bystander = await createUser()
    const used = await newResetLink(user.email)
    const earlier = await newResetLink(user.email)
    const later = await newResetLink(user.email)
    const theirs = await newResetLink(bystander.email)

    expect(await resetPassword(db, used, NEW_PASSWORD)).toBe(true)
    expect(await isResetTokenUsable(db, earlier)).toBe(false)
    expect(await isResetTokenUsable(db, later)).toBe(false)
    expect(await resetPassword(db, later, 'an intruder’s passphrase')).toBe(false)
    expect((await authenticate(db, user.email, NEW_PASSWORD))?.id).toBe(user.id)
    expect(await isResetTokenUsable(db, theirs)).toBe(true)
  })

  test('a change of password ends every outstanding reset link, and the other sessions as before', async () => {
    const user = await createUser()
    const current = await createSession(db, user.id)
    await createSession(db, user.id)
    const link = await newResetLink(user.email)

    await changePassword(db, user.actor, { currentPassword: DEFAULT_PASSWORD, newPassword: NEW_PASSWORD }, current.id)

    expect(await isResetTokenUsable(db, link)).toBe(false)
    expect(await resetPassword(db, link, 'an intruder’s passphrase')).toBe(false)
    expect((await authenticate(db, user.email, NEW_PASSWORD))?.id).toBe(user.id)
    expect(await sessionCount(user.id)).toBe(1)
  })

  test('a password set by an operator (hub create-user) ends them too', async () => {
    const user = await createUser()
    const link = await newResetLink(user.email)
    await createOrUpdateUser(db, { email: user.email, password: NEW_PASSWORD, role: 'user' })
    expect(await isResetTokenUsable(db, link)).toBe(false)
  })
})

describe('the current-password check on /account/password', () => {
  const saved = { account: process.env.RATE_LIMIT_ACCOUNT_PER_WINDOW, ip: process.env.RATE_LIMIT_IP_PER_WINDOW }
  afterEach(() => {
    for (const [name, value] of [['RATE_LIMIT_ACCOUNT_PER_WINDOW', saved.account], ['RATE_LIMIT_IP_PER_WINDOW', saved.ip]] as const) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
    resetEnvCache()
  })

  function limits(perAccount: number, perClient: number) {
    process.env.RATE_LIMIT_ACCOUNT_PER_WINDOW = String(perAccount)
    process.env.RATE_LIMIT_IP_PER_WINDOW = String(perClient)
    resetEnvCache()
  }

  /** A signed-in person posts the change-password form from `client`, reading French. */
  async function signedIn(user: TestUser) {
    const { token } = await createSession(db, user.id)
    return async (currentPassword: string, client: string) => {
      const body = new URLSearchParams({ currentPassword, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })
      const headers = { Cookie: `hub_session=${token}`, 'X-Hub-Client-Ip': client, 'Accept-Language': 'fr' }
      const reply = await changePasswordAction({ request: new Request('http://localhost/account/password', { method: 'POST', body, headers }), params: {}, context: { cspNonce: '' } })
      if (reply instanceof Response) return { status: reply.status, errors: [] as string[], retryAfter: reply.headers.get('Retry-After') }
      const { init, data } = reply as { init: ResponseInit | null; data: { result: { error?: Record<string, string[] | null> | null } } }
      const errors = Object.values(data.result.error ?? {}).flatMap((e) => e ?? [])
      return { status: init?.status ?? 200, errors, retryAfter: new Headers(init?.headers).get('Retry-After') }
    }
  }

  const client = () => `198.51.100.${Math.floor(Math.random() * 250)}-${uniqueSuffix()}`

  test('is limited per account, from any client, with a 429 in the reader’s language', async () => {
    limits(3, 1000)
    const user = await createUser()
    const post = await signedIn(user)
    for (let i = 0; i < 3; i++) expect((await post('not my password', client())).status).toBe(400)

    const blocked = await post(DEFAULT_PASSWORD, client())
    expect(blocked.status).toBe(429)
    expect(Number(blocked.retryAfter)).toBeGreaterThan(0)
    expect(blocked.errors.join(' ')).toMatch(/tentatives/)
    // Even the right password waits: the limit is on guessing, whatever the guess.
    expect((await authenticate(db, user.email, DEFAULT_PASSWORD))?.id).toBe(user.id)
    expect(await authenticate(db, user.email, NEW_PASSWORD)).toBeNull()
  })

  test('a right current password forgets the misses before it; misses alone are still limited', async () => {
    limits(3, 1000)
    const user = await createUser()
    const post = await signedIn(user)
    for (let i = 0; i < 2; i++) expect((await post('not my password', client())).status).toBe(400)
    expect((await post(DEFAULT_PASSWORD, client())).status).toBe(302)
    // Counted with the two misses and the success, the first of these would be refused.
    for (let i = 0; i < 3; i++) expect((await post('not my password', client())).status).toBe(400)
    expect((await post(NEW_PASSWORD, client())).status).toBe(429)
  })

  test('is limited per client, across accounts', async () => {
    limits(1000, 3)
    const from = client()
    for (let i = 0; i < 3; i++) {
      const post = await signedIn(await createUser())
      expect((await post('not my password', from)).status).toBe(400)
    }
    const user = await createUser()
    const post = await signedIn(user)
    expect((await post(DEFAULT_PASSWORD, from)).status).toBe(429)
    expect((await post(DEFAULT_PASSWORD, client())).status).toBe(302)
    expect((await authenticate(db, user.email, NEW_PASSWORD))?.id).toBe(user.id)
  })
})
