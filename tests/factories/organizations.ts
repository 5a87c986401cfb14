import {
  memberships,
  organizations,
  type MemberRole,
  type OrganizationType,
  type UserId,
  type VerificationStatus,
} from '#db/schema/index'
import { db as appDb, type Db } from '~/utils/db.server'
import { uniqueSuffix } from './unique'
import { createUser, type TestUser } from './users'

export interface OrganizationOptions {
  name?: string
  type?: OrganizationType
  country?: string | null
  status?: VerificationStatus
  /** The owner; a verified user is created when omitted. */
  owner?: TestUser
}

const needsCountry = (type: OrganizationType) => type === 'state' || type === 'local_authority'

/** Inserts an organisation in the given verification state, with its owner's membership. */
export async function createOrganization(options: OrganizationOptions = {}, db: Db = appDb) {
  const suffix = uniqueSuffix()
  const type = options.type ?? 'civil_society'
  const status = options.status ?? 'pending'
  const owner = options.owner ?? (await createUser({}, db))
  const [org] = await db
    .insert(organizations)
    .values({
      slug: `org-${suffix}`,
      name: options.name ?? `Organisation ${suffix}`,
      type,
      country: options.country !== undefined ? options.country : needsCountry(type) ? 'KEN' : null,
      verificationStatus: status,
      verifiedAt: status === 'verified' ? new Date() : null,
      rejectionReason: status === 'rejected' ? 'Test rejection: documents missing.' : null,
    })
    .returning()
  if (!org) throw new Error('test organisation not created')
  await addMember(org.id, owner.id, 'owner', db)
  return { org, owner }
}

export async function addMember(organizationId: typeof organizations.$inferSelect.id, userId: UserId, role: MemberRole, db: Db = appDb) {
  await db.insert(memberships).values({ organizationId, userId, role })
}
