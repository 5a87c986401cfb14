import type { NextFunction, Request, Response } from 'express'
import onHeaders from 'on-headers'
import { devToolsEnabled } from '~/utils/env.server'
import { carriesSessionCookie } from './session.server'

/**
 * How long a shared cache (nginx, a CDN) may serve an anonymous answer, and then serve it stale while it fetches
 * a fresh one: short, so an edit shows everywhere within two minutes.
 */
export const SHARED_CACHE_SECONDS = 60
export const SHARED_CACHE = `public, s-maxage=${SHARED_CACHE_SECONDS}, stale-while-revalidate=${SHARED_CACHE_SECONDS}`
/** A signed-in reader's answer, or one that sets a cookie: for this browser only, and not even kept there. */
export const PRIVATE = 'private, no-store'
export const NO_STORE = 'no-store'
/**
 * What an anonymous answer depends on besides its URL: the language (the `lng` cookie, then Accept-Language; a
 * link's `?lng=` is in the URL) and any other cookie (a flash message, a session).
 */
export const SHARED_VARY = ['Cookie', 'Accept-Language']

/*
 * A shared page replays its CSP nonce to everyone the cache serves it to, for up to two minutes. That is accepted:
 * a nonce stops markup injected into a page when it is rendered, and whoever controls what is rendered cannot learn
 * the nonce before the render (it is drawn afresh for each render, and each URL is rendered, so cached, on its
 * own). A replayed nonce only weakens the defence against script that the page's own JavaScript would insert from
 * input outside the cache key (the URL's fragment, messages): React escapes what it renders and the Hub writes no
 * HTML from such input. Pages worth attacking — signed-in ones — are never shared. Nothing else in an anonymous
 * page is per visitor: the Hub has no CSRF tokens (it checks Origin), flash messages and the kept language are
 * cookies (so such answers vary on Cookie, and clearing a flash sets a cookie, which makes the answer private).
 */

export interface CacheFacts {
  method: string
  status: number
  /** The Cache-Control the route itself gave, if any. */
  given: string | undefined
  /** The answer sets a cookie. */
  setsCookie: boolean
  /** The request carries a session cookie (valid or not). */
  carriesSession: boolean
  /** A file from the build (express.static), which keeps the headers it was served with. */
  staticFile: boolean
  /** The answer differs by the client's address (the local demo's developer tools, in its pages' header), which no Vary can say. */
  variesByClient: boolean
}

const RESTRICTIVE = /\b(no-store|private|no-cache)\b/i
const SHAREABLE_STATUS = new Set([200, 203, 204, 206, 304, 404, 410])

/**
 * The one decision on whether a shared cache may keep an answer, strictest rule first. `shared` says the answer
 * is public, so it must also say what it varies on.
 */
export function cacheControlFor(facts: CacheFacts): { cacheControl: string; shared: boolean } {
  const { method, status, given } = facts
  const keep = (value: string) => ({ cacheControl: value, shared: /\bpublic\b/i.test(value) && !RESTRICTIVE.test(value) })
  // Nothing is stricter than a route's own no-store (token pages, health checks): it stands as the route wrote it.
  if (given && /\bno-store\b/i.test(given) && !facts.staticFile) return keep(given)
  if (facts.setsCookie) return keep(PRIVATE)
  if (method !== 'GET' && method !== 'HEAD') return keep(NO_STORE)
  if (facts.staticFile && given) return { cacheControl: given, shared: false }
  if (facts.carriesSession || facts.variesByClient) return keep(PRIVATE)
  if (given && RESTRICTIVE.test(given)) return keep(given)
  // A redirect is kept only when its route says so (the favicon's); errors never are, except "not found".
  if (status >= 300 && status < 400 && status !== 304) return keep(given && /\bpublic\b/i.test(given) ? given : NO_STORE)
  if (!SHAREABLE_STATUS.has(status)) return keep(NO_STORE)
  return keep(given ?? SHARED_CACHE)
}

/** Adds names to a Vary header once each (case-insensitively), keeping what it already held. */
export function mergeVary(current: number | string | string[] | undefined, names: readonly string[]) {
  const present = (Array.isArray(current) ? current.join(',') : String(current ?? ''))
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
  if (present.includes('*')) return '*'
  for (const name of names) if (!present.some((p) => p.toLowerCase() === name.toLowerCase())) present.push(name)
  return present.join(', ')
}

const headerValue = (value: number | string | string[] | undefined) => (value === undefined ? undefined : Array.isArray(value) ? value.join(', ') : String(value))

/**
 * Express middleware, installed before every other handler so that no route, static file or error answer escapes
 * it: right before the headers leave, it sets Cache-Control (and Vary) from `cacheControlFor`.
 */
export function sharedCacheHeaders() {
  return (req: Request, res: Response, next: NextFunction) => {
    onHeaders(res, () => {
      const decided = cacheControlFor({
        method: req.method,
        status: res.statusCode,
        given: headerValue(res.getHeader('Cache-Control')),
        setsCookie: res.getHeader('Set-Cookie') !== undefined,
        carriesSession: carriesSessionCookie(req.headers.cookie),
        staticFile: res.locals.staticFile === true,
        // The developer tools are in the pages' header; JSON, CSV and XML answers are the same for every client.
        variesByClient: devToolsEnabled() && /^text\/html\b/i.test(headerValue(res.getHeader('Content-Type')) ?? ''),
      })
      res.setHeader('Cache-Control', decided.cacheControl)
      if (decided.shared) res.setHeader('Vary', mergeVary(res.getHeader('Vary'), SHARED_VARY))
    })
    next()
  }
}

/** For express.static's `setHeaders`: marks the answer as a file of the build, whose own cache headers stand. */
export const markStaticFile = (res: Response) => {
  res.locals.staticFile = true
}
