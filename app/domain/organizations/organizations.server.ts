import { and, asc, eq, sql } from 'drizzle-orm'
import type { z } from 'zod'
import { memberships, organizations, users, type OrganizationId, type UserId } from '#db/schema/index'
import { recordAudit } from '~/utils/audit.server'
import type { Db } from '~/utils/db.server'
import { can, type Ability, type MembershipContext } from '~/domain/access/abilities'
import type { SessionUser } from '../accounts/sessions.server'
import { DomainError, forbidden, notFound } from '../errors'
import type { OrganizationSchema, RejectionSchema } from './schemas'

export type Organization = typeof organizations.$inferSelect
type OrganizationInput = z.output<typeof OrganizationSchema>

export function slugify(name: string) {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '')
  // Names in non-Latin scripts leave nothing readable: fall back to a neutral, still unique-able slug.
  return base.length >= 2 ? base : 'organization'
}

async function uniqueSlug(tx: Db, name: string) {
  const base = slugify(name)
  // Two organisations with the same name created at once must not pick the same slug.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`organization-slug:${base}`}))`)
  const taken = await tx
    .select({ slug: organizations.slug })
    .from(organizations)
    .where(sql`${organizations.slug} = ${base} or ${organizations.slug} like ${`${base}-%`}`)
  const used = new Set(taken.map((r) => r.slug))
  if (!used.has(base)) return base
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`
}

export async function organizationBySlug(db: Db, slug: string) {
  const [org] = await db.select().from(organizations).where(eq(organizations.slug, slug))
  return org ?? null
}

export async function membershipOf(db: Db, userId: UserId, organizationId: OrganizationId) {
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.organizationId, organizationId)))
  return row ?? null
}

export async function membershipContext(db: Db, user: SessionUser, org: Organization): Promise<MembershipContext | null> {
  const membership = await membershipOf(db, user.id, org.id)
  return membership ? { role: membership.role, organizationVerified: org.verificationStatus === 'verified' } : null
}

/** Throws a 403 domain error unless the user holds `ability` on this organisation. */
export async function assertCanOnOrganization(db: Db, user: SessionUser, org: Organization, ability: Ability) {
  const context = await membershipContext(db, user, org)
  if (!can(user, ability, context)) throw forbidden()
  return context
}

/** The columns that name an organisation in a list. */
const organizationHead = {
  id: organizations.id,
  slug: organizations.slug,
  name: organizations.name,
  type: organizations.type,
  country: organizations.country,
}

export async function organizationsOf(db: Db, userId: UserId) {
  return db
    .select({
      ...organizationHead,
      verificationStatus: organizations.verificationStatus,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(organizations.name))
}

/** Anyone with a verified email may create an organisation; it waits for the secretariat's verification. */
export async function createOrganization(db: Db, user: SessionUser, input: OrganizationInput) {
  if (!user.emailVerifiedAt) {
    throw new DomainError('organizations.verifyEmailFirst', 'Verify your email address before creating an organisation.', 403)
  }
  return db.transaction(async (tx) => {
    const [org] = await tx
      .insert(organizations)
      .values({ ...input, description: input.description ?? '', slug: await uniqueSlug(tx, input.name) })
      .returning()
    if (!org) throw new Error('organisation not created')
    await tx.insert(memberships).values({ organizationId: org.id, userId: user.id, role: 'owner' })
    await recordAudit(tx, {
      actorId: user.id,
      action: 'organization.created',
      entityType: 'organization',
      entityId: org.id,
      summary: { name: org.name, type: org.type, country: org.country },
    })
    return org
  })
}

/** Editing a rejected organisation sends it back to the verification queue. */
export async function updateOrganization(db: Db, user: SessionUser, org: Organization, input: OrganizationInput) {
  await assertCanOnOrganization(db, user, org, 'update:organization')
  // What the secretariat verified: who the organisation is. Changing it would keep a badge it no longer earned.
  const identityChanged = input.name !== org.name || input.type !== org.type || (input.country ?? null) !== org.country
  if (identityChanged && org.verificationStatus === 'verified') {
    throw new DomainError(
      'organizations.identityLocked',
      'The name, type and country of a verified organisation can only be changed by the secretariat.',
      409,
      'name',
    )
  }
  await db.transaction(async (tx) => {
    await tx
      .update(organizations)
      .set({
        ...input,
        description: input.description ?? '',
        website: input.website ?? null,
        country: input.country ?? null,
        updatedAt: new Date(),
        ...(org.verificationStatus === 'rejected' ? { verificationStatus: 'pending' as const, rejectionReason: null } : {}),
      })
      .where(eq(organizations.id, org.id))
    await recordAudit(tx, {
      actorId: user.id,
      action: 'organization.updated',
      entityType: 'organization',
      entityId: org.id,
      summary: { name: input.name, resubmitted: org.verificationStatus === 'rejected' },
    })
  })
}

export async function verificationQueue(db: Db, user: SessionUser) {
  if (!can(user, 'verify:organization')) throw forbidden()
  return db
    .select({
      ...organizationHead,
      website: organizations.website,
      description: organizations.description,
      version: organizations.version,
      createdAt: organizations.createdAt,
      ownerEmail: sql<string | null>`(select u.email from ${memberships} m join ${users} u on u.id = m.user_id
        where m.organization_id = ${organizations}.${sql.identifier('id')} and m.role = 'owner' order by m.created_at limit 1)`,
    })
    .from(organizations)
    .where(eq(organizations.verificationStatus, 'pending'))
    .orderBy(asc(organizations.createdAt))
}

/** The organisation the secretariat decides on, and the version of it that it reviewed. */
export interface ReviewedOrganization {
  organizationId: OrganizationId
  version: number
}

async function decide(
  db: Db,
  user: SessionUser,
  reviewed: ReviewedOrganization,
  decision: { status: 'verified' } | { status: 'rejected'; reason: string },
) {
  if (!can(user, 'verify:organization')) throw forbidden()
  const { organizationId } = reviewed
  await db.transaction(async (tx) => {
    const [org] = await tx.select().from(organizations).where(eq(organizations.id, organizationId)).for('update')
    if (!org) throw notFound()
    if (org.verificationStatus !== 'pending') {
      throw new DomainError('organizations.alreadyDecided', 'This organisation has already been decided on.', 409)
    }
    // A decision on what the secretariat saw, not on whatever the owner changed it into since.
    if (org.version !== reviewed.version) {
      throw new DomainError('organizations.changedSinceReview', 'This organisation changed since you opened it; review it again.', 409)
    }
    const verified = decision.status === 'verified'
    await tx
      .update(organizations)
      .set({
        verificationStatus: decision.status,
        verifiedAt: verified ? new Date() : null,
        verifiedBy: user.id,
        rejectionReason: verified ? null : decision.reason,
        updatedAt: new Date(),
      })
      .where(eq(organizations.id, organizationId))
    await recordAudit(tx, {
      actorId: user.id,
      action: verified ? 'organization.verified' : 'organization.rejected',
      entityType: 'organization',
      entityId: organizationId,
      summary: { version: org.version, ...(verified ? {} : { reason: decision.reason }) },
    })
  })
}

export const verifyOrganization = (db: Db, user: SessionUser, reviewed: ReviewedOrganization) =>
  decide(db, user, reviewed, { status: 'verified' })

export const rejectOrganization = (
  db: Db,
  user: SessionUser,
  { reason, ...reviewed }: ReviewedOrganization & z.output<typeof RejectionSchema>,
) => decide(db, user, reviewed, { status: 'rejected', reason })
