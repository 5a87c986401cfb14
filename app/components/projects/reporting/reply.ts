import type { SubmissionResult } from '@conform-to/react'

/** The action's answer to the last form posted: Conform's reply, which echoes the form's fields. */
export type Reply = SubmissionResult<string[]> | undefined

/** Several forms share a page: a reply belongs to the form whose hidden `intent` (or submit button) it echoes. */
export function replyFor(reply: Reply, ...intents: string[]): Reply {
  const intent = reply?.initialValue?.intent
  return typeof intent === 'string' && intents.includes(intent) ? reply : undefined
}

/**
 * A refusal answering a form the page no longer shows (someone else acted first, so the step is gone): its
 * messages belong at the top of the page rather than nowhere.
 */
export function orphanErrors(reply: Reply, shownIntents: string[]): string[] {
  const intent = reply?.initialValue?.intent
  if (!reply?.error || (typeof intent === 'string' && shownIntents.includes(intent))) return []
  return [...new Set(Object.values(reply.error).flatMap((errors) => errors ?? []))]
}
