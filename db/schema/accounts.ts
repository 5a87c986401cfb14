import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { platformRole, tokenPurpose } from './enums'
import { bytea, createdAt, idKey, ownedBy, ts, type UserId } from './types'

export const users = pgTable(
  'users',
  {
    id: idKey<UserId>(),
    email: text('email').notNull(),
    emailVerifiedAt: ts('email_verified_at'),
    passwordHash: text('password_hash').notNull(),
    displayName: text('display_name').notNull(),
    platformRole: platformRole('platform_role').notNull().default('user'),
    locale: text('locale').notNull().default('en'),
    /**
     * The authenticator app's TOTP key (RFC 6238), null until the second factor is enrolled. Stored as the Lucia
     * two-factor guide does, unencrypted: the Hub has no secret-key setting to encrypt it with.
     */
    totpKey: bytea('totp_key'),
    totpEnabledAt: ts('totp_enabled_at'),
    /** The last 30-second step whose code was accepted: a code is never accepted twice. */
    totpLastStep: integer('totp_last_step'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(sql`lower(${t.email})`),
    check('users_email_shape', sql`${t.email} ~ '^[^@\\s]+@[^@\\s]+$' and length(${t.email}) <= 254`),
    check('users_display_name_length', sql`length(${t.displayName}) between 1 and 120`),
    check('users_totp_enrolled', sql`(${t.totpKey} is null) = (${t.totpEnabledAt} is null) and (${t.totpKey} is null or length(${t.totpKey}) = 20)`),
  ],
)

/** Lucia-style sessions: the cookie carries `id.secret`; only SHA-256(secret) is stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    secretHash: bytea('secret_hash').notNull(),
    userId: ownedBy<UserId>('user_id', () => users.id),
    createdAt: createdAt(),
    lastActiveAt: ts('last_active_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    userAgent: text('user_agent'),
    ipAddress: text('ip_address'),
    /** Lucia's two-factor pattern: a session of an enrolled account can do nothing until this is true. */
    twoFactorVerified: boolean('two_factor_verified').notNull().default(false),
    /** When the person last proved who they are here (password, code): sensitive steps want it recent. */
    lastVerifiedAt: ts('last_verified_at').notNull().defaultNow(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
)

/** Single-use codes that stand in for the authenticator app; stored hashed, shown once. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: idKey(),
    userId: ownedBy<UserId>('user_id', () => users.id),
    codeHash: bytea('code_hash').notNull(),
    usedAt: ts('used_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('recovery_codes_user_hash_key').on(t.userId, t.codeHash)],
)

/** Single-use tokens mailed to a user (email verification, password reset); stored hashed. */
export const userTokens = pgTable(
  'user_tokens',
  {
    id: idKey(),
    userId: ownedBy<UserId>('user_id', () => users.id),
    purpose: tokenPurpose('purpose').notNull(),
    tokenHash: bytea('token_hash').notNull(),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('user_tokens_hash_key').on(t.tokenHash), index('user_tokens_user_idx').on(t.userId)],
)
