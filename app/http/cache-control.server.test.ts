import { describe, expect, test } from 'vitest'
import { cacheControlFor, mergeVary, NO_STORE, PRIVATE, SHARED_CACHE, type CacheFacts } from './cache-control.server'
import { carriesSessionCookie } from './session.server'

const anonymousPage: CacheFacts = {
  method: 'GET',
  status: 200,
  given: undefined,
  setsCookie: false,
  carriesSession: false,
  staticFile: false,
  variesByClient: false,
}
const decide = (facts: Partial<CacheFacts>) => cacheControlFor({ ...anonymousPage, ...facts })

describe('cacheControlFor', () => {
  test('an anonymous GET page or its HEAD is shared for a minute, and says so', () => {
    expect(SHARED_CACHE).toBe('public, s-maxage=60, stale-while-revalidate=60')
    expect(decide({})).toEqual({ cacheControl: SHARED_CACHE, shared: true })
    expect(decide({ method: 'HEAD' })).toEqual({ cacheControl: SHARED_CACHE, shared: true })
    expect(decide({ status: 304 })).toEqual({ cacheControl: SHARED_CACHE, shared: true })
  })

  test('a request with a session cookie gets a private answer, whatever the route said', () => {
    expect(decide({ carriesSession: true })).toEqual({ cacheControl: PRIVATE, shared: false })
    expect(decide({ carriesSession: true, given: 'public, max-age=60' })).toEqual({ cacheControl: PRIVATE, shared: false })
    expect(decide({ carriesSession: true, status: 404 }).cacheControl).toBe(PRIVATE)
  })

  test('an answer that sets a cookie is never cacheable, whatever the route and method', () => {
    for (const method of ['GET', 'HEAD', 'POST']) {
      expect(decide({ method, setsCookie: true })).toEqual({ cacheControl: PRIVATE, shared: false })
      expect(decide({ method, setsCookie: true, given: 'public, max-age=86400' }).cacheControl).toBe(PRIVATE)
      expect(decide({ method, setsCookie: true, staticFile: true, given: 'public, max-age=31536000, immutable' }).cacheControl).toBe(PRIVATE)
    }
  })

  test('other methods are never stored', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) {
      expect(decide({ method })).toEqual({ cacheControl: NO_STORE, shared: false })
      expect(decide({ method, given: 'public, max-age=60' }).cacheControl).toBe(NO_STORE)
    }
  })

  test('errors are not stored, except a short "not found"', () => {
    for (const status of [400, 401, 403, 405, 413, 429, 500, 502, 503]) {
      expect(decide({ status })).toEqual({ cacheControl: NO_STORE, shared: false })
      expect(decide({ status, given: 'public, max-age=60' }).cacheControl).toBe(NO_STORE)
    }
    expect(decide({ status: 404 })).toEqual({ cacheControl: SHARED_CACHE, shared: true })
    expect(decide({ status: 410 })).toEqual({ cacheControl: SHARED_CACHE, shared: true })
  })

  test('a redirect is kept only when its route says public', () => {
    expect(decide({ status: 302 })).toEqual({ cacheControl: NO_STORE, shared: false })
    expect(decide({ status: 303 }).cacheControl).toBe(NO_STORE)
    expect(decide({ status: 301, given: 'public, max-age=86400' })).toEqual({ cacheControl: 'public, max-age=86400', shared: true })
  })

  test("a route's own stricter header stands (token pages, health checks, documents)", () => {
    for (const given of ['no-store', 'private, no-store', 'no-cache', 'private, max-age=0']) {
      expect(decide({ given })).toEqual({ cacheControl: given, shared: false })
    }
  })

  test("a route's own no-store stands as written, for any reader and any answer (the token pages' exact header)", () => {
    for (const facts of [{ carriesSession: true }, { variesByClient: true }, { setsCookie: true }, { method: 'POST' }, { status: 500 }]) {
      expect(decide({ ...facts, given: 'no-store' })).toEqual({ cacheControl: 'no-store', shared: false })
    }
  })

  test("a route's own public header stands for anonymous readers (the open-data API's max-age)", () => {
    expect(decide({ given: 'public, max-age=60' })).toEqual({ cacheControl: 'public, max-age=60', shared: true })
    expect(decide({ given: 'public, max-age=300' })).toEqual({ cacheControl: 'public, max-age=300', shared: true })
  })

  test('files of the build keep their own headers, for everyone (immutable assets)', () => {
    const immutable = 'public, max-age=31536000, immutable'
    expect(decide({ staticFile: true, given: immutable })).toEqual({ cacheControl: immutable, shared: false })
    expect(decide({ staticFile: true, given: immutable, carriesSession: true })).toEqual({ cacheControl: immutable, shared: false })
  })

  test("on a local demo with developer tools, pages depend on the client's address: nothing is shared", () => {
    expect(decide({ variesByClient: true })).toEqual({ cacheControl: PRIVATE, shared: false })
  })
})

describe('mergeVary', () => {
  test('adds each name once, keeping what was there', () => {
    expect(mergeVary(undefined, ['Cookie', 'Accept-Language'])).toBe('Cookie, Accept-Language')
    expect(mergeVary('Accept-Encoding', ['Cookie', 'Accept-Language'])).toBe('Accept-Encoding, Cookie, Accept-Language')
    expect(mergeVary('cookie, Accept-Encoding', ['Cookie', 'Accept-Language'])).toBe('cookie, Accept-Encoding, Accept-Language')
    expect(mergeVary(['Origin', 'Accept-Encoding'], ['Cookie'])).toBe('Origin, Accept-Encoding, Cookie')
    expect(mergeVary('*', ['Cookie'])).toBe('*')
  })
})

describe('carriesSessionCookie', () => {
  test('either session cookie name counts, valid or not; other cookies do not', () => {
    expect(carriesSessionCookie('hub_session=abc.def')).toBe(true)
    expect(carriesSessionCookie('lng=fr; __Host-hub_session=abc.def')).toBe(true)
    expect(carriesSessionCookie('hub_session=')).toBe(true)
    expect(carriesSessionCookie('lng=fr; hub_flash=%7B%7D')).toBe(false)
    expect(carriesSessionCookie('not_hub_session=1')).toBe(false)
    expect(carriesSessionCookie(undefined)).toBe(false)
    expect(carriesSessionCookie('')).toBe(false)
  })
})
