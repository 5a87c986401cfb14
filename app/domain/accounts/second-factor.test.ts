import { describe, expect, test } from 'vitest'
import {
  acceptedTotpStep,
  isRecentlyVerified,
  newRecoveryCodes,
  normalizeRecoveryCode,
  secondFactorRequired,
  sessionStanding,
  STEP_UP_WINDOW_MS,
  totpCodeAt,
  totpKeyFromText,
  totpKeyText,
  totpKeyUri,
  totpStepAt,
} from './second-factor'

// RFC 6238, appendix B: the SHA-1 key is the ASCII string "12345678901234567890".
const RFC_KEY = new TextEncoder().encode('12345678901234567890')
const at = (seconds: number) => new Date(seconds * 1000)

describe('TOTP codes (RFC 6238, fixed clock)', () => {
  test('match the RFC test vectors, cut to six digits', () => {
    expect(totpCodeAt(RFC_KEY, at(59))).toBe('287082')
    expect(totpCodeAt(RFC_KEY, at(1111111109))).toBe('081804')
    expect(totpCodeAt(RFC_KEY, at(1234567890))).toBe('005924')
    expect(totpCodeAt(RFC_KEY, at(2000000000))).toBe('279037')
  })

  test('a code is accepted in its own step and one step either side, and never outside', () => {
    const now = at(1234567890)
    const code = totpCodeAt(RFC_KEY, now)
    const step = totpStepAt(now)
    expect(acceptedTotpStep(RFC_KEY, code, now, null)).toBe(step)
    expect(acceptedTotpStep(RFC_KEY, code, at(1234567890 + 30), null)).toBe(step)
    expect(acceptedTotpStep(RFC_KEY, code, at(1234567890 - 30), null)).toBe(step)
    expect(acceptedTotpStep(RFC_KEY, code, at(1234567890 + 60), null)).toBeNull()
    expect(acceptedTotpStep(RFC_KEY, code, at(1234567890 - 60), null)).toBeNull()
  })

  test('a code whose step was already used is refused (no replay), a later one is accepted', () => {
    const now = at(1234567890)
    const step = totpStepAt(now)
    expect(acceptedTotpStep(RFC_KEY, totpCodeAt(RFC_KEY, now), now, step)).toBeNull()
    expect(acceptedTotpStep(RFC_KEY, totpCodeAt(RFC_KEY, now), now, step - 1)).toBe(step)
    const next = at(1234567890 + 30)
    expect(acceptedTotpStep(RFC_KEY, totpCodeAt(RFC_KEY, next), next, step)).toBe(step + 1)
  })

  test('spaces and a dash in the middle are forgiven; other shapes are refused', () => {
    const now = at(59)
    expect(acceptedTotpStep(RFC_KEY, '287 082', now, null)).toBe(1)
    expect(acceptedTotpStep(RFC_KEY, '287-082', now, null)).toBe(1)
    expect(acceptedTotpStep(RFC_KEY, '28708', now, null)).toBeNull()
    expect(acceptedTotpStep(RFC_KEY, '2870820', now, null)).toBeNull()
    expect(acceptedTotpStep(RFC_KEY, '287083', now, null)).toBeNull()
  })

  test('the key round-trips through the text people type, and the URI names the Hub and the account', () => {
    const key = new Uint8Array(20).map((_, i) => i * 13)
    const text = totpKeyText(key)
    expect(text).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/)
    expect(totpKeyFromText(text.toLowerCase())).toEqual(key)
    expect(totpKeyFromText('not a key')).toBeNull()
    expect(totpKeyFromText('AAAA')).toBeNull()
    const uri = new URL(totpKeyUri('amina@example.org', key))
    expect(uri.protocol).toBe('otpauth:')
    expect(uri.searchParams.get('secret')).toBe(text.replace(/ /g, ''))
    expect(uri.searchParams.get('issuer')).toBe('Connection Hub')
    expect(uri.searchParams.get('period')).toBe('30')
    expect(uri.searchParams.get('digits')).toBe('6')
  })
})

describe('recovery codes', () => {
  test('ten distinct codes of three groups of four unambiguous characters', () => {
    const codes = newRecoveryCodes()
    expect(codes).toHaveLength(10)
    expect(new Set(codes).size).toBe(10)
    for (const code of codes) expect(code).toMatch(/^[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}$/)
  })

  test('are compared without case, spaces or dashes', () => {
    expect(normalizeRecoveryCode(' ABCD-efgh jkmn ')).toBe('abcdefghjkmn')
  })
})

describe('who must have a second factor, and what a session may do', () => {
  const session = (role: 'user' | 'secretariat' | 'admin', enrolled: boolean, verified: boolean) => ({
    secondFactorEnrolled: enrolled,
    twoFactorVerified: verified,
    user: { platformRole: role },
  })

  test('required for the secretariat and admins of a deployed Hub only', () => {
    expect(secondFactorRequired('secretariat', true)).toBe(true)
    expect(secondFactorRequired('admin', true)).toBe(true)
    expect(secondFactorRequired('user', true)).toBe(false)
    expect(secondFactorRequired('secretariat', false)).toBe(false)
  })

  test('an enrolled account whose session has not given its code can only finish signing in', () => {
    expect(sessionStanding(session('user', true, false), false)).toBe('second-factor-pending')
    expect(sessionStanding(session('secretariat', true, false), true)).toBe('second-factor-pending')
    expect(sessionStanding(session('user', true, true), true)).toBe('active')
  })

  test('staff without a second factor must enrol on a deployed Hub, not on the demo', () => {
    expect(sessionStanding(session('secretariat', false, false), true)).toBe('enrolment-required')
    expect(sessionStanding(session('admin', false, false), true)).toBe('enrolment-required')
    expect(sessionStanding(session('secretariat', false, false), false)).toBe('active')
    expect(sessionStanding(session('user', false, false), true)).toBe('active')
  })

  test('a proof counts as recent for ten minutes', () => {
    const now = new Date('2025-03-01T12:00:00Z')
    const ago = (ms: number) => new Date(now.getTime() - ms)
    expect(isRecentlyVerified(ago(0), now)).toBe(true)
    expect(isRecentlyVerified(ago(STEP_UP_WINDOW_MS), now)).toBe(true)
    expect(isRecentlyVerified(ago(STEP_UP_WINDOW_MS + 1), now)).toBe(false)
    expect(isRecentlyVerified(ago(-5 * 60_000), now)).toBe(false)
  })
})
