import { z } from 'zod'

/**
 * People's and organisations' names travel in emails to other people's inboxes (verification, invitations,
 * notifications), where a mail program turns anything that looks like an address into a link. A name is
 * therefore plain words on one line: no web or email address in any disguise, no line break, no control
 * character. The browser-safe rule every form that sets a name uses.
 */
const addressLike = [
  /\b[a-z][a-z0-9+.-]*:\S/i, // a scheme: http://, hxxps://, javascript:, mailto:
  /\bwww\./i,
  /[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}\//i, // a domain with a path: evil.example/login
  /\b[a-z0-9-]{2,}\.(com|net|org|info|biz|io|co|me|ly|app|xyz|top|site|online|link|click|ru|cn|tk)\b/i, // a bare domain mail programs link
  /\S@[^\s@]+\.\S/, // an email address
]

/**
 * Line and paragraph breaks, tabs and other controls, and the bidirectional overrides, embeddings and isolates
 * that show text in another order than it is written. The joiners some scripts need (U+200C, U+200D) and the
 * direction marks (U+200E, U+200F, U+061C) stay allowed.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be refused here
const notOneLine = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/

export const hasAddress = (name: string) => addressLike.some((pattern) => pattern.test(name))
export const isOneLine = (name: string) => !notOneLine.test(name)

/** A name of `min` to `max` characters, as one line of plain words. */
export const plainName = (min: number, max: number) =>
  z
    .string({ error: 'validation.required' })
    .trim()
    .min(min, min === 1 ? 'validation.required' : 'validation.tooShort')
    .max(max, 'validation.tooLong')
    .refine(isOneLine, 'validation.noLineBreaksInName')
    .refine((name) => !hasAddress(name), 'validation.noLinksInName')
