import type { ActionFunctionArgs } from '@remix-run/node'
import * as cookie from 'cookie'
import { createSession } from '~/domain/accounts/sessions.server'
import { sessionCookie } from '~/http/session.server'
import { db } from '~/utils/db.server'
import type { TestUser } from '../factories'

/**
 * A POST of `form` to `path`, as `user`'s browser sends it: a real session cookie and the reader's language.
 * Route actions take it as they take the server's requests.
 */
export async function signedInPost(user: TestUser, path: string, form: Record<string, string>, language = 'en') {
  const url = `http://hub.test${path}`
  const { token, expiresAt } = await createSession(db, user.id)
  const session = sessionCookie(new Request(url), token, expiresAt).split(';')[0]!
  return new Request(url, {
    method: 'POST',
    body: new URLSearchParams(form),
    headers: { Cookie: session, 'Accept-Language': language },
  })
}

/** A GET of `path` by `user`'s browser (a real session cookie), for a loader. */
export async function signedInGet(user: TestUser, path: string, language = 'en') {
  const url = `http://hub.test${path}`
  const { token, expiresAt } = await createSession(db, user.id)
  const session = sessionCookie(new Request(url), token, expiresAt).split(';')[0]!
  return new Request(url, { headers: { Cookie: session, 'Accept-Language': language } })
}

/** The flash message a response sets for the next page (its translation key and values), or null. */
export function flashOf(response: Response) {
  const raw = response.headers
    .getSetCookie()
    .map((header) => cookie.parse(header.split(';')[0]!))
    .find((parsed) => parsed.hub_flash !== undefined)?.hub_flash
  return raw ? (JSON.parse(raw) as { key: string; values?: Record<string, string>; tone?: string }) : null
}

/** Runs a route action; a thrown Response (a redirect, a 4xx) is returned like an answered one. */
export async function runAction(action: (args: ActionFunctionArgs) => unknown, request: Request, params: Record<string, string> = {}) {
  try {
    return (await action({ request, params, context: { cspNonce: '' } })) as Response
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}

/** What an action answered, whether a Response or Remix's `data(value, init)`: its status, headers and body. */
export async function answerOf(result: unknown) {
  if (result instanceof Response) {
    const text = await result.text()
    return { status: result.status, headers: result.headers, body: text as unknown }
  }
  const answered = result as { type?: string; data?: unknown; init?: ResponseInit | null }
  if (answered?.type === 'DataWithResponseInit') {
    return { status: answered.init?.status ?? 200, headers: new Headers(answered.init?.headers), body: answered.data }
  }
  return { status: 200, headers: new Headers(), body: result }
}
