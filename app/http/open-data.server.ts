import { createHash } from 'node:crypto'
import type { LoaderFunctionArgs } from '@remix-run/node'
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express'
import { db } from '~/utils/db.server'
import { isDatabaseUnavailable } from '~/utils/database-outage.server'
import { env } from '~/utils/env.server'
import { logger } from '~/utils/logger.server'
import { hitRateLimit } from '~/utils/rate-limit.server'

/** Open data is public: any site may read it, and caches may keep it a minute unless a route says otherwise. */
export const OPEN_DATA_CACHE = 'public, max-age=60'
export const API_RATE_WINDOW_MINUTES = 10

/** A validator of the body's bytes: the same answer gives the same tag on every instance of the Hub. */
export const entityTag = (body: Uint8Array) => `W/"${createHash('sha256').update(body).digest('base64url')}"`

/** If-None-Match holds `*` or a list of tags; the comparison is weak (W/ is ignored), as RFC 9110 asks for GET. */
function matches(header: string | null, tag: string) {
  if (!header) return false
  const bare = (value: string) => value.trim().replace(/^W\//, '')
  return header.split(',').some((candidate) => candidate.trim() === '*' || bare(candidate) === bare(tag))
}

/**
 * Adds an ETag (a hash of the body) to a successful open-data answer and answers 304 Not Modified when the
 * client already holds that version. Errors pass through untouched (they are not cached).
 */
export async function cacheable(request: Request | undefined, response: Response) {
  if (response.status !== 200) return response
  const body = new Uint8Array(await response.arrayBuffer())
  const headers = new Headers(response.headers)
  const tag = entityTag(body)
  headers.set('ETag', tag)
  if (!headers.has('Cache-Control')) headers.set('Cache-Control', OPEN_DATA_CACHE)
  headers.set('Access-Control-Allow-Origin', '*')
  headers.set('Access-Control-Expose-Headers', 'ETag, Retry-After, Content-Disposition')
  if (request && matches(request.headers.get('If-None-Match'), tag)) {
    for (const name of ['Content-Type', 'Content-Disposition', 'Content-Length']) headers.delete(name)
    return new Response(null, { status: 304, headers })
  }
  return new Response(body, { status: 200, headers })
}

/**
 * Wraps an /api/v1 loader so every answer it gives is cacheable the same way. Remix always passes the loader's
 * arguments; a loader that needs none keeps its signature (tests call it without any).
 */
export function openData<Args extends [] | [LoaderFunctionArgs]>(load: (...args: Args) => Response | Promise<Response>) {
  return async (...args: Args) => cacheable((args as unknown[] as (LoaderFunctionArgs | undefined)[])[0]?.request, await load(...args))
}

/**
 * Express middleware for /api/v1: a fixed window of API_RATE_WINDOW_MINUTES per client address, counted in
 * PostgreSQL so the limit holds across instances. Over the limit: 429 with Retry-After and a JSON body that
 * says when to come back.
 */
export function apiRateLimit(options: { limit?: number; windowMinutes?: number } = {}) {
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    const limit = options.limit ?? env().API_RATE_LIMIT_PER_WINDOW
    const minutes = options.windowMinutes ?? API_RATE_WINDOW_MINUTES
    try {
      const ip = req.get('x-hub-client-ip') ?? req.ip ?? 'unknown'
      const result = await hitRateLimit(db, `api:ip:${ip}`, limit, minutes * 60_000)
      if (result.allowed) return next()
      res
        .status(429)
        .set({ 'Retry-After': String(result.retryAfterSeconds), 'Cache-Control': 'no-store', 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'Retry-After' })
        .json({
          error: `Too many requests: the open-data API answers at most ${limit} requests per ${minutes} minutes from one address. Try again in ${result.retryAfterSeconds} seconds.`,
          retryAfterSeconds: result.retryAfterSeconds,
        })
    } catch (error) {
      // No database: the answer cannot be computed either, so the outage answer (503) is given now.
      if (isDatabaseUnavailable(error)) return next(error)
      // The limit protects the database; if counting fails the request is still answered, and the failure logged.
      logger().error({ err: error }, 'API rate limit could not be counted')
      next()
    }
  }
}
