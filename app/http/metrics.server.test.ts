import { afterEach, describe, expect, test } from 'vitest'
import { env, resetEnvCache } from '~/utils/env.server'
import { mayReadMetrics } from './metrics.server'

const token = 'a'.repeat(20) + 'metrics-token-for-tests'

describe('mayReadMetrics', () => {
  test('a client on this machine may read, over IPv4 or IPv6', () => {
    for (const remoteAddress of ['127.0.0.1', '127.0.0.53', '::1', '::ffff:127.0.0.1']) {
      expect(mayReadMetrics({ remoteAddress, headers: {}, token: undefined })).toBe(true)
    }
  })

  test('a client elsewhere may not, whatever it says it is', () => {
    for (const remoteAddress of ['203.0.113.9', '10.0.0.2', '::ffff:192.0.2.1', '2001:db8::1', '127.0.0.1.example', undefined]) {
      expect(mayReadMetrics({ remoteAddress, headers: {}, token: undefined })).toBe(false)
      expect(mayReadMetrics({ remoteAddress, headers: { 'x-forwarded-for': '127.0.0.1' }, token: undefined })).toBe(false)
    }
  })

  test('a request relayed by a proxy on this machine is not a local client', () => {
    for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip', 'x-forwarded-host']) {
      expect(mayReadMetrics({ remoteAddress: '127.0.0.1', headers: { [header]: '203.0.113.9' }, token: undefined })).toBe(false)
    }
  })

  test('the bearer token lets anyone read; a wrong, partial or missing one does not', () => {
    const remoteAddress = '203.0.113.9'
    expect(mayReadMetrics({ remoteAddress, headers: { authorization: `Bearer ${token}` }, token })).toBe(true)
    expect(mayReadMetrics({ remoteAddress: '127.0.0.1', headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': '203.0.113.9' }, token })).toBe(true)
    expect(mayReadMetrics({ remoteAddress, headers: { authorization: `Bearer ${token}x` }, token })).toBe(false)
    expect(mayReadMetrics({ remoteAddress, headers: { authorization: `Bearer ${token.slice(0, -1)}` }, token })).toBe(false)
    expect(mayReadMetrics({ remoteAddress, headers: { authorization: token }, token })).toBe(false)
    expect(mayReadMetrics({ remoteAddress, headers: { authorization: `Basic ${token}` }, token })).toBe(false)
    expect(mayReadMetrics({ remoteAddress, headers: {}, token })).toBe(false)
  })

  test('without METRICS_TOKEN configured, no bearer token opens it', () => {
    expect(mayReadMetrics({ remoteAddress: '203.0.113.9', headers: { authorization: 'Bearer ' }, token: undefined })).toBe(false)
    expect(mayReadMetrics({ remoteAddress: '203.0.113.9', headers: { authorization: 'Bearer undefined' }, token: undefined })).toBe(false)
  })
})

describe('METRICS_TOKEN', () => {
  const saved = process.env.METRICS_TOKEN
  afterEach(() => {
    if (saved === undefined) delete process.env.METRICS_TOKEN
    else process.env.METRICS_TOKEN = saved
    resetEnvCache()
  })
  const given = (value: string) => {
    process.env.METRICS_TOKEN = value
    resetEnvCache()
    return () => env()
  }

  test('a token of 32 characters or more is taken', () => {
    expect(given(token)().METRICS_TOKEN).toBe(token)
    expect(given('x'.repeat(32))().METRICS_TOKEN).toBe('x'.repeat(32))
  })

  test('a short token, or one that cannot travel in a header, stops the Hub with a message naming it', () => {
    expect(given('x'.repeat(31))).toThrow(/METRICS_TOKEN: at least 32 characters/)
    expect(given(`${'x'.repeat(32)} with spaces`)).toThrow(/METRICS_TOKEN: letters, digits/)
  })
})
