import { eq } from 'drizzle-orm'
import { organizationProfiles, type OrganizationId } from '#db/schema/index'
import { recordAudit } from '~/utils/audit.server'
import type { Db } from '~/utils/db.server'
import type { SessionUser } from '../accounts/sessions.server'
import { toMajorUnits, toMinorUnits } from '../vocabulary/money'
import { assertCanOnOrganization, type Organization } from './organizations.server'
import type { ProfileInput } from './profile-schema'

export type OrganizationProfile = typeof organizationProfiles.$inferSelect

/** The currency of a profile's financing range: the Hub's fund books in US dollars. */
export const PROFILE_CURRENCY = 'USD'

export async function profileOf(db: Db, organizationId: OrganizationId): Promise<OrganizationProfile | null> {
  const [profile] = await db.select().from(organizationProfiles).where(eq(organizationProfiles.organizationId, organizationId))
  return profile ?? null
}

/** The stored profile as its form shows it: the range in major units. */
export function profileFormValues(profile: OrganizationProfile | null) {
  if (!profile) return undefined
  return {
    objectives: profile.objectives.map(String),
    countries: profile.countries,
    regions: profile.regions,
    supportTypes: profile.supportTypes,
    languages: profile.languages,
    financingMin: profile.financingMinUsd === null ? undefined : String(toMajorUnits(profile.financingMinUsd, PROFILE_CURRENCY)),
    financingMax: profile.financingMaxUsd === null ? undefined : String(toMajorUnits(profile.financingMaxUsd, PROFILE_CURRENCY)),
  }
}

/** An organisation's admins say what it works on; the matching service reads it for suggestions. */
export async function saveProfile(db: Db, user: SessionUser, org: Organization, input: ProfileInput) {
  await assertCanOnOrganization(db, user, org, 'update:organization')
  const values = {
    objectives: input.objectives,
    countries: input.countries,
    regions: input.regions,
    supportTypes: input.supportTypes,
    languages: input.languages,
    financingMinUsd: input.financingMin === undefined ? null : toMinorUnits(input.financingMin, PROFILE_CURRENCY),
    financingMaxUsd: input.financingMax === undefined ? null : toMinorUnits(input.financingMax, PROFILE_CURRENCY),
    updatedAt: new Date(),
  }
  await db.transaction(async (tx) => {
    await tx
      .insert(organizationProfiles)
      .values({ organizationId: org.id, ...values })
      .onConflictDoUpdate({ target: organizationProfiles.organizationId, set: values })
    await recordAudit(tx, { actorId: user.id, action: 'organization.profile_saved', entityType: 'organization', entityId: org.id, summary: { objectives: input.objectives } })
  })
}
