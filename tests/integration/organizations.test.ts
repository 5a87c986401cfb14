import { and, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { auditLog, invitations, memberships, organizations, type OrganizationId } from '#db/schema/index'
import { OrganizationSchema } from '~/domain/organizations/schemas'
import {
  createOrganization,
  organizationBySlug,
  rejectOrganization,
  slugify,
  updateOrganization,
  verificationQueue,
  verifyOrganization,
} from '~/domain/organizations/organizations.server'
import { db } from '~/utils/db.server'
import { createOrganization as insertOrganization, createUser, uniqueSuffix } from '../factories'
import { expectDomainError } from './support'

const input = (fields: Record<string, unknown>) => OrganizationSchema.parse({ type: 'civil_society', ...fields })

async function orgRow(id: OrganizationId) {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id))
  return row!
}

/** The organisation as the secretariat reviewed it. */
const reviewed = (org: { id: OrganizationId; version: number }) => ({ organizationId: org.id, version: org.version })

async function auditOf(id: string) {
  return db.select().from(auditLog).where(eq(auditLog.entityId, id)).orderBy(auditLog.id)
}

describe('createOrganization', () => {
  test('creates a pending organisation owned by its creator, and records it', async () => {
    const user = await createUser()
    const name = `Migrant Rights Network ${uniqueSuffix()}`
    const org = await createOrganization(db, user.actor, input({ name, type: 'migrant_diaspora', country: 'sen' }))

    expect(org).toMatchObject({ name, type: 'migrant_diaspora', country: 'SEN', verificationStatus: 'pending', slug: slugify(name) })
    const members = await db.select().from(memberships).where(eq(memberships.organizationId, org.id))
    expect(members).toEqual([expect.objectContaining({ userId: user.id, role: 'owner' })])
    const audit = await auditOf(org.id)
    expect(audit).toEqual([
      expect.objectContaining({ actorId: user.id, action: 'organization.created', entityType: 'organization' }),
    ])
  })

  test('a second organisation with the same name gets a numbered slug', async () => {
    const name = `Ministère de l'Intérieur ${uniqueSuffix()}`
    const first = await createOrganization(db, (await createUser()).actor, input({ name, type: 'state', country: 'FRA' }))
    const second = await createOrganization(db, (await createUser()).actor, input({ name, type: 'state', country: 'FRA' }))
    const third = await createOrganization(db, (await createUser()).actor, input({ name, type: 'state', country: 'FRA' }))
    expect(first.slug).toMatch(/^ministere-de-l-interieur-[a-z0-9]+$/)
    expect(second.slug).toBe(`${first.slug}-2`)
    expect(third.slug).toBe(`${first.slug}-3`)
    expect((await organizationBySlug(db, second.slug))?.id).toBe(second.id)
  })

  test('a user whose email is not verified cannot create one', async () => {
    const user = await createUser({ verified: false })
    const name = `Unverified Org ${uniqueSuffix()}`
    await expectDomainError(createOrganization(db, user.actor, input({ name })), {
      status: 403,
      code: 'organizations.verifyEmailFirst',
    })
    expect(await db.select().from(organizations).where(eq(organizations.name, name))).toHaveLength(0)
  })

  test('the database refuses a State without a country', async () => {
    const user = await createUser()
    await expect(
      createOrganization(db, user.actor, { name: `Stateless ${uniqueSuffix()}`, type: 'state' }),
    ).rejects.toThrow()
    expect(() => input({ name: 'Some State', type: 'state' })).toThrow()
  })
})

describe('verification by the secretariat', () => {
  test('the queue lists pending organisations, for the secretariat and admins only', async () => {
    const { org, owner } = await insertOrganization()
    const { org: verified } = await insertOrganization({ status: 'verified' })
    const { org: rejected } = await insertOrganization({ status: 'rejected' })
    for (const role of ['secretariat', 'admin'] as const) {
      const queue = await verificationQueue(db, (await createUser({ role })).actor)
      expect(queue.find((o) => o.id === org.id)).toMatchObject({ name: org.name, slug: org.slug, type: org.type })
      expect(queue.some((o) => o.id === verified.id || o.id === rejected.id)).toBe(false)
    }
    await expectDomainError(verificationQueue(db, owner.actor), { status: 403 })
    await expectDomainError(verificationQueue(db, (await createUser()).actor), { status: 403 })
  })

  test('the queue shows the email of the first owner', async () => {
    const { org, owner } = await insertOrganization()
    await db.insert(memberships).values({ organizationId: org.id, userId: (await createUser()).id, role: 'member' })
    const queue = await verificationQueue(db, (await createUser({ role: 'secretariat' })).actor)
    expect(queue.find((o) => o.id === org.id)?.ownerEmail).toBe(owner.email)
  })

  test('the secretariat verifies a pending organisation', async () => {
    const { org } = await insertOrganization()
    const staff = await createUser({ role: 'secretariat' })
    await verifyOrganization(db, staff.actor, reviewed(org))
    const row = await orgRow(org.id)
    expect(row).toMatchObject({ verificationStatus: 'verified', verifiedBy: staff.id, rejectionReason: null })
    expect(row.verifiedAt).toBeInstanceOf(Date)
    expect((await auditOf(org.id)).map((a) => a.action)).toEqual(['organization.verified'])
  })

  test('nobody else can verify or reject, not even the owner', async () => {
    const { org, owner } = await insertOrganization()
    await expectDomainError(verifyOrganization(db, owner.actor, reviewed(org)), { status: 403 })
    await expectDomainError(rejectOrganization(db, owner.actor, { ...reviewed(org), reason: 'No documents given.' }), { status: 403 })
    expect((await orgRow(org.id)).verificationStatus).toBe('pending')
  })

  test('a rejection keeps its reason, and a second decision is a conflict', async () => {
    const { org } = await insertOrganization()
    const staff = await createUser({ role: 'admin' })
    await rejectOrganization(db, staff.actor, { ...reviewed(org), reason: 'The registration number does not match.' })
    expect(await orgRow(org.id)).toMatchObject({
      verificationStatus: 'rejected',
      rejectionReason: 'The registration number does not match.',
      verifiedAt: null,
    })
    await expectDomainError(rejectOrganization(db, staff.actor, { ...reviewed(org), reason: 'Again.' }), {
      status: 409,
      code: 'organizations.alreadyDecided',
    })
    await expectDomainError(verifyOrganization(db, staff.actor, reviewed(org)), { status: 409 })
    const audit = await auditOf(org.id)
    expect(audit.map((a) => a.action)).toEqual(['organization.rejected'])
    expect(audit[0]!.summary).toEqual({ version: 1, reason: 'The registration number does not match.' })
  })

  test('deciding on an unknown organisation is a 404', async () => {
    const staff = await createUser({ role: 'secretariat' })
    await expectDomainError(verifyOrganization(db, staff.actor, { organizationId: crypto.randomUUID() as OrganizationId, version: 1 }), { status: 404 })
  })

  test('editing a rejected organisation sends it back to the queue', async () => {
    const { org, owner } = await insertOrganization({ status: 'rejected' })
    const name = `Resubmitted ${uniqueSuffix()}`
    await updateOrganization(db, owner.actor, org, input({ name, description: 'Now with documents.' }))
    expect(await orgRow(org.id)).toMatchObject({ name, verificationStatus: 'pending', rejectionReason: null })
    const [audit] = await auditOf(org.id)
    expect(audit).toMatchObject({ action: 'organization.updated', summary: { name, resubmitted: true } })
    const staff = await createUser({ role: 'secretariat' })
    expect((await verificationQueue(db, staff.actor)).some((o) => o.id === org.id)).toBe(true)
  })

  test('the type and country of a verified organisation are locked; other details are not', async () => {
    const { org, owner } = await insertOrganization({ status: 'verified', type: 'state', country: 'KEN' })
    await expectDomainError(updateOrganization(db, owner.actor, org, input({ name: org.name, type: 'state', country: 'UGA' })), {
      status: 409,
      code: 'organizations.identityLocked',
    })
    await updateOrganization(db, owner.actor, org, input({ name: org.name, type: 'state', country: 'KEN', description: 'New' }))
    expect(await orgRow(org.id)).toMatchObject({ country: 'KEN', description: 'New', verificationStatus: 'verified' })
  })

  test('a plain member cannot edit the organisation', async () => {
    const { org } = await insertOrganization()
    const member = await createUser()
    await db.insert(memberships).values({ organizationId: org.id, userId: member.id, role: 'member' })
    await expectDomainError(updateOrganization(db, member.actor, org, input({ name: 'Taken Over' })), { status: 403 })
    const outsider = await createUser()
    await expectDomainError(updateOrganization(db, outsider.actor, org, input({ name: 'Taken Over' })), { status: 403 })
    expect((await orgRow(org.id)).name).toBe(org.name)
  })
})

test('slugify makes readable ASCII slugs', () => {
  expect(slugify("  Ministère de l'Intérieur — Côte d'Ivoire  ")).toBe('ministere-de-l-interieur-cote-d-ivoire')
  expect(slugify('IOM')).toBe('iom')
  expect(slugify('x'.repeat(100))).toHaveLength(60)
})

test('memberships are unique per organisation and user', async () => {
  const { org, owner } = await insertOrganization()
  await expect(
    db.insert(memberships).values({ organizationId: org.id, userId: owner.id, role: 'member' }),
  ).rejects.toThrow()
  const rows = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.organizationId, org.id), eq(memberships.userId, owner.id)))
  expect(rows).toHaveLength(1)
  expect(await db.select().from(invitations).where(eq(invitations.organizationId, org.id))).toHaveLength(0)
})

test('an organisation name cannot carry a web address (it travels in invitation emails)', () => {
  const result = OrganizationSchema.safeParse({ name: 'URGENT: verify at http://evil.example/login', type: 'civil_society' })
  expect(result.error?.issues.map((i) => i.message)).toContain('validation.noLinksInName')
})

test('a verified organisation cannot rename itself and keep its badge', async () => {
  const { org, owner } = await insertOrganization({ type: 'academia', status: 'verified' })
  await expectDomainError(updateOrganization(db, owner.actor, org, { name: 'UNHCR Regional Bureau', type: 'academia' }), { status: 409, code: 'organizations.identityLocked' })
})
