import { sql } from 'drizzle-orm'
import { check, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from './accounts'
import { memberRole, organizationType, verificationStatus } from './enums'
import { bytea, createdAt, idKey, ownedBy, ts, type OrganizationId, type UserId } from './types'

export const organizations = pgTable(
  'organizations',
  {
    id: idKey<OrganizationId>(),
    slug: text('slug').notNull(),
    /** Set only by the bulk import, which finds its organisations by it; null for those created on the web. */
    importKey: text('import_key'),
    name: text('name').notNull(),
    type: organizationType('type').notNull(),
    country: text('country'),
    website: text('website'),
    description: text('description').notNull().default(''),
    verificationStatus: verificationStatus('verification_status').notNull().default('pending'),
    verifiedAt: ts('verified_at'),
    verifiedBy: uuid('verified_by').references(() => users.id, { onDelete: 'set null' }).$type<UserId>(),
    rejectionReason: text('rejection_reason'),
    /**
     * The version of what the secretariat reviews (name, type, country, website, description): a trigger adds one
     * on every change of them, and a verification decision names the version it was taken on.
     */
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('organizations_slug_key').on(t.slug),
    uniqueIndex('organizations_import_key_key').on(t.importKey),
    check('organizations_import_key_shape', sql`${t.importKey} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    index('organizations_verification_idx').on(t.verificationStatus, t.createdAt),
    check('organizations_country_iso3', sql`${t.country} is null or ${t.country} ~ '^[A-Z]{3}$'`),
    check('organizations_name_length', sql`length(${t.name}) between 2 and 200`),
    check(
      'organizations_state_has_country',
      sql`${t.type} not in ('state', 'local_authority') or ${t.country} is not null`,
    ),
    check('organizations_version_positive', sql`${t.version} >= 1`),
    check(
      'organizations_rejection_has_reason',
      sql`${t.verificationStatus} <> 'rejected' or ${t.rejectionReason} is not null`,
    ),
  ],
)

export const memberships = pgTable(
  'memberships',
  {
    organizationId: ownedBy<OrganizationId>('organization_id', () => organizations.id),
    userId: ownedBy<UserId>('user_id', () => users.id),
    role: memberRole('role').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.userId] }), index('memberships_user_idx').on(t.userId)],
)

export const invitations = pgTable(
  'invitations',
  {
    id: idKey(),
    organizationId: ownedBy<OrganizationId>('organization_id', () => organizations.id),
    email: text('email').notNull(),
    role: memberRole('role').notNull(),
    tokenHash: bytea('token_hash').notNull(),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }).$type<UserId>(),
    expiresAt: ts('expires_at').notNull(),
    acceptedAt: ts('accepted_at'),
    acceptedBy: uuid('accepted_by').references(() => users.id, { onDelete: 'set null' }).$type<UserId>(),
    revokedAt: ts('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('invitations_token_key').on(t.tokenHash),
    index('invitations_org_idx').on(t.organizationId),
    check('invitations_role_not_owner', sql`${t.role} <> 'owner'`),
  ],
)
