import { once } from 'node:events'
import { connect, type AddressInfo } from 'node:net'
import { prettyFactory } from 'pino-pretty'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createApp } from '~/server/http'
import { resetEnvCache } from '~/utils/env.server'
import { translator } from '~/utils/i18n.server'
import { createLogger, prettyOptions } from '~/utils/logger.server'
import { dropSingleton, singleton } from '~/utils/singleton.server'

// The request id and the logs, through the real Express pipeline. The Remix build is a function that fails as
// the test says (a bug, or the database gone), so the pipeline's own error answers are what is seen; the pages'
// answers during an outage are in outage.test.ts.

interface LogLine {
  level: number
  msg: string
  requestId?: string
  http?: { method: string; path: string; status: number; ms: number }
  [key: string]: unknown
}

const lines: LogLine[] = []
let failWith: Error = new Error('a bug in the page')
let origin = ''
let close: () => Promise<void>

/** The pipeline as configured by TRUST_PROXY (behind a proxy on this machine, or facing clients directly). */
async function listen(trustProxy: string) {
  process.env.TRUST_PROXY = trustProxy
  resetEnvCache()
  const app = createApp({ build: () => Promise.reject(failWith), clientDir: '/nonexistent' })
  const server = app.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

let port = 0
beforeAll(async () => {
  // The process's logger, writing JSON here instead of stdout (the app calls logger() as always).
  dropSingleton('logger')
  singleton('logger', () => createLogger({ level: 'debug', destination: { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) } }))
  ;({ origin, port, close } = await listen('loopback'))
})
afterAll(async () => {
  await close()
  delete process.env.TRUST_PROXY
  resetEnvCache()
  dropSingleton('logger')
})

/** Sends one request exactly as written, bypassing every client's URL checks, and returns the status line. */
function rawRequest(requestLine: string) {
  return new Promise<string>((resolve, reject) => {
    let answer = ''
    const socket = connect(port, '127.0.0.1', () => socket.write(`${requestLine}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`))
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()))
    socket.on('error', reject)
    socket.on('close', () => resolve(answer.split('\r\n')[0] ?? ''))
  })
}
beforeEach(() => {
  lines.length = 0
  failWith = new Error('a bug in the page')
})

const linesOf = (requestId: string) => lines.filter((line) => line.requestId === requestId)

describe('the request id', () => {
  test('is generated, sent back in X-Request-Id, shown on the 500 page and carried by every log line of the request', async () => {
    const response = await fetch(`${origin}/requests/broken?token=s3cr3t-value`, { headers: { Accept: 'text/html' } })
    const requestId = response.headers.get('X-Request-Id')!
    expect(response.status).toBe(500)
    expect(requestId).toMatch(/^[A-Za-z0-9_-]{12}$/)
    const page = await response.text()
    expect(page).toContain(translator('en')('errors.requestId', { id: requestId }))
    expect(response.headers.get('Cache-Control')).toBe('no-store')

    // The error (logged deep in the pipeline, after an await) and the access line both carry it.
    const mine = linesOf(requestId)
    expect(mine.map((line) => line.msg)).toEqual([expect.stringContaining('unhandled error'), expect.stringMatching(/^GET \/requests\/broken 500 \d+ ms$/)])
    expect(mine[0]).toMatchObject({ level: 50, err: { message: 'a bug in the page' } })
    expect(mine[1]).toMatchObject({ level: 30, http: { method: 'GET', path: '/requests/broken', status: 500 } })
    // The query string, which may carry a token, is never logged.
    expect(JSON.stringify(lines)).not.toContain('s3cr3t')
  })

  test('a well-formed id from a proxy in front is kept; anything else is replaced', async () => {
    const kept = await fetch(`${origin}/livez`, { headers: { 'X-Request-Id': 'edge-01.abc_DEF-123' } })
    expect(kept.headers.get('X-Request-Id')).toBe('edge-01.abc_DEF-123')
    for (const bad of ['short', 'has space in it', 'x'.repeat(65), 'semi;colon-value', 'ümlaut-value']) {
      const replaced = await fetch(`${origin}/livez`, { headers: { 'X-Request-Id': encodeURI(bad) === bad ? bad : encodeURI(bad) } })
      expect(replaced.headers.get('X-Request-Id')).toMatch(/^[A-Za-z0-9_-]{12}$/)
    }
  })

  test('a client facing the Hub directly cannot choose its id; only a trusted proxy can', async () => {
    const direct = await listen('false')
    try {
      const response = await fetch(`${direct.origin}/livez`, { headers: { 'X-Request-Id': 'edge-01.abc_DEF-123' } })
      expect(response.headers.get('X-Request-Id')).toMatch(/^[A-Za-z0-9_-]{12}$/)
    } finally {
      await direct.close()
    }
  })

  test('a request target that is no URL gets a 400 and a logged line, and the process goes on answering', async () => {
    // Node and Express hand this target on as written; `new URL` refuses its port.
    expect(await rawRequest('GET http://hub.example:99999/requests HTTP/1.1')).toBe('HTTP/1.1 400 Bad Request')
    expect(lines.find((line) => line.http?.status === 400)?.http?.path).toBe('(not a URL)')
    expect((await fetch(`${origin}/livez`)).status).toBe(200)
  })

  test('an invitation’s token in the path is hidden from the access line', async () => {
    const response = await fetch(`${origin}/invitations/very-secret-invitation-token`)
    const access = linesOf(response.headers.get('X-Request-Id')!).find((line) => line.http)
    expect(access!.http!.path).toBe('/invitations/…')
    expect(JSON.stringify(lines)).not.toContain('very-secret-invitation-token')
  })
})

describe('a database that cannot be reached, outside any loader', () => {
  const unreachable = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })

  test('a browser gets 503, Retry-After and a short page in its language with the request id', async () => {
    failWith = unreachable()
    const response = await fetch(`${origin}/requests`, { headers: { Accept: 'text/html', 'Accept-Language': 'es-MX,es;q=0.9,en;q=0.5' } })
    const requestId = response.headers.get('X-Request-Id')!
    expect(response.status).toBe(503)
    expect(Number(response.headers.get('Retry-After'))).toBeGreaterThan(0)
    const page = await response.text()
    const t = translator('es')
    expect(page).toContain('<html lang="es" dir="ltr">')
    expect(page).toContain(t('errors.unavailableTitle'))
    expect(page).toContain(t('errors.requestId', { id: requestId }))
  })

  test('the language of a link (?lng=) wins, and Arabic is written right to left', async () => {
    failWith = unreachable()
    const page = await (await fetch(`${origin}/requests?lng=ar`, { headers: { Accept: 'text/html', 'Accept-Language': 'fr' } })).text()
    expect(page).toContain('<html lang="ar" dir="rtl">')
    expect(page).toContain(translator('ar')('errors.unavailableTitle'))
  })

  test('its "try again" link stays on the Hub, whatever the address was', async () => {
    failWith = unreachable()
    for (const target of ['/.//evil.example/', '//evil.example/requests', '/requests/..//evil.example']) {
      const page = await (await fetch(`${origin}${target}`, { headers: { Accept: 'text/html' } })).text()
      const links = [...page.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!)
      expect(links.filter((href) => !href.startsWith('/') || href.startsWith('//')), target).toEqual([])
    }
  })

  test('the API answers JSON', async () => {
    failWith = unreachable()
    const response = await fetch(`${origin}/api/v1/taxonomy`)
    expect(response.status).toBe(503)
    expect(response.headers.get('Retry-After')).not.toBeNull()
    expect(await response.json()).toEqual({ error: expect.stringContaining('database'), requestId: response.headers.get('X-Request-Id') })
  })

  test('is not logged as a crash (a warning says so, at most every 10 s)', async () => {
    failWith = unreachable()
    const response = await fetch(`${origin}/offers`)
    const levels = linesOf(response.headers.get('X-Request-Id')!).map((line) => line.level)
    expect(levels.every((level) => level < 50)).toBe(true)
  })
})

describe('/livez', () => {
  test('answers 200 without asking the database or the app, never cached, logged only at debug level', async () => {
    const response = await fetch(`${origin}/livez`)
    expect(response.status).toBe(200)
    expect(response.headers.get('Cache-Control')).toBe('no-store')
    expect(await response.json()).toEqual({ status: 'alive' })
    expect(linesOf(response.headers.get('X-Request-Id')!).map((line) => line.level)).toEqual([20])
  })
})

describe('in a terminal', () => {
  test('pino-pretty writes one short line per request, led by its id', async () => {
    const response = await fetch(`${origin}/requests?q=x`)
    const access = linesOf(response.headers.get('X-Request-Id')!).at(-1)!
    const pretty = prettyFactory({ ...prettyOptions, colorize: false })(JSON.stringify(access))
    expect(pretty.trimEnd().split('\n')).toHaveLength(1)
    expect(pretty).toMatch(new RegExp(`^\\[\\d\\d:\\d\\d:\\d\\d\\] INFO: ${access.requestId} GET /requests 500 \\d+ ms$`, 'm'))
  })
})
