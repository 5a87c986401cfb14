import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { rateLimits } from '#db/schema/index'
import { db } from '~/utils/db.server'
import { env } from '~/utils/env.server'
import { countSensitiveAttempt, hitRateLimit } from '~/utils/rate-limit.server'
import { uniqueEmail, uniqueSuffix } from '../factories'
import { sleep } from './support'

const key = (label: string) => `test:${label}:${uniqueSuffix()}`

describe('hitRateLimit', () => {
  test('allows `limit` hits in a window, then refuses with the time left', async () => {
    const k = key('window')
    for (let i = 1; i <= 3; i++) {
      expect(await hitRateLimit(db, k, 3, 60_000), `hit ${i}`).toMatchObject({ allowed: true })
    }
    const refused = await hitRateLimit(db, k, 3, 60_000)
    expect(refused.allowed).toBe(false)
    expect(refused.retryAfterSeconds).toBeGreaterThan(50)
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60)
    expect((await hitRateLimit(db, k, 3, 60_000)).allowed).toBe(false)
  })

  test('keys are counted separately', async () => {
    const a = key('a')
    const b = key('b')
    expect((await hitRateLimit(db, a, 1, 60_000)).allowed).toBe(true)
    expect((await hitRateLimit(db, a, 1, 60_000)).allowed).toBe(false)
    expect((await hitRateLimit(db, b, 1, 60_000)).allowed).toBe(true)
  })

  test('a new window starts once the old one has passed', async () => {
    const k = key('reset')
    const windowMs = 1_000
    expect((await hitRateLimit(db, k, 2, windowMs)).allowed).toBe(true)
    expect((await hitRateLimit(db, k, 2, windowMs)).allowed).toBe(true)
    expect((await hitRateLimit(db, k, 2, windowMs)).allowed).toBe(false)
    await sleep(windowMs + 200)
    expect((await hitRateLimit(db, k, 2, windowMs)).allowed).toBe(true)
    const [row] = await db.select().from(rateLimits).where(eq(rateLimits.key, k))
    expect(row!.hits).toBe(1)
    expect((await hitRateLimit(db, k, 2, windowMs)).allowed).toBe(true)
    expect((await hitRateLimit(db, k, 2, windowMs)).allowed).toBe(false)
  })

  test('under 20 concurrent hits exactly `limit` are allowed', async () => {
    const k = key('concurrent')
    const results = await Promise.all(Array.from({ length: 20 }, () => hitRateLimit(db, k, 7, 60_000)))
    expect(results.filter((r) => r.allowed)).toHaveLength(7)
    const [row] = await db.select().from(rateLimits).where(eq(rateLimits.key, k))
    expect(row!.hits).toBe(20)
  })

  test('under concurrency a fresh key also allows exactly `limit`, over several rounds', async () => {
    for (let round = 0; round < 5; round++) {
      const k = key(`race${round}`)
      const results = await Promise.all(Array.from({ length: 20 }, () => hitRateLimit(db, k, 1, 60_000)))
      expect(results.filter((r) => r.allowed)).toHaveLength(1)
    }
  })
})

describe('countSensitiveAttempt', () => {
  const request = (ip: string) => new Request('http://hub.test/login', { method: 'POST', headers: { 'X-Hub-Client-Ip': ip } })
  const blocked = async (ip: string, scope: string, account: string) => (await countSensitiveAttempt(db, request(ip), scope, account)).blocked

  test('limits one account across addresses, and one address across accounts', async () => {
    const { RATE_LIMIT_ACCOUNT_PER_WINDOW: perAccount, RATE_LIMIT_IP_PER_WINDOW: perIp } = env()
    const account = uniqueEmail('target')
    for (let i = 0; i < perAccount; i++) {
      expect(await blocked(`198.51.100.${i}`, 'login', account)).toBeNull()
    }
    expect(await blocked('198.51.100.200', 'login', account.toUpperCase())).toMatchObject({ allowed: false })
    expect(await blocked('198.51.100.201', 'signup', account)).toBeNull()

    const ip = `203.0.113.${Math.floor(Math.random() * 250)}:${uniqueSuffix()}`
    for (let i = 0; i < perIp; i++) {
      expect(await blocked(ip, 'reset', uniqueEmail('spray'))).toBeNull()
    }
    expect(await blocked(ip, 'reset', uniqueEmail('spray'))).toMatchObject({ allowed: false })
  })

  test('an attempt that succeeds forgets the account\'s attempts, and only that account\'s', async () => {
    const { RATE_LIMIT_ACCOUNT_PER_WINDOW: perAccount } = env()
    const [often, other] = [uniqueEmail('often'), uniqueEmail('other')]
    const attempts = async (account: string, count: number) => {
      for (let i = 0; i < count; i++) expect(await blocked(`198.51.100.${i}`, 'login', account)).toBeNull()
    }
    for (let round = 0; round < 3; round++) {
      await attempts(often, perAccount - 1)
      // The last attempt the window allows succeeds; the account written otherwise is the same account.
      const success = await countSensitiveAttempt(db, request('198.51.100.0'), 'login', often.toUpperCase())
      expect(success.blocked).toBeNull()
      await success.forget!()
    }
    await attempts(other, perAccount)
    const success = await countSensitiveAttempt(db, request('198.51.100.1'), 'login', often)
    await success.forget!()
    expect(await blocked('198.51.100.1', 'login', often)).toBeNull()
    expect(await blocked('198.51.100.1', 'login', other)).toMatchObject({ allowed: false })
  })

  test('a refused attempt has nothing to forget', async () => {
    const { RATE_LIMIT_ACCOUNT_PER_WINDOW: perAccount } = env()
    const account = uniqueEmail('refused')
    for (let i = 0; i < perAccount; i++) await countSensitiveAttempt(db, request(`198.51.100.${i}`), 'login', account)
    const refused = await countSensitiveAttempt(db, request('198.51.100.1'), 'login', account)
    expect(refused.blocked).toMatchObject({ allowed: false })
    expect(refused.forget).toBeUndefined()
  })
})
