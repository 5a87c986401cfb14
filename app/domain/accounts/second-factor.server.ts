import { and, count, eq, isNotNull, isNull, lt, or, sql } from 'drizzle-orm'
import { recoveryCodes, users, type UserId } from '#db/schema/index'
import { recordAudit } from '~/utils/audit.server'
import { hashToken } from '~/utils/crypto.server'
import type { Db } from '~/utils/db.server'
import { DomainError } from '../errors'
import { verifyPassword } from './passwords.server'
import {
  acceptedTotpStep,
  looksLikeTotpCode,
  newRecoveryCodes,
  normalizeRecoveryCode,
} from './second-factor'
import { markSessionVerified, type SessionUser } from './sessions.server'

const wrongCode = () => new DomainError('validation.secondFactorWrong', 'The code is not correct, or it was already used.', 400, 'code')

const hashRecoveryCode = (code: string) => hashToken(normalizeRecoveryCode(code))

export async function secondFactorStatus(db: Db, userId: UserId) {
  const [row] = await db.select({ enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, userId))
  const [left] = await db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
  return { enrolled: Boolean(row?.enabledAt), enabledAt: row?.enabledAt ?? null, recoveryCodesLeft: left?.n ?? 0 }
}

async function replaceRecoveryCodes(tx: Db, userId: UserId) {
  const codes = newRecoveryCodes()
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId))
  await tx.insert(recoveryCodes).values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })))
  return codes
}

/**
 * Turns the second factor on with the key shown to the person, once their app's first code proves they hold
 * it. Returns the ten recovery codes, which are shown this once and stored only hashed.
 */
export async function enrolTotp(db: Db, options: { user: SessionUser; sessionId: string; key: Uint8Array; code: string; now?: Date }) {
  const { user, sessionId, key, code, now = new Date() } = options
  const step = acceptedTotpStep(key, code, now, null)
  if (step === null) throw wrongCode()
  return db.transaction(async (tx) => {
    const enrolled = await tx
      .update(users)
      .set({ totpKey: key, totpEnabledAt: now, totpLastStep: step, updatedAt: now })
      .where(and(eq(users.id, user.id), isNull(users.totpKey)))
      .returning({ id: users.id })
    if (enrolled.length === 0) {
      throw new DomainError('account.secondFactor.alreadyEnrolled', 'The second factor is already turned on.', 409)
    }
    const codes = await replaceRecoveryCodes(tx, user.id)
    await markSessionVerified(tx, sessionId, { secondFactor: true }, now)
    await recordAudit(tx, { actorId: user.id, action: 'user.second_factor_enabled', entityType: 'user', entityId: user.id, summary: { method: 'totp' } })
    return codes
  })
}

export async function regenerateRecoveryCodes(db: Db, user: SessionUser) {
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, user.id)).for('update')
    if (!row?.enabledAt) throw new DomainError('account.secondFactor.notEnrolled', 'The second factor is not turned on.', 409)
    const codes = await replaceRecoveryCodes(tx, user.id)
    await recordAudit(tx, { actorId: user.id, action: 'user.recovery_codes_regenerated', entityType: 'user', entityId: user.id })
    return codes
  })
}

/** Turns the second factor off (the caller asked for a recent password or code first). */
export async function disableTotp(db: Db, user: SessionUser) {
  await db.transaction(async (tx) => {
    const disabled = await tx
      .update(users)
      .set({ totpKey: null, totpEnabledAt: null, totpLastStep: null, updatedAt: new Date() })
      .where(and(eq(users.id, user.id), isNotNull(users.totpKey)))
      .returning({ id: users.id })
    if (disabled.length === 0) throw new DomainError('account.secondFactor.notEnrolled', 'The second factor is not turned on.', 409)
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id))
    await recordAudit(tx, { actorId: user.id, action: 'user.second_factor_disabled', entityType: 'user', entityId: user.id })
  })
}

/** Accepts a TOTP code once: the step is recorded in the same statement that checks it was not used. */
async function useTotpCode(tx: Db, userId: UserId, code: string, now: Date) {
  const [row] = await tx.select({ key: users.totpKey, lastStep: users.totpLastStep }).from(users).where(eq(users.id, userId))
  if (!row?.key) return false
  const step = acceptedTotpStep(row.key, code, now, row.lastStep)
  if (step === null) return false
  const used = await tx
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id })
  return used.length > 0
}

/** Spends a recovery code; returns how many are left, or null when it is unknown or already used. */
async function useRecoveryCode(tx: Db, userId: UserId, code: string, now: Date) {
  const spent = await tx
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashRecoveryCode(code)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id })
  if (spent.length === 0) return null
  const [left] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
  return left?.n ?? 0
}

/**
 * The second step of signing in: a code from the app, or one of the recovery codes. On success the partial
 * session becomes a full one; a wrong or reused code changes nothing.
 */
export async function passSecondFactor(
  db: Db,
  options: { userId: UserId; sessionId: string; kind: 'totp' | 'recovery'; code: string; now?: Date },
) {
  const { userId, sessionId, kind, code, now = new Date() } = options
  return db.transaction(async (tx) => {
    let method: 'totp' | 'recovery_code'
    if (kind === 'totp') {
      if (!(await useTotpCode(tx, userId, code, now))) throw wrongCode()
      method = 'totp'
    } else {
      const left = await useRecoveryCode(tx, userId, code, now)
      if (left === null) throw wrongCode()
      await recordAudit(tx, { actorId: userId, action: 'user.recovery_code_used', entityType: 'user', entityId: userId, summary: { left } })
      method = 'recovery_code'
    }
    await markSessionVerified(tx, sessionId, { secondFactor: true }, now)
    await recordAudit(tx, { actorId: userId, action: 'user.logged_in', entityType: 'user', entityId: userId, summary: { secondFactor: method } })
    return { method }
  })
}

/** Step-up: the password again, or a fresh code from the app, makes this session recently verified. */
export async function confirmIdentity(
  db: Db,
  options: { user: SessionUser; sessionId: string; proof: { password: string } | { code: string }; now?: Date },
) {
  const { user, sessionId, proof, now = new Date() } = options
  await db.transaction(async (tx) => {
    if ('password' in proof) {
      const [row] = await tx.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id))
      if (!row || !(await verifyPassword(row.passwordHash, proof.password))) {
        throw new DomainError('validation.currentPasswordWrong', 'The password is not correct.', 400, 'password')
      }
    } else if (!looksLikeTotpCode(proof.code) || !(await useTotpCode(tx, user.id, proof.code, now))) {
      throw wrongCode()
    }
    await markSessionVerified(tx, sessionId, { secondFactor: false }, now)
  })
}
