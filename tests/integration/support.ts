import { eq, sql } from 'drizzle-orm'
import { expect } from 'vitest'
import { emailOutbox } from '#db/schema/index'
import { DomainError } from '~/domain/errors'
import { db } from '~/utils/db.server'

/** Where links in test emails point. */
export const links = { origin: 'http://hub.test', locale: 'en' }

/** The PostgreSQL error underneath drizzle's wrapper (which keeps the driver's error as `cause`). */
export function databaseError(error: unknown): { code?: string; message: string } {
  let current: unknown = error
  while (current instanceof Error) {
    if ('code' in current && typeof current.code === 'string') return current as Error & { code: string }
    current = current.cause
  }
  return { message: String(error) }
}

/** Awaits `promise`, expecting it to fail with the PostgreSQL error `code`; returns that error. */
export async function expectDatabaseError(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error, 'the database accepted the statement').not.toBeNull()
  const cause = databaseError(error)
  expect(cause.code, cause.message).toBe(code)
  return cause
}

/** Awaits `promise`, expecting a DomainError with this status (and code, when given). */
export async function expectDomainError(promise: Promise<unknown>, expected: { status: number; code?: string }) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error, 'expected a DomainError, but the call succeeded').toBeInstanceOf(DomainError)
  const domainError = error as DomainError
  expect(domainError.status).toBe(expected.status)
  if (expected.code) expect(domainError.code).toBe(expected.code)
  return domainError
}

export async function outboxTo(address: string) {
  return db
    .select()
    .from(emailOutbox)
    .where(eq(sql`lower(${emailOutbox.toAddress})`, address.toLowerCase()))
    .orderBy(emailOutbox.createdAt)
}

/** pg-boss jobs delivering one outbox email. */
export async function deliveryJobsFor(emailId: string) {
  const rows = await db.execute<{ id: string; name: string; state: string; singleton_key: string | null }>(sql`
    select id, name, state, singleton_key from pgboss.job where data->>'emailId' = ${emailId}`)
  return Array.from(rows)
}

/** The token in a link of an email body, e.g. tokenIn(text, '/verify-email?token='). */
export function tokenIn(text: string, linkPrefix: string): string {
  const escaped = `${links.origin}${linkPrefix}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const match = new RegExp(`${escaped}([a-z0-9]+)`).exec(text)
  if (!match?.[1]) throw new Error(`no ${linkPrefix} link in email:\n${text}`)
  return match[1]
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * How long a file may take to load the demo data before its tests (a bound, not a target): seconds on a quiet
 * machine, but over a minute on two cores shared with a browser-test run.
 */
export const DEMO_LOAD_TIMEOUT_MS = 240_000
