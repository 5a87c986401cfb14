import { and, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { auditLog, invitations, memberships, type MemberRole, type UserId } from '#db/schema/index'
import {
  acceptInvitation,
  changeMemberRole,
  invitationByToken,
  inviteMember,
  INVITATIONS_PER_HOUR,
  membersOf,
  openInvitationsOf,
  removeMember,
  revokeInvitation,
} from '~/domain/organizations/members.server'
import { hashToken } from '~/utils/crypto.server'
import { db } from '~/utils/db.server'
import { addMember, createOrganization, createUser, uniqueEmail, type TestUser } from '../factories'
import { deliveryJobsFor, expectDomainError, links, outboxTo, tokenIn } from './support'

async function roleOf(org: { id: string }, userId: UserId) {
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.organizationId, org.id as never), eq(memberships.userId, userId)))
  return row?.role ?? null
}

async function orgWithMember(role: MemberRole, status: 'pending' | 'verified' = 'verified') {
  const { org, owner } = await createOrganization({ status })
  const member = await createUser()
  await addMember(org.id, member.id, role)
  return { org, owner, member }
}

async function invite(org: Parameters<typeof inviteMember>[2], by: TestUser, email: string, role: 'admin' | 'member' = 'member') {
  await inviteMember(db, by.actor, org, { email, role }, links)
  const mails = await outboxTo(email)
  const mail = mails.at(-1)!
  return { mail, token: tokenIn(mail.textBody, '/invitations/') }
}

describe('invitations', () => {
  test('an owner invites by email: a hashed invitation and an email with its link', async () => {
    const { org, owner } = await createOrganization({ status: 'verified' })
    const email = uniqueEmail('invitee')
    const { mail, token } = await invite(org, owner, email, 'admin')

    expect(mail).toMatchObject({ template: 'invitation', status: 'queued' })
    expect(mail.subject).toContain(org.name)
    expect(mail.textBody).toContain(org.name)
    expect(await deliveryJobsFor(mail.id)).toHaveLength(1)

    const [row] = await db.select().from(invitations).where(eq(invitations.organizationId, org.id))
    expect(row).toMatchObject({ email, role: 'admin', invitedBy: owner.id, acceptedAt: null })
    expect(Buffer.from(row!.tokenHash).equals(Buffer.from(hashToken(token)))).toBe(true)
    expect(await invitationByToken(db, token)).toMatchObject({ email, role: 'admin', organization: { id: org.id } })
    expect((await openInvitationsOf(db, org)).map((i) => i.email)).toEqual([email])
  })

  test('only the invited address can accept, once', async () => {
    const { org, owner } = await createOrganization({ status: 'verified' })
    const invitee = await createUser()
    const stranger = await createUser()
    const { token } = await invite(org, owner, invitee.email.toUpperCase())

    await expectDomainError(acceptInvitation(db, stranger.actor, token), { status: 403, code: 'invitations.otherAddress' })
    expect(await roleOf(org, stranger.id)).toBeNull()

    const joined = await acceptInvitation(db, invitee.actor, token)
    expect(joined.id).toBe(org.id)
    expect(await roleOf(org, invitee.id)).toBe('member')
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, org.id), eq(auditLog.action, 'organization.member_joined')))
    expect(audit).toMatchObject({ actorId: invitee.id })

    await expectDomainError(acceptInvitation(db, invitee.actor, token), { status: 404, code: 'invitations.invalid' })
    expect(await invitationByToken(db, token)).toBeNull()
  })

  test('the invited address must be verified before accepting', async () => {
    const { org, owner } = await createOrganization({ status: 'verified' })
    const invitee = await createUser({ verified: false })
    const { token } = await invite(org, owner, invitee.email)
    await expectDomainError(acceptInvitation(db, invitee.actor, token), { status: 403 })
    expect(await roleOf(org, invitee.id)).toBeNull()
    expect(await invitationByToken(db, token)).not.toBeNull()
  })

  test('expired and revoked invitations cannot be accepted', async () => {
    const { org, owner } = await createOrganization({ status: 'verified' })
    const late = await createUser()
    const expired = await invite(org, owner, late.email)
    await db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.email, late.email))
    await expectDomainError(acceptInvitation(db, late.actor, expired.token), { status: 404 })

    const revokedUser = await createUser()
    const revoked = await invite(org, owner, revokedUser.email)
    const [row] = await db.select().from(invitations).where(eq(invitations.email, revokedUser.email))
    await revokeInvitation(db, owner.actor, org, row!.id)
    await expectDomainError(acceptInvitation(db, revokedUser.actor, revoked.token), { status: 404 })
    expect(await roleOf(org, late.id)).toBeNull()
    expect(await roleOf(org, revokedUser.id)).toBeNull()
  })

  test('two simultaneous acceptances of one invitation make one membership', async () => {
    const { org, owner } = await createOrganization({ status: 'verified' })
    const invitee = await createUser()
    const { token } = await invite(org, owner, invitee.email)
    const results = await Promise.allSettled([acceptInvitation(db, invitee.actor, token), acceptInvitation(db, invitee.actor, token)])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const joins = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, org.id), eq(auditLog.action, 'organization.member_joined')))
    expect(joins).toHaveLength(1)
  })

  test('inviting someone who is already a member is a conflict', async () => {
    const { org, owner, member } = await orgWithMember('member')
    await expectDomainError(inviteMember(db, owner.actor, org, { email: member.email, role: 'admin' }, links), {
      status: 409,
      code: 'organizations.alreadyMember',
    })
    expect(await outboxTo(member.email)).toHaveLength(0)
  })

  test('a plain member cannot invite; an organisation admin can', async () => {
    const { org, member } = await orgWithMember('member')
    const email = uniqueEmail('invitee')
    await expectDomainError(inviteMember(db, member.actor, org, { email, role: 'member' }, links), { status: 403 })
    expect(await outboxTo(email)).toHaveLength(0)

    const { org: other, member: orgAdmin } = await orgWithMember('admin')
    await inviteMember(db, orgAdmin.actor, other, { email, role: 'member' }, links)
    expect(await outboxTo(email)).toHaveLength(1)
  })

  test('the database refuses an invitation to become owner', async () => {
    const { org, owner } = await createOrganization()
    await expect(
      db.insert(invitations).values({
        organizationId: org.id,
        email: uniqueEmail('owner'),
        role: 'owner',
        tokenHash: hashToken('x'),
        invitedBy: owner.id,
        expiresAt: new Date(Date.now() + 60_000),
      }),
    ).rejects.toThrow()
  })
})

describe('managing members', () => {
  test('the only owner can neither step down nor be removed', async () => {
    const { org, owner } = await orgWithMember('admin')
    await expectDomainError(changeMemberRole(db, owner.actor, org, owner.id, 'admin'), {
      status: 409,
      code: 'organizations.lastOwner',
    })
    await expectDomainError(removeMember(db, owner.actor, org, owner.id), { status: 409, code: 'organizations.lastOwner' })
    expect(await roleOf(org, owner.id)).toBe('owner')
  })

  test('with a second owner, the first may step down or leave', async () => {
    const { org, owner, member } = await orgWithMember('member')
    await changeMemberRole(db, owner.actor, org, member.id, 'owner')
    expect(await roleOf(org, member.id)).toBe('owner')
    await changeMemberRole(db, owner.actor, org, owner.id, 'admin')
    expect(await roleOf(org, owner.id)).toBe('admin')
    await expectDomainError(changeMemberRole(db, member.actor, org, member.id, 'member'), { status: 409 })
    await removeMember(db, owner.actor, org, owner.id)
    expect(await roleOf(org, owner.id)).toBeNull()
    expect((await membersOf(db, org)).map((m) => [m.userId, m.role])).toEqual([[member.id, 'owner']])
  })

  test('two owners demoting each other at once leave one owner', async () => {
    const { org, owner, member: second } = await orgWithMember('owner')
    const results = await Promise.allSettled([
      changeMemberRole(db, owner.actor, org, second.id, 'member'),
      changeMemberRole(db, second.actor, org, owner.id, 'member'),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const owners = (await membersOf(db, org)).filter((m) => m.role === 'owner')
    expect(owners).toHaveLength(1)
  })

  test('an owner removes a member, and the removal is recorded', async () => {
    const { org, owner, member } = await orgWithMember('member')
    await removeMember(db, owner.actor, org, member.id)
    expect(await roleOf(org, member.id)).toBeNull()
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, org.id), eq(auditLog.action, 'organization.member_removed')))
    expect(audit).toMatchObject({ actorId: owner.id, summary: { memberId: member.id, role: 'member' } })
  })

  test('a plain member or an organisation admin cannot manage members, but may leave', async () => {
    const { org, owner, member } = await orgWithMember('member')
    const orgAdmin = await createUser()
    await addMember(org.id, orgAdmin.id, 'admin')
    for (const actor of [member, orgAdmin]) {
      await expectDomainError(changeMemberRole(db, actor.actor, org, actor.id, 'owner'), { status: 403 })
      await expectDomainError(changeMemberRole(db, actor.actor, org, owner.id, 'member'), { status: 403 })
      await expectDomainError(removeMember(db, actor.actor, org, owner.id), { status: 403 })
    }
    expect(await roleOf(org, owner.id)).toBe('owner')
    expect(await roleOf(org, member.id)).toBe('member')

    await removeMember(db, member.actor, org, member.id)
    expect(await roleOf(org, member.id)).toBeNull()
  })

  test('someone outside the organisation cannot manage it, even the secretariat', async () => {
    const { org, owner } = await createOrganization()
    for (const role of ['user', 'secretariat'] as const) {
      const outsider = await createUser({ role })
      await expectDomainError(removeMember(db, outsider.actor, org, owner.id), { status: 403 })
      await expectDomainError(inviteMember(db, outsider.actor, org, { email: uniqueEmail(), role: 'member' }, links), {
        status: 403,
      })
    }
  })

  test('changing the role of a non-member is a 404', async () => {
    const { org, owner } = await createOrganization()
    const stranger = await createUser()
    await expectDomainError(changeMemberRole(db, owner.actor, org, stranger.id, 'admin'), { status: 404 })
    await expectDomainError(removeMember(db, owner.actor, org, stranger.id), { status: 404 })
  })
})

test(`invitations are capped at ${INVITATIONS_PER_HOUR} an hour per person`, async () => {
  const { org, owner } = await createOrganization({ type: 'civil_society', status: 'verified' })
  for (let i = 0; i < INVITATIONS_PER_HOUR; i++) {
    await inviteMember(db, owner.actor, org, { email: `invitee-${i}-${org.id.slice(0, 8)}@example.org`, role: 'member' }, links)
  }
  await expectDomainError(inviteMember(db, owner.actor, org, { email: `one-more-${org.id.slice(0, 8)}@example.org`, role: 'member' }, links), { status: 429 })
})
