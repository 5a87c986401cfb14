import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data } from '@remix-run/node'
import type { z } from 'zod'
import { DomainError } from '~/domain/errors'
import { db } from '~/utils/db.server'
import { isHoneypotFilled } from '~/utils/honeypot'
import { dynamicKey } from '~/utils/i18n'
import { requestLanguage, requestTranslator, translator } from '~/utils/i18n.server'
import { countSensitiveAttempt } from '~/utils/rate-limit.server'

/** Reads a submitted form; a body that is not a form is the client's mistake, not a 500. */
export async function readForm(request: Request): Promise<FormData> {
  let formData: FormData
  try {
    formData = await request.formData()
  } catch {
    throw new Response('The submitted form could not be read.', { status: 400 })
  }
  // PostgreSQL refuses NUL in text; no person types it. Refuse the form instead of failing on the database.
  for (const value of formData.values()) {
    if (typeof value === 'string' && value.includes('\u0000')) {
      throw new Response('The form contains a character that is not allowed (NUL).', { status: 400 })
    }
  }
  return formData
}

/**
 * Reads and validates a form. Bots that fill the honeypot get a plain 400. Validation failures come back
 * as `{ ok: false, response }` — a 400 carrying Conform's reply (field errors and what the user typed).
 */
export async function parseForm<Schema extends z.ZodType>(request: Request, schema: Schema) {
  const formData = await readForm(request)
  if (isHoneypotFilled(formData)) throw new Response('The form could not be accepted.', { status: 400 })
  const submission = parseWithZod(formData, { schema })
  submissionLanguage.set(submission, await requestLanguage(request))
  if (submission.status !== 'success') {
    return { ok: false as const, response: data({ result: submission.reply() }, { status: 400 }), formData }
  }
  return { ok: true as const, value: submission.value as z.output<Schema>, submission, formData }
}

type Submission = Extract<Awaited<ReturnType<typeof parseForm>>, { ok: true }>['submission']

/** The language of the request each parsed form came from, so a refusal is worded in it. */
const submissionLanguage = new WeakMap<object, string>()

/**
 * A domain rule's refusal in words, in `language`: its code is a translation key (`projects.notActive`); a code
 * without a sentence falls back to the rule's own English message.
 */
export function domainErrorText(error: DomainError, language: string) {
  const t = translator(language)
  const key = dynamicKey(error.code)
  return t(key, { defaultValue: '' }) || error.message
}

/** A domain rule said no: show its message next to the field it concerns (or above the form). */
export function domainErrorResponse(submission: Submission, error: DomainError) {
  const message = domainErrorText(error, submissionLanguage.get(submission) ?? 'en')
  const result: SubmissionResult<string[]> = error.field
    ? submission.reply({ fieldErrors: { [error.field]: [message] } })
    : submission.reply({ formErrors: [message] })
  return data({ result }, { status: error.status })
}

/** Runs a domain call; DomainErrors become a 4xx form reply, anything else propagates. */
export async function attempt<T>(submission: Submission, run: () => Promise<T>) {
  try {
    return { ok: true as const, value: await run() }
  } catch (error) {
    if (error instanceof DomainError) return { ok: false as const, response: domainErrorResponse(submission, error) }
    throw error
  }
}

/**
 * Counts an attempt at a sensitive form (per client and, when known, per account). Over the limit, `refusal` is the
 * answer: a 429 with `Retry-After` and the message above the form, passwords not sent back. Otherwise `refusal` is
 * null and the action goes on; if the attempt succeeds it calls `forget()` to clear the account's earlier misses.
 */
export async function limitAttempt(
  request: Request,
  submission: Submission,
  limit: { scope: string; account: string | null; message?: 'auth.rateLimited' | 'account.passwordRateLimited'; hideFields?: string[] },
) {
  const counted = await countSensitiveAttempt(db, request, limit.scope, limit.account)
  if (!counted.blocked) return { refusal: null, forget: counted.forget }
  const { retryAfterSeconds } = counted.blocked
  const { t } = await requestTranslator(request)
  const message = t(limit.message ?? 'auth.rateLimited', { minutes: Math.ceil(retryAfterSeconds / 60) })
  const refusal = data(
    { result: submission.reply({ formErrors: [message], hideFields: limit.hideFields ?? ['password'] }) },
    { status: 429, headers: { 'Retry-After': String(retryAfterSeconds) } },
  )
  return { refusal }
}

/** Runs a domain check in a loader or action where a refusal should show the error page (403, 404, 409). */
export async function orErrorPage<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof DomainError) throw new Response(error.message, { status: error.status })
    throw error
  }
}
