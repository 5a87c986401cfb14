import { randomUUID } from 'node:crypto'
import type { ActionFunctionArgs } from '@remix-run/node'
import { and, eq, sql } from 'drizzle-orm'
import { afterEach, describe, expect, test } from 'vitest'
import { auditLog, recoveryCodes, sessions, users } from '#db/schema/index'
import { newTotpKey, totpCodeAt, totpKeyText } from '~/domain/accounts/second-factor'
import { enrolTotp } from '~/domain/accounts/second-factor.server'
import { createSession, validateSessionToken } from '~/domain/accounts/sessions.server'
import { getSession } from '~/http/session.server'
import { action as confirmAction } from '~/routes/account_.confirm'
import { action as settingsAction } from '~/routes/account.two-factor'
import { action as loginAction } from '~/routes/login'
import { action as secondStepAction, loader as secondStepLoader } from '~/routes/login_.two-factor'
import { action as allocateAction } from '~/routes/secretariat.fund_.allocate'
import { loader as verificationLoader } from '~/routes/secretariat.verification'
import { db } from '~/utils/db.server'
import { resetEnvCache } from '~/utils/env.server'
import { createUser, type TestUser } from '../factories'

const ORIGIN = 'http://localhost:3000'
type RouteFn = (args: ActionFunctionArgs) => Promise<unknown>

/** What a route answered, whether it returned or threw it: a Response, or Remix's `data()` value. */
interface Answer {
  status: number
  location: string | null
  cookies: string[]
  body: unknown
}

async function answer(run: () => Promise<unknown>): Promise<Answer> {
  const outcome = await run().then(
    (value) => value,
    (error: unknown) => {
      if (error instanceof Response) return error
      throw error
    },
  )
  if (outcome instanceof Response) {
    return { status: outcome.status, location: outcome.headers.get('Location'), cookies: outcome.headers.getSetCookie(), body: null }
  }
  if (outcome && typeof outcome === 'object' && 'init' in outcome && 'data' in outcome) {
    const { init, data } = outcome as { init: ResponseInit | null; data: unknown }
    return { status: init?.status ?? 200, location: null, cookies: new Headers(init?.headers).getSetCookie(), body: data }
  }
  return { status: 200, location: null, cookies: [], body: outcome }
}

function request(path: string, options: { cookie?: string; form?: Record<string, string>; ip?: string } = {}) {
  const headers = new Headers({ 'X-Hub-Client-Ip': options.ip ?? `198.51.100.${Math.floor(Math.random() * 250)}` })
  if (options.cookie) headers.set('Cookie', options.cookie)
  if (!options.form) return new Request(`${ORIGIN}${path}`, { headers })
  headers.set('Content-Type', 'application/x-www-form-urlencoded')
  return new Request(`${ORIGIN}${path}`, { method: 'POST', headers, body: new URLSearchParams(options.form) })
}

const call = (route: RouteFn, req: Request) => answer(() => route({ request: req, params: {}, context: { cspNonce: '' } }))

/** The `name=value` of a Set-Cookie header, to send back. */
function cookieNamed(cookies: string[], name: string) {
  const found = cookies.find((c) => c.startsWith(`${name}=`))
  return found ? found.split(';')[0]! : null
}

/** An account with TOTP on, enrolled a step ago so that the current step's code is still unused. */
async function enrolledUser(role: 'user' | 'secretariat' = 'user') {
  const user = await createUser({ role })
  const key = newTotpKey()
  const { id: sessionId } = await createSession(db, user.id)
  const aStepAgo = new Date(Date.now() - 30_000)
  const codes = await enrolTotp(db, { user: user.actor, sessionId, key, code: totpCodeAt(key, aStepAgo), now: aStepAgo })
  return { user, key, codes }
}

async function logIn(user: TestUser, ip = `203.0.113.${Math.floor(Math.random() * 250)}`) {
  const res = await call(loginAction, request('/login', { form: { email: user.email, password: user.password, redirectTo: '/dashboard' }, ip }))
  const cookie = cookieNamed(res.cookies, 'hub_session')
  expect(cookie, 'the login set no session cookie').not.toBeNull()
  return { res, cookie: cookie! }
}

async function sessionRow(cookie: string) {
  const token = cookie.split('=')[1]!
  const [row] = await db.select().from(sessions).where(eq(sessions.id, token.split('.')[0]!))
  return row
}

async function auditActions(userId: string) {
  const rows = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, userId)).orderBy(auditLog.createdAt)
  return rows.map((r) => r.action)
}

function deploy(appUrl: string | undefined) {
  if (appUrl) process.env.APP_URL = appUrl
  else delete process.env.APP_URL
  resetEnvCache()
}

afterEach(() => deploy(undefined))

describe('logging in with a second factor', () => {
  test('the password opens only a partial session; the code from the app completes it', async () => {
    const { user, key } = await enrolledUser()
    const { res, cookie } = await logIn(user)
    expect(res.status).toBe(302)
    expect(res.location).toBe('/login/two-factor?redirectTo=%2Fdashboard')

    const partial = await validateSessionToken(db, cookie.split('=')[1]!)
    expect(partial).toMatchObject({ secondFactorEnrolled: true, twoFactorVerified: false })
    // A partial session can do nothing else: every other page sends it back to the second step.
    const elsewhere = await answer(() => getSession(request('/secretariat/fund', { cookie })))
    expect(elsewhere).toMatchObject({ status: 302, location: '/login/two-factor?redirectTo=%2Fsecretariat%2Ffund' })
    expect((await call(secondStepLoader, request('/login/two-factor', { cookie }))).status).toBe(200)

    const wrong = await call(secondStepAction, request('/login/two-factor', { cookie, form: { kind: 'totp', code: '000000' } }))
    expect(wrong.status).toBe(400)
    expect(JSON.stringify(wrong.body)).toContain('The code is not correct, or it has already been used.')
    expect((await sessionRow(cookie))?.twoFactorVerified).toBe(false)

    const done = await call(secondStepAction, request('/login/two-factor', { cookie, form: { kind: 'totp', code: totpCodeAt(key, new Date()), redirectTo: '/dashboard' } }))
    expect(done).toMatchObject({ status: 302, location: '/dashboard' })
    expect((await sessionRow(cookie))?.twoFactorVerified).toBe(true)
    expect(await getSession(request('/dashboard', { cookie }))).toMatchObject({ user: { id: user.id } })
    expect(await auditActions(user.id)).toEqual(['user.second_factor_enabled', 'user.logged_in'])
  })

  test('a code is accepted once: the same code cannot complete a second login', async () => {
    const { user, key } = await enrolledUser()
    const code = totpCodeAt(key, new Date())
    const first = await logIn(user)
    expect((await call(secondStepAction, request('/login/two-factor', { cookie: first.cookie, form: { kind: 'totp', code } }))).status).toBe(302)
    const second = await logIn(user)
    const replay = await call(secondStepAction, request('/login/two-factor', { cookie: second.cookie, form: { kind: 'totp', code } }))
    expect(replay.status).toBe(400)
    expect((await sessionRow(second.cookie))?.twoFactorVerified).toBe(false)
  })

  test('a recovery code completes the login once, is recorded, and then no longer works', async () => {
    const { user, codes } = await enrolledUser()
    const [code] = codes
    const first = await logIn(user)
    const used = await call(secondStepAction, request('/login/two-factor', { cookie: first.cookie, form: { kind: 'recovery', code: code!.toUpperCase() } }))
    expect(used).toMatchObject({ status: 302, location: '/dashboard' })
    expect(cookieNamed(used.cookies, 'hub_flash')).toContain('recoveryCodeUsed')
    expect((await sessionRow(first.cookie))?.twoFactorVerified).toBe(true)
    const [audit] = await db
      .select({ summary: auditLog.summary })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, user.id), eq(auditLog.action, 'user.recovery_code_used')))
    expect(audit?.summary).toEqual({ left: 9 })

    const second = await logIn(user)
    const again = await call(secondStepAction, request('/login/two-factor', { cookie: second.cookie, form: { kind: 'recovery', code: code! } }))
    expect(again.status).toBe(400)
    expect((await sessionRow(second.cookie))?.twoFactorVerified).toBe(false)
    const stored = await db.select({ hash: recoveryCodes.codeHash }).from(recoveryCodes).where(eq(recoveryCodes.userId, user.id))
    expect(stored).toHaveLength(10)
    expect(stored.some((r) => Buffer.from(r.hash).toString('utf8').includes(code!))).toBe(false)
  })

  test('code attempts are rate-limited per account', async () => {
    const { user } = await enrolledUser()
    const { cookie } = await logIn(user)
    const statuses: number[] = []
    for (let i = 0; i < 11; i++) {
      statuses.push((await call(secondStepAction, request('/login/two-factor', { cookie, form: { kind: 'totp', code: '000000' } }))).status)
    }
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true)
    expect(statuses[10]).toBe(429)
  })

  test('a person who completes the second step often is never locked out: each success forgets the misses before it', async () => {
    const { user, codes } = await enrolledUser()
    const step = (cookie: string, kind: 'totp' | 'recovery', code: string) =>
      call(secondStepAction, request('/login/two-factor', { cookie, form: { kind, code } }))
    // Six logins, each with one wrong code and then a recovery code: twelve attempts, more than the per-account limit.
    for (let round = 0; round < 6; round++) {
      const { cookie } = await logIn(user)
      expect((await step(cookie, 'totp', '000000')).status, `miss ${round}`).toBe(400)
      expect((await step(cookie, 'recovery', codes[round]!)).status, `success ${round}`).toBe(302)
    }
    // Misses alone are still limited.
    const { cookie } = await logIn(user)
    const misses: number[] = []
    for (let i = 0; i < 11; i++) misses.push((await step(cookie, 'totp', '000000')).status)
    expect(misses.slice(0, 10).every((s) => s === 400)).toBe(true)
    expect(misses[10]).toBe(429)
  })

  test('a person who logs in often is never locked out: each login forgets the misses before it', async () => {
    const user = await createUser()
    // One client of its own, so that only the account's limit can refuse (23 attempts, under the client's 30).
    const ip = `203.0.113.1-${randomUUID()}`
    const login = (password: string) => call(loginAction, request('/login', { form: { email: user.email, password, redirectTo: '/dashboard' }, ip }))
    // Six rounds of one miss and one login: twelve attempts, more than the per-account limit of a window.
    for (let round = 0; round < 6; round++) {
      expect((await login('not the password')).status, `miss ${round}`).toBe(400)
      expect((await login(user.password)).status, `login ${round}`).toBe(302)
    }
    // Misses alone are still limited.
    const misses: number[] = []
    for (let i = 0; i < 11; i++) misses.push((await login('not the password')).status)
    expect(misses.slice(0, 10).every((s) => s === 400)).toBe(true)
    expect(misses[10]).toBe(429)
  })

  test('without a second factor the password alone logs in, as before', async () => {
    const user = await createUser()
    const { res, cookie } = await logIn(user)
    expect(res).toMatchObject({ status: 302, location: '/dashboard' })
    expect(await getSession(request('/dashboard', { cookie }))).toMatchObject({ user: { id: user.id } })
  })
})

describe('the second factor required of the secretariat and admins', () => {
  test('with APP_URL set, an unenrolled secretariat account is sent to enrolment from every page but enrolment and logout', async () => {
    deploy('http://hub.test')
    const secretariat = await createUser({ role: 'secretariat' })
    const { cookie } = await logIn(secretariat)
    for (const path of ['/dashboard', '/secretariat/fund', '/requests', '/account']) {
      expect(await answer(() => getSession(request(path, { cookie }))), path).toMatchObject({ status: 302, location: '/account/two-factor' })
    }
    expect((await call(verificationLoader, request('/secretariat/verification', { cookie }))).location).toBe('/account/two-factor')
    expect(await getSession(request('/account/two-factor', { cookie }))).toMatchObject({ user: { id: secretariat.id } })
    expect(await getSession(request('/logout', { cookie }))).toMatchObject({ user: { id: secretariat.id } })

    // Enrolling from that page lifts the restriction at once.
    const key = newTotpKey()
    const enrolled = await call(settingsAction, request('/account/two-factor', { cookie, form: { intent: 'enrol', key: totpKeyText(key), code: totpCodeAt(key, new Date()) } }))
    expect(enrolled.status).toBe(200)
    expect((enrolled.body as { recoveryCodes: string[] }).recoveryCodes).toHaveLength(10)
    expect(await getSession(request('/secretariat/fund', { cookie }))).toMatchObject({ user: { id: secretariat.id } })
    expect(await auditActions(secretariat.id)).toContain('user.second_factor_enabled')
  })

  test('other accounts are not required to enrol, even with APP_URL set', async () => {
    deploy('http://hub.test')
    const user = await createUser()
    const { cookie } = await logIn(user)
    expect(await getSession(request('/dashboard', { cookie }))).toMatchObject({ user: { id: user.id } })
  })

  test('without APP_URL (the local demo) the secretariat works with its password alone', async () => {
    const secretariat = await createUser({ role: 'secretariat' })
    const { cookie } = await logIn(secretariat)
    expect(await getSession(request('/secretariat/fund', { cookie }))).toMatchObject({ user: { id: secretariat.id } })
    expect((await call(verificationLoader, request('/secretariat/verification', { cookie }))).status).toBe(200)
  })

  test('a wrong first code enrols nothing and shows the same key again', async () => {
    const user = await createUser()
    const { cookie } = await logIn(user)
    const key = newTotpKey()
    const refused = await call(settingsAction, request('/account/two-factor', { cookie, form: { intent: 'enrol', key: totpKeyText(key), code: '000000' } }))
    expect(refused.status).toBe(400)
    expect((refused.body as { setup: { keyText: string } }).setup.keyText).toBe(totpKeyText(key))
    const [row] = await db.select({ key: users.totpKey }).from(users).where(eq(users.id, user.id))
    expect(row?.key).toBeNull()
  })
})

describe('step-up before sensitive steps', () => {
  async function staleSession(user: TestUser) {
    const { cookie } = await logIn(user)
    const id = cookie.split('=')[1]!.split('.')[0]!
    await db.execute(sql`update sessions set last_verified_at = now() - interval '11 minutes' where id = ${id}`)
    return cookie
  }
  const allocation = () => ({ projectId: randomUUID(), pool: 'general', amountUsd: '1000', note: 'Seed money for the workshop series' })

  test('a fresh login counts as recent: an allocation right after it is not interrupted', async () => {
    const secretariat = await createUser({ role: 'secretariat' })
    const { cookie } = await logIn(secretariat)
    const res = await call(allocateAction, request('/secretariat/fund/allocate', { cookie, form: allocation() }))
    expect(res.location ?? '').not.toContain('/account/confirm')
  })

  test('after ten minutes the allocation asks for the password, keeps the form, and goes through afterwards', async () => {
    const secretariat = await createUser({ role: 'secretariat' })
    const cookie = await staleSession(secretariat)
    const typed = allocation()
    const interrupted = await call(allocateAction, request('/secretariat/fund/allocate?project=abc', { cookie, form: typed }))
    expect(interrupted).toMatchObject({ status: 302, location: '/account/confirm?redirectTo=%2Fsecretariat%2Ffund%2Fallocate%3Fproject%3Dabc' })
    const kept = cookieNamed(interrupted.cookies, 'hub_resubmit')
    expect(kept).not.toBeNull()

    const wrong = await call(confirmAction, request('/account/confirm', { cookie: `${cookie}; ${kept}`, form: { method: 'password', password: 'not the password', redirectTo: '/secretariat/fund/allocate?project=abc' } }))
    expect(wrong.status).toBe(400)

    const confirmed = await call(confirmAction, request('/account/confirm', { cookie: `${cookie}; ${kept}`, form: { method: 'password', password: secretariat.password, redirectTo: '/secretariat/fund/allocate?project=abc' } }))
    expect(confirmed.status).toBe(200)
    const { resubmission } = confirmed.body as { resubmission: { action: string; fields: [string, string][] } }
    expect(resubmission.action).toBe('/secretariat/fund/allocate?project=abc')
    expect(Object.fromEntries(resubmission.fields)).toEqual(typed)

    const again = await call(allocateAction, request('/secretariat/fund/allocate?project=abc', { cookie, form: typed }))
    expect(again.location ?? '').not.toContain('/account/confirm')
  })

  test('a person who confirms often is never locked out: each confirmation forgets the misses before it', async () => {
    const secretariat = await createUser({ role: 'secretariat' })
    const cookie = await staleSession(secretariat)
    const confirm = (password: string) =>
      call(confirmAction, request('/account/confirm', { cookie, form: { method: 'password', password, redirectTo: '/secretariat/fund' } }))
    // Ten rounds of one miss and one confirmation: twenty attempts, twice the per-account limit of a window.
    for (let round = 0; round < 10; round++) {
      expect((await confirm('not the password')).status, `miss ${round}`).toBe(400)
      expect((await confirm(secretariat.password)).status, `confirmation ${round}`).toBe(302)
    }
    // Misses alone are still limited.
    const misses: number[] = []
    for (let i = 0; i < 11; i++) misses.push((await confirm('not the password')).status)
    expect(misses.slice(0, 10).every((s) => s === 400)).toBe(true)
    expect(misses[10]).toBe(429)
  })

  test('without a kept form, confirming goes straight back; a code from the app also confirms', async () => {
    const { user, key } = await enrolledUser('secretariat')
    const { cookie } = await logIn(user)
    await call(secondStepAction, request('/login/two-factor', { cookie, form: { kind: 'totp', code: totpCodeAt(key, new Date()) } }))
    const id = cookie.split('=')[1]!.split('.')[0]!
    await db.execute(sql`update sessions set last_verified_at = now() - interval '11 minutes' where id = ${id}`)
    const next = totpCodeAt(key, new Date(Date.now() + 30_000))
    const back = await call(confirmAction, request('/account/confirm', { cookie, form: { method: 'code', code: next, redirectTo: '/secretariat/fund' } }))
    expect(back).toMatchObject({ status: 302, location: '/secretariat/fund' })
    expect(Date.now() - (await sessionRow(cookie))!.lastVerifiedAt.getTime()).toBeLessThan(60_000)
  })

  test('turning the second factor off needs a recent confirmation, and is recorded', async () => {
    const { user, key } = await enrolledUser()
    const { cookie } = await logIn(user)
    await call(secondStepAction, request('/login/two-factor', { cookie, form: { kind: 'totp', code: totpCodeAt(key, new Date()) } }))
    const id = cookie.split('=')[1]!.split('.')[0]!
    await db.execute(sql`update sessions set last_verified_at = now() - interval '11 minutes' where id = ${id}`)
    const stale = await call(settingsAction, request('/account/two-factor', { cookie, form: { intent: 'disable' } }))
    expect(stale.location).toBe('/account/confirm?redirectTo=%2Faccount%2Ftwo-factor')
    const [still] = await db.select({ key: users.totpKey }).from(users).where(eq(users.id, user.id))
    expect(still?.key).not.toBeNull()

    await db.execute(sql`update sessions set last_verified_at = now() where id = ${id}`)
    const off = await call(settingsAction, request('/account/two-factor', { cookie, form: { intent: 'disable' } }))
    expect(off).toMatchObject({ status: 302, location: '/account/two-factor' })
    const [row] = await db.select({ key: users.totpKey }).from(users).where(eq(users.id, user.id))
    expect(row?.key).toBeNull()
    expect(await db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id))).toHaveLength(0)
    expect(await auditActions(user.id)).toContain('user.second_factor_disabled')
  })
})
