import { redirect } from '@remix-run/node'
import * as cookie from 'cookie'
import {
  createSession,
  sessionPolicy,
  validateSessionToken,
  type SessionUser,
  type ValidSession,
} from '~/domain/accounts/sessions.server'
import { sessionStanding, type SessionStanding } from '~/domain/accounts/second-factor'
import type { UserId } from '#db/schema/index'
import { db } from '~/utils/db.server'
import { env, servesHttps } from '~/utils/env.server'
import { urls } from '~/utils/urls'

const PLAIN_NAME = 'hub_session'
const SECURE_NAME = '__Host-hub_session'

/** Served over https: APP_URL says so (behind a TLS proxy the request itself may look like http), or the request. */
const isHttps = (request: Request) => servesHttps() || new URL(request.url).protocol === 'https:'
const cookieName = (request: Request) => (isHttps(request) ? SECURE_NAME : PLAIN_NAME)

/**
 * Whether a request carries a session cookie at all, valid or not (read without the database): an answer to
 * such a request is never stored by a shared cache.
 */
export function carriesSessionCookie(header: string | null | undefined) {
  if (!header) return false
  const jar = cookie.parse(header)
  return jar[PLAIN_NAME] !== undefined || jar[SECURE_NAME] !== undefined
}

function readToken(request: Request): string | null {
  const header = request.headers.get('Cookie')
  if (!header) return null
  return cookie.parse(header)[cookieName(request)] ?? null
}

export function sessionCookie(request: Request, token: string, expiresAt: Date) {
  return cookie.serialize(cookieName(request), token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: isHttps(request),
    path: '/',
    // The idle timeout is enforced server-side; the cookie lives as long as the session may.
    expires: expiresAt,
  })
}

export function clearSessionCookie(request: Request) {
  return cookie.serialize(cookieName(request), '', {
    httpOnly: true,
    sameSite: 'lax',
    secure: isHttps(request),
    path: '/',
    maxAge: 0,
  })
}

const cache = new WeakMap<Request, Promise<ValidSession | null>>()

/**
 * The browser's session whatever it may do yet, validated once per request however many loaders ask. Only
 * signing out and the second step of signing in read it; everything else asks `getSession`.
 */
export function sessionOfBrowser(request: Request): Promise<ValidSession | null> {
  let pending = cache.get(request)
  if (!pending) {
    const token = readToken(request)
    pending = token ? validateSessionToken(db, token, sessionPolicy()) : Promise.resolve(null)
    cache.set(request, pending)
  }
  return pending
}

/** A deployed Hub (APP_URL set) requires the staff's second factor; the local demo does not. */
export const isDeployed = () => Boolean(env().APP_URL)

export function standingOf(session: ValidSession): SessionStanding {
  return sessionStanding(session, isDeployed())
}

/** The pages a session that cannot act yet may still reach: the step that completes it, signing out, the language. */
function reachableWhile(standing: Exclude<SessionStanding, 'active'>, pathname: string) {
  const always = [urls.logout(), urls.language()]
  const completing = standing === 'second-factor-pending' ? [urls.loginSecondFactor(), urls.login()] : [urls.accountTwoFactor()]
  return [...always, ...completing].includes(pathname.replace(/\/+$/, '') || '/')
}

/**
 * The current session, if it may act. A partial session (second factor not yet given) is no session here, and
 * one that may not act yet sends every page except the one that completes it to that page.
 */
export async function getSession(request: Request): Promise<ValidSession | null> {
  const session = await sessionOfBrowser(request)
  if (!session) return null
  const standing = standingOf(session)
  if (standing === 'active') return session
  const url = new URL(request.url)
  if (!reachableWhile(standing, url.pathname)) {
    throw redirect(standing === 'second-factor-pending' ? urls.loginSecondFactor(returnPath(url)) : urls.accountTwoFactor())
  }
  return standing === 'enrolment-required' ? session : null
}

/** Where a request came from, to come back to: its path and query, without Remix's data parameter. */
export function returnPath(url: URL) {
  const params = new URLSearchParams(url.search)
  params.delete('_data')
  const query = params.toString()
  return url.pathname + (query ? `?${query}` : '')
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  return (await getSession(request))?.user ?? null
}

function loginRedirect(request: Request) {
  const url = new URL(request.url)
  const back = url.pathname + url.search
  return redirect(urls.login(back))
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request)
  if (!user) throw loginRedirect(request)
  return user
}

export async function requireSession(request: Request): Promise<ValidSession> {
  const session = await getSession(request)
  if (!session) throw loginRedirect(request)
  return session
}

export async function requireAnonymous(request: Request) {
  if (await getUser(request)) throw redirect(urls.account())
}

export function clientMeta(request: Request) {
  return {
    userAgent: request.headers.get('User-Agent'),
    ipAddress: request.headers.get('X-Hub-Client-Ip'),
  }
}

/** Starts a fresh session (the old one, if any, is ended by the caller) and returns its Set-Cookie header. */
export async function startSession(request: Request, userId: UserId) {
  const { token, expiresAt } = await createSession(db, userId, clientMeta(request))
  return sessionCookie(request, token, expiresAt)
}

/** A safe in-app path to go back to after login; anything else becomes the default. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/') {
  // Browsers drop tabs and newlines and read `\` as `/`, so `/\t/evil.example` would leave the Hub.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be refused here
  if (typeof to !== 'string' || !to.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(to)) return fallback
  const base = 'http://hub.invalid'
  const resolved = new URL(to, base)
  if (resolved.origin !== base) return fallback
  // Dot segments can collapse into `//host` (`/.//evil.example`, `/a/..//evil.example`), which a browser reads as
  // another site; the resolved path must itself be a path.
  const path = resolved.pathname + resolved.search + resolved.hash
  return path.startsWith('//') || path.startsWith('/\\') ? fallback : path
}
