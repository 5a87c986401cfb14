import { constantTimeEqual } from '@oslojs/crypto/subtle'
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from '@oslojs/encoding'
import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp'
import type { PlatformRole } from '#db/schema/enum-values'

/** RFC 6238 as every authenticator app reads it: SHA-1, 30-second steps, six digits. */
export const TOTP_PERIOD_SECONDS = 30
export const TOTP_DIGITS = 6
export const TOTP_KEY_BYTES = 20
/** A code from the step before or after is accepted too: phones' clocks drift. */
const TOTP_DRIFT_STEPS = 1

export const RECOVERY_CODE_COUNT = 10
const RECOVERY_CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'
const RECOVERY_CODE_LENGTH = 12

/** Sensitive steps (moving fund money, changing roles) want the password or a code at most this long ago. */
export const STEP_UP_WINDOW_MS = 10 * 60_000

const ISSUER = 'Connection Hub'

export function newTotpKey(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(TOTP_KEY_BYTES))
}

/** The key as people type it into an authenticator app, in groups of four. */
export function totpKeyText(key: Uint8Array) {
  return encodeBase32UpperCaseNoPadding(key).replace(/(.{4})(?=.)/g, '$1 ')
}

/** The key read back from the text above; null when it is not a key. */
export function totpKeyFromText(text: string): Uint8Array | null {
  try {
    const key = decodeBase32IgnorePadding(text.replace(/\s+/g, '').toUpperCase())
    return key.byteLength === TOTP_KEY_BYTES ? key : null
  } catch {
    return null
  }
}

export function totpKeyUri(accountName: string, key: Uint8Array) {
  return createTOTPKeyURI(ISSUER, accountName, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS)
}

/** The 30-second step `now` falls in (RFC 6238's T). */
export function totpStepAt(now: Date) {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS)
}

export function totpCodeAt(key: Uint8Array, now: Date) {
  return generateHOTP(key, BigInt(totpStepAt(now)), TOTP_DIGITS)
}

/** People paste codes with spaces or a dash in the middle ("123 456"). */
export function normalizeTotpCode(code: string) {
  return code.replace(/[\s-]/g, '')
}

/**
 * The step whose code `code` is, within the drift allowed around `now`, or null. A step at or before
 * `lastUsedStep` is refused: a code seen once (over a shoulder, in a proxy's log) cannot be replayed.
 */
export function acceptedTotpStep(key: Uint8Array, code: string, now: Date, lastUsedStep: number | null): number | null {
  const given = new TextEncoder().encode(normalizeTotpCode(code))
  if (given.byteLength !== TOTP_DIGITS) return null
  const current = totpStepAt(now)
  let accepted: number | null = null
  // Every candidate is computed and compared, so the time taken does not say which step matched.
  for (let step = current - TOTP_DRIFT_STEPS; step <= current + TOTP_DRIFT_STEPS; step++) {
    const expected = new TextEncoder().encode(generateHOTP(key, BigInt(step), TOTP_DIGITS))
    if (constantTimeEqual(expected, given) && (lastUsedStep === null || step > lastUsedStep)) accepted ??= step
  }
  return accepted
}

function randomRecoveryCode() {
  const bytes = crypto.getRandomValues(new Uint8Array(RECOVERY_CODE_LENGTH))
  // 31 symbols: the modulo bias (256 = 8 × 31 + 8) costs a fraction of a bit out of about 59.
  const chars = Array.from(bytes, (b) => RECOVERY_CODE_ALPHABET[b % RECOVERY_CODE_ALPHABET.length])
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`
}

/** Ten fresh recovery codes, as shown to the person (`abcd-efgh-jkmn`). */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, randomRecoveryCode)
}

/** A recovery code as stored (hashed): case, spaces and dashes do not matter when it is typed back. */
export function normalizeRecoveryCode(code: string) {
  return code.toLowerCase().replace(/[\s-]/g, '')
}

export function looksLikeTotpCode(code: string) {
  return /^\d{6}$/.test(normalizeTotpCode(code))
}

/** The secretariat and operators move money and verify organisations: a deployed Hub requires their second factor. */
export function secondFactorRequired(role: PlatformRole, deployed: boolean) {
  return deployed && (role === 'secretariat' || role === 'admin')
}

export type SessionStanding = 'active' | 'second-factor-pending' | 'enrolment-required'

/** What a session may do: everything, only finish signing in, or only enrol a second factor. */
export function sessionStanding(
  session: { twoFactorVerified: boolean; secondFactorEnrolled: boolean; user: { platformRole: PlatformRole } },
  deployed: boolean,
): SessionStanding {
  if (session.secondFactorEnrolled && !session.twoFactorVerified) return 'second-factor-pending'
  if (!session.secondFactorEnrolled && secondFactorRequired(session.user.platformRole, deployed)) return 'enrolment-required'
  return 'active'
}

export function isRecentlyVerified(lastVerifiedAt: Date, now: Date) {
  const age = now.getTime() - lastVerifiedAt.getTime()
  return age >= -60_000 && age <= STEP_UP_WINDOW_MS
}
