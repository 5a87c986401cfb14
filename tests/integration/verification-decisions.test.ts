import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { organizations, type OrganizationId } from '#db/schema/index'
import { OrganizationSchema } from '~/domain/organizations/schemas'
import {
  rejectOrganization,
  updateOrganization,
  verificationQueue,
  verifyOrganization,
} from '~/domain/organizations/organizations.server'
import { action } from '~/routes/secretariat.verification'
import { db } from '~/utils/db.server'
import { translator } from '~/utils/i18n.server'
import { createOrganization, createUser } from '../factories'
import { expectDomainError } from './support'
import { flashOf, runAction, signedInPost } from './route-support'

async function orgRow(id: OrganizationId) {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id))
  return row!
}

/** A pending local authority, as the secretariat sees it in its queue. */
async function reviewedLocalAuthority() {
  const { org, owner } = await createOrganization({ type: 'local_authority', country: 'KEN', name: 'Kisumu County Government' })
  const staff = await createUser({ role: 'secretariat' })
  const seen = (await verificationQueue(db, staff.actor)).find((o) => o.id === org.id)!
  return { org, owner, staff, seen }
}

/** After the secretariat opened the queue, the owner turns the local authority into a ministry. */
async function becomeAMinistry(org: typeof organizations.$inferSelect, owner: Awaited<ReturnType<typeof createUser>>) {
  const input = OrganizationSchema.parse({ name: 'Ministry of Foreign Affairs', type: 'state', country: 'KEN' })
  await updateOrganization(db, owner.actor, org, input)
}

describe('a verification decision is about the organisation as it was reviewed', () => {
  test('every change of what the secretariat reviews gives the organisation a new version', async () => {
    const { org, owner, seen } = await reviewedLocalAuthority()
    expect(seen.version).toBe(1)
    await becomeAMinistry(org, owner)
    expect((await orgRow(org.id)).version).toBe(2)
  })

  test('approving or rejecting a version that has since changed is refused, and nothing is decided', async () => {
    const { org, owner, staff, seen } = await reviewedLocalAuthority()
    await becomeAMinistry(org, owner)
    await expectDomainError(verifyOrganization(db, staff.actor, { organizationId: org.id, version: seen.version }), {
      status: 409,
      code: 'organizations.changedSinceReview',
    })
    await expectDomainError(
      rejectOrganization(db, staff.actor, { organizationId: org.id, version: seen.version, reason: 'No mandate shown.' }),
      { status: 409, code: 'organizations.changedSinceReview' },
    )
    expect(await orgRow(org.id)).toMatchObject({ verificationStatus: 'pending', verifiedBy: null, name: 'Ministry of Foreign Affairs' })
  })

  test('the version reviewed now is decided on', async () => {
    const { org, owner, staff } = await reviewedLocalAuthority()
    await becomeAMinistry(org, owner)
    const current = (await verificationQueue(db, staff.actor)).find((o) => o.id === org.id)!
    await verifyOrganization(db, staff.actor, { organizationId: org.id, version: current.version })
    expect(await orgRow(org.id)).toMatchObject({ verificationStatus: 'verified', verifiedBy: staff.id })
  })
})

describe('POST /secretariat/verification', () => {
  test('an approval of a version that has since changed is refused with a message in the reader’s language', async () => {
    const { org, owner, staff, seen } = await reviewedLocalAuthority()
    await becomeAMinistry(org, owner)
    const request = await signedInPost(staff, '/secretariat/verification', {
      intent: 'approve',
      organizationId: org.id,
      name: seen.name,
      version: String(seen.version),
    }, 'fr')
    const response = await runAction(action, request)
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/secretariat/verification')
    const flash = flashOf(response)
    expect(flash, 'the refusal is shown on the queue page').toMatchObject({ key: 'organizations.changedSinceReview', tone: 'error' })
    expect(translator('fr')(flash!.key as never)).not.toBe(translator('en')(flash!.key as never))
    expect((await orgRow(org.id)).verificationStatus).toBe('pending')
  })

  test('a decision without the reviewed version is not read', async () => {
    const { org, staff, seen } = await reviewedLocalAuthority()
    const request = await signedInPost(staff, '/secretariat/verification', { intent: 'approve', organizationId: org.id, name: seen.name })
    const response = await runAction(action, request)
    expect(response.status).toBe(400)
    expect((await orgRow(org.id)).verificationStatus).toBe('pending')
  })
})
