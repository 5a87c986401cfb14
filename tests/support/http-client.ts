import http, { type IncomingHttpHeaders } from 'node:http'
import https from 'node:https'

/**
 * A plain HTTP(S) client for tests that must see every header as sent (fetch hides some and cannot trust a test
 * certificate): one request, no redirects followed, no connection kept.
 */

export interface Target {
  port: number
  /** HTTPS with a test certificate for `servername`, whose PEM is `ca`. */
  tls?: { ca: string; servername: string }
}

export interface Answer {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

export function ask(target: Target, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  const host = target.tls ? `${target.tls.servername}:${target.port}` : `127.0.0.1:${target.port}`
  const options = {
    host: '127.0.0.1',
    port: target.port,
    path,
    method: init.method ?? 'GET',
    agent: false as const,
    headers: { Host: host, ...(init.body !== undefined ? { 'Content-Length': String(Buffer.byteLength(init.body)) } : {}), ...init.headers },
    ...(target.tls ? { ca: target.tls.ca, servername: target.tls.servername } : {}),
    timeout: 30_000,
  }
  return new Promise((resolve, reject) => {
    const request = (target.tls ? https : http).request(options, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }))
      response.on('error', reject)
    })
    request.on('timeout', () => request.destroy(new Error(`${options.method} ${path}: no answer within 30 s`)))
    request.on('error', reject)
    request.end(init.body)
  })
}

/** The `name=value` pairs of an answer's Set-Cookie headers, ready for a Cookie header. */
export const cookiesOf = (answer: Answer) => (answer.headers['set-cookie'] ?? []).map((line) => line.split(';')[0]!).filter((pair) => !pair.endsWith('='))
