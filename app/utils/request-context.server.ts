import { AsyncLocalStorage } from 'node:async_hooks'
import { randomBytes } from 'node:crypto'
import { singleton } from './singleton.server'

export interface RequestContext {
  requestId: string
}

/**
 * The request being answered, wherever the code is: the logger reads its id, so domain code that logs needs no
 * change. One store per process (the start script and the Remix build are separate module graphs).
 */
const storage = () => singleton('request-context', () => new AsyncLocalStorage<RequestContext>())

export const runWithRequestContext = <T>(context: RequestContext, run: () => T): T => storage().run(context, run)

export const currentRequestId = (): string | undefined => storage().getStore()?.requestId

/** An id a proxy in front of the Hub gave the request, taken only when it cannot smuggle anything into a log line. */
const INBOUND_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/

/** The inbound `X-Request-Id` if it is well-formed, otherwise a new one (12 characters, 72 random bits). */
export function requestIdFor(inbound: string | undefined): string {
  return inbound && INBOUND_REQUEST_ID.test(inbound) ? inbound : randomBytes(9).toString('base64url')
}
