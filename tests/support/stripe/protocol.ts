/**
 * The wire side of Stripe's v1 API: form-encoded parameters with bracketed keys, JSON answers, and errors in
 * Stripe's `{ error: { type, code, message, param } }` shape, which the SDK turns into its typed errors.
 */
import { type IncomingMessage, type ServerResponse } from 'node:http'

export type Param = string | Param[] | { [key: string]: Param }
export type Params = { [key: string]: Param }

type ErrorType = 'invalid_request_error' | 'idempotency_error' | 'api_error'

/** An HTTP outcome in Stripe's words; the router turns it into a response. */
export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: ErrorType,
    message: string,
    readonly details: { code?: string; param?: string } = {},
  ) {
    super(message)
  }

  toBody() {
    return { error: { type: this.type, message: this.message, ...this.details } }
  }
}

export const invalid = (message: string, param?: string, code?: string) =>
  new StripeApiError(400, 'invalid_request_error', message, { param, code })

export const missing = (kind: string, id: string, param: string) =>
  new StripeApiError(404, 'invalid_request_error', `No such ${kind}: '${id}'`, { code: 'resource_missing', param })

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/** Decodes `a[b][0][c]=v&expand[]=x` into nested objects and arrays, as Stripe's servers read it. */
export function parseParams(encoded: string): Params {
  const root: Params = {}
  for (const [key, value] of new URLSearchParams(encoded)) {
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key)
    if (!match?.[1]) throw invalid(`Invalid parameter name: ${key}`, key)
    const segments = [match[1], ...[...(match[2] ?? '').matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] ?? '')]
    if (segments.some((s) => FORBIDDEN_KEYS.has(s))) throw invalid(`Invalid parameter name: ${key}`, key)
    let container: Params = root
    segments.forEach((segment, i) => {
      const name = segment === '' ? String(Object.keys(container).length) : segment
      if (i === segments.length - 1) {
        container[name] = value
        return
      }
      const next = container[name]
      if (typeof next === 'string' || Array.isArray(next)) throw invalid(`Invalid parameter: ${key}`, key)
      container = container[name] = next ?? {}
    })
  }
  return arraysFromIndexes(root) as Params
}

/** `{ '0': a, '1': b }` becomes `[a, b]`, recursively; other objects keep their keys. */
function arraysFromIndexes(value: Param): Param {
  if (typeof value === 'string' || Array.isArray(value)) return value
  const entries = Object.entries(value).map(([k, v]) => [k, arraysFromIndexes(v)] as const)
  const indexed = entries.length > 0 && entries.every(([k]) => /^\d+$/.test(k))
  if (!indexed) return Object.fromEntries(entries)
  return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => v)
}

export function optionalString(params: Params, name: string): string | undefined {
  const value = params[name]
  if (value === undefined) return undefined
  if (typeof value !== 'string') throw invalid(`Invalid string: ${name}`, name)
  return value
}

export function requiredString(params: Params, name: string, param = name): string {
  const value = optionalString(params, name)
  if (value === undefined || value === '') throw invalid(`Missing required param: ${param}.`, param)
  return value
}

export function optionalInteger(params: Params, name: string, param = name): number | undefined {
  const value = optionalString(params, name)
  if (value === undefined) return undefined
  if (!/^-?\d+$/.test(value)) throw invalid(`Invalid integer: ${value}`, param)
  return Number(value)
}

export function optionalObject(params: Params, name: string, param = name): Params | undefined {
  const value = params[name]
  if (value === undefined || value === '') return undefined
  if (typeof value === 'string' || Array.isArray(value)) throw invalid(`Invalid object`, param)
  return value
}

/** Stripe's metadata rules: up to 50 string keys of 40 characters, values of 500. */
export function metadataParam(params: Params | undefined, name: string, param = name): Record<string, string> {
  const raw = params && optionalObject(params, name, param)
  if (!raw) return {}
  const entries = Object.entries(raw)
  if (entries.length > 50) throw invalid('Metadata can have at most 50 keys.', param)
  const metadata: Record<string, string> = {}
  for (const [key, value] of entries) {
    if (typeof value !== 'string') throw invalid(`Invalid string: ${param}[${key}]`, `${param}[${key}]`)
    if (key.length > 40) throw invalid(`Metadata keys can be at most 40 characters (${key}).`, `${param}[${key}]`)
    if (value.length > 500) throw invalid(`Metadata values can be at most 500 characters.`, `${param}[${key}]`)
    if (value !== '') metadata[key] = value
  }
  return metadata
}

/** The `expand` list of a request, whether sent as `expand[0]=…` or `expand[]=…`. */
export function expandParam(params: Params): string[] {
  const value = params.expand
  if (value === undefined) return []
  const list = typeof value === 'string' ? [value] : value
  if (!Array.isArray(list) || list.some((v) => typeof v !== 'string')) throw invalid('Invalid array', 'expand')
  return list as string[]
}

/** Rejects parameters this server does not model, as Stripe rejects ones it does not know. */
export function rejectUnknown(params: Params, known: readonly string[]) {
  for (const name of Object.keys(params)) {
    if (!known.includes(name)) throw invalid(`Received unknown parameter: ${name}`, name)
  }
}

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const payload = JSON.stringify(body, null, 2)
  response.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(payload),
    'Cache-Control': 'no-cache, no-store',
    ...headers,
  })
  response.end(payload)
}
