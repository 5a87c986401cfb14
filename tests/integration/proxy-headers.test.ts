import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { createApp } from '~/server/http'
import { resetEnvCache } from '~/utils/env.server'
import { logger } from '~/utils/logger.server'

const savedTrustProxy = process.env.TRUST_PROXY
afterEach(() => {
  if (savedTrustProxy === undefined) delete process.env.TRUST_PROXY
  else process.env.TRUST_PROXY = savedTrustProxy
  resetEnvCache()
  vi.restoreAllMocks()
})

/**
 * The Hub's HTTP server (the real Express pipeline) on a free port. Requests go to a missing static asset, which
 * the pipeline answers before Remix, so no app build is needed.
 */
async function hub(trustProxy: string | undefined) {
  if (trustProxy === undefined) delete process.env.TRUST_PROXY
  else process.env.TRUST_PROXY = trustProxy
  resetEnvCache()
  const app = createApp({ build: () => Promise.reject(new Error('no Remix build in this test')), clientDir: '/nonexistent' })
  const server = app.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    get: (headers: Record<string, string> = {}) => fetch(`${origin}/assets/missing.js`, { headers }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

const proxyWarnings = (warn: { mock: { calls: unknown[][] } }) => warn.mock.calls.filter((args) => JSON.stringify(args).includes('TRUST_PROXY'))

describe('proxy headers while TRUST_PROXY is unset', () => {
  test.each([
    [{ 'X-Forwarded-For': '203.0.113.9' }],
    [{ Forwarded: 'for=203.0.113.9;proto=https' }],
    [{ 'X-Real-IP': '203.0.113.9' }],
  ])('%j makes the Hub warn the operator, once', async (headers) => {
    const warn = vi.spyOn(logger(), 'warn')
    const server = await hub(undefined)
    try {
      expect((await server.get()).status).toBe(404)
      expect(proxyWarnings(warn)).toHaveLength(0)
      expect((await server.get(headers)).status).toBe(404)
      expect((await server.get({ 'X-Forwarded-For': '198.51.100.1', Forwarded: 'for=198.51.100.1' })).status).toBe(404)
      expect(proxyWarnings(warn)).toHaveLength(1)
    } finally {
      await server.close()
    }
  })

  test('with TRUST_PROXY set, proxy headers are expected and nothing is logged', async () => {
    const warn = vi.spyOn(logger(), 'warn')
    const server = await hub('loopback')
    try {
      expect((await server.get({ 'X-Forwarded-For': '203.0.113.9' })).status).toBe(404)
      expect(proxyWarnings(warn)).toHaveLength(0)
    } finally {
      await server.close()
    }
  })
})
