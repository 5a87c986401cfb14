import { and, asc, desc, eq, gt, isNull, sql } from 'drizzle-orm'
import type { z } from 'zod'
import { invitations, memberships, organizations, users, type MemberRole, type UserId } from '#db/schema/index'
import { recordAudit } from '~/utils/audit.server'
import { hashToken, randomToken } from '~/utils/crypto.server'
import type { Db } from '~/utils/db.server'
import { queueEmail } from '~/utils/email.server'
import { hitRateLimit } from '~/utils/rate-limit.server'
import { translator } from '~/utils/i18n.server'
import type { Links } from '../accounts/users.server'
import type { SessionUser } from '../accounts/sessions.server'
import { DomainError, notFound } from '../errors'
import { assertCanOnOrganization, type Organization } from './organizations.server'
import type { InviteSchema } from './schemas'

export const INVITATION_LIFETIME_MS = 7 * 86_400_000
export const INVITATIONS_PER_HOUR = 20

export async function membersOf(db: Db, org: Organization) {
  return db
    .select({ userId: users.id, displayName: users.displayName, email: users.email, role: memberships.role, since: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organizationId, org.id))
    .orderBy(asc(users.displayName))
}

export async function openInvitationsOf(db: Db, org: Organization) {
  return db
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(
      and(
        eq(invitations.organizationId, org.id),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    )
    .orderBy(desc(invitations.createdAt))
}

export async function inviteMember(
  db: Db,
  user: SessionUser,
  org: Organization,
  input: z.output<typeof InviteSchema>,
  links: Links,
) {
  await assertCanOnOrganization(db, user, org, 'invite:member')
  // An invitation speaks in the organisation's name to any address: only once the secretariat has verified it.
  if (org.verificationStatus !== 'verified') {
    throw new DomainError('organizations.inviteNeedsVerification', 'Invitations can be sent once the secretariat has verified this organisation.', 403)
  }
  // Invitations are emails to any address: a cap keeps the Hub from being used to send them in bulk.
  const limit = await hitRateLimit(db, `invite:user:${user.id}`, INVITATIONS_PER_HOUR, 3_600_000)
  if (!limit.allowed) throw new DomainError('validation.invitationsRateLimited', 'Too many invitations; wait an hour.', 429, 'email')
  await db.transaction(async (tx) => {
    const [already] = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.organizationId, org.id), eq(sql`lower(${users.email})`, input.email)))
    if (already) throw new DomainError('organizations.alreadyMember', 'This person is already a member.', 409, 'email')
    const token = randomToken()
    const [invitation] = await tx
      .insert(invitations)
      .values({
        organizationId: org.id,
        email: input.email,
        role: input.role,
        tokenHash: hashToken(token),
        invitedBy: user.id,
        expiresAt: new Date(Date.now() + INVITATION_LIFETIME_MS),
      })
      .returning({ id: invitations.id })
    if (!invitation) throw new Error('invitation not created')
    const t = translator(links.locale)
    await queueEmail(tx, {
      kind: 'security',
      to: input.email,
      template: 'invitation',
      subject: t('email.invitation.subject', { organization: org.name }),
      // The organisation's verified name, never the inviter's own free text: the reader may be anyone.
      text: t('email.invitation.body', {
        organization: org.name,
        role: t(`roles.${input.role}`),
        url: `${links.origin}/invitations/${token}`,
      }),
    })
    await recordAudit(tx, {
      actorId: user.id,
      action: 'organization.member_invited',
      entityType: 'organization',
      entityId: org.id,
      summary: { invitationId: invitation.id, role: input.role },
    })
  })
}

export async function revokeInvitation(db: Db, user: SessionUser, org: Organization, invitationId: string) {
  await assertCanOnOrganization(db, user, org, 'invite:member')
  await db.transaction(async (tx) => {
    const revoked = await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(and(eq(invitations.id, invitationId), eq(invitations.organizationId, org.id), isNull(invitations.acceptedAt)))
      .returning({ id: invitations.id })
    if (revoked.length === 0) throw notFound()
    await recordAudit(tx, {
      actorId: user.id,
      action: 'organization.invitation_revoked',
      entityType: 'organization',
      entityId: org.id,
      summary: { invitationId },
    })
  })
}

/** What an invitation link shows before it is accepted; null when the link is unknown, used or expired. */
export async function invitationByToken(db: Db, token: string) {
  const [row] = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      organization: { id: organizations.id, slug: organizations.slug, name: organizations.name },
    })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
    .where(
      and(
        eq(invitations.tokenHash, hashToken(token)),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    )
  return row ?? null
}

/** The invitation is for one address: the signed-in user must own it (and have verified it). */
export async function acceptInvitation(db: Db, user: SessionUser, token: string) {
  return db.transaction(async (tx) => {
    const invitation = await invitationByToken(tx, token)
    if (!invitation) throw new DomainError('invitations.invalid', 'This invitation link is not valid any more.', 404)
    if (invitation.email.toLowerCase() !== user.email.toLowerCase()) {
      throw new DomainError('invitations.otherAddress', 'This invitation was sent to another email address.', 403)
    }
    if (!user.emailVerifiedAt) {
      throw new DomainError('organizations.verifyEmailFirst', 'Verify your email address first.', 403)
    }
    const claimed = await tx
      .update(invitations)
      .set({ acceptedAt: new Date(), acceptedBy: user.id })
      .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt)))
      .returning({ id: invitations.id })
    if (claimed.length === 0) throw new DomainError('invitations.invalid', 'This invitation link is not valid any more.', 404)
    await tx
      .insert(memberships)
      .values({ organizationId: invitation.organization.id, userId: user.id, role: invitation.role })
      .onConflictDoNothing()
    await recordAudit(tx, {
      actorId: user.id,
      action: 'organization.member_joined',
      entityType: 'organization',
      entityId: invitation.organization.id,
      summary: { invitationId: invitation.id, role: invitation.role },
    })
    return invitation.organization
  })
}

async function ownerCount(tx: Db, org: Organization) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.organizationId, org.id), eq(memberships.role, 'owner')))
  return row?.n ?? 0
}

const lastOwner = () =>
  new DomainError('organizations.lastOwner', 'An organisation needs at least one owner.', 409, 'role')

/** The member's current role, with the organisation locked so that concurrent role changes see each other. */
async function lockedMember(tx: Db, org: Organization, memberId: UserId) {
  await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, org.id)).for('update')
  const [member] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.organizationId, org.id), eq(memberships.userId, memberId)))
  if (!member) throw notFound()
  return member
}

export async function changeMemberRole(db: Db, user: SessionUser, org: Organization, memberId: UserId, role: MemberRole) {
  await assertCanOnOrganization(db, user, org, 'manage:member')
  await db.transaction(async (tx) => {
    // Serialise role changes of one organisation so two owners cannot demote each other at once.
    const member = await lockedMember(tx, org, memberId)
    if (member.role === 'owner' && role !== 'owner' && (await ownerCount(tx, org)) <= 1) throw lastOwner()
    await tx
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.organizationId, org.id), eq(memberships.userId, memberId)))
    await recordAudit(tx, {
      actorId: user.id,
      action: 'organization.member_role_changed',
      entityType: 'organization',
      entityId: org.id,
      summary: { memberId, from: member.role, to: role },
    })
  })
}

export async function removeMember(db: Db, user: SessionUser, org: Organization, memberId: UserId) {
  if (memberId !== user.id) await assertCanOnOrganization(db, user, org, 'manage:member')
  await db.transaction(async (tx) => {
    const member = await lockedMember(tx, org, memberId)
    if (member.role === 'owner' && (await ownerCount(tx, org)) <= 1) throw lastOwner()
    await tx.delete(memberships).where(and(eq(memberships.organizationId, org.id), eq(memberships.userId, memberId)))
    await recordAudit(tx, {
      actorId: user.id,
      action: memberId === user.id ? 'organization.member_left' : 'organization.member_removed',
      entityType: 'organization',
      entityId: org.id,
      summary: { memberId, role: member.role },
    })
  })
}
