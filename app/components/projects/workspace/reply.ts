import type { SubmissionResult } from '@conform-to/react'
import { useLocation } from '@remix-run/react'

/** The workspace action's answer to the last form posted: Conform's reply, which echoes the form's fields. */
export type Reply = SubmissionResult<string[]> | undefined

/** The reply, if it answers this form: its hidden `intent` (and any other given fields) match. */
export function replyFor(reply: Reply, intent: string, match: Record<string, string> = {}): Reply {
  const values = reply?.initialValue
  if (!values || values.intent !== intent) return undefined
  return Object.entries(match).every(([name, value]) => values[name] === value) ? reply : undefined
}

/** Every message of a reply, for forms without fields of their own (a button that was refused). */
export function errorsOf(reply: Reply): string[] {
  return Object.values(reply?.error ?? {}).flatMap((errors) => errors ?? [])
}

/** The messages not tied to a field (a rule of the domain said no). */
export function formErrorsOf(reply: Reply): string[] {
  return reply?.error?.[''] ?? []
}

/**
 * A key that changes with every navigation: forms keyed with it start afresh after any successful post (which
 * redirects), so an error or a typed value does not linger on a form that was not the one just sent.
 */
export function useFreshFormKey() {
  return useLocation().key
}
