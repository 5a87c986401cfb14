import { sql } from 'drizzle-orm'
import { createOrUpdateUser } from '~/domain/accounts/users.server'
import type { Database } from '~/utils/db.server'
import { recordAudit } from '~/utils/audit.server'
import { memberships, organizations, users, type OrganizationType, type PlatformRole } from '../schema/index'

/** Known demo credentials, listed in the README. Loaded only into an empty database (see loadDemoDataIfWanted). */
export const DEMO_PASSWORD = 'connection-hub-demo'

interface DemoAccount {
  email: string
  displayName: string
  role: PlatformRole
  organization?: {
    slug: string
    name: string
    type: OrganizationType
    country?: string
    website?: string
    description: string
    verified: boolean
  }
}

export const demoAccounts: DemoAccount[] = [
  { email: 'secretariat@demo.connection-hub.org', displayName: 'Amina Diallo', role: 'secretariat' },
  {
    email: 'state@demo.connection-hub.org',
    displayName: 'Rahim Chowdhury',
    role: 'user',
    organization: {
      slug: 'bgd-mewoe',
      name: 'Ministry of Expatriates’ Welfare and Overseas Employment (Bangladesh)',
      type: 'state',
      country: 'BGD',
      description: 'National focal point for labour migration, welfare of migrant workers and reintegration of returnees.',
      verified: true,
    },
  },
  {
    email: 'partner@demo.connection-hub.org',
    displayName: 'Lucía Fernández',
    role: 'user',
    organization: {
      slug: 'migration-data-lab',
      name: 'Migration Data Lab',
      type: 'academia',
      country: 'CHE',
      website: 'https://example.org/migration-data-lab',
      description: 'University research centre supporting national statistical offices with migration data and training.',
      verified: true,
    },
  },
  {
    email: 'donor@demo.connection-hub.org',
    displayName: 'Kwame Mensah',
    role: 'user',
    organization: {
      slug: 'open-horizons-foundation',
      name: 'Open Horizons Foundation',
      type: 'philanthropy',
      country: 'NOR',
      description: 'Private foundation financing start-up projects on safe, orderly and regular migration.',
      verified: true,
    },
  },
  {
    email: 'city@demo.connection-hub.org',
    displayName: 'Grace Wanjiru',
    role: 'user',
    organization: {
      slug: 'nairobi-city-county',
      name: 'Nairobi City County',
      type: 'local_authority',
      country: 'KEN',
      description: 'Local government seeking support for migrant inclusion in city services.',
      verified: false,
    },
  },
]

export async function loadDemoData(db: Database) {
  for (const account of demoAccounts) {
    const { user } = await createOrUpdateUser(db, {
      email: account.email,
      password: DEMO_PASSWORD,
      displayName: account.displayName,
      role: account.role,
    })
    const org = account.organization
    if (!org) continue
    await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(organizations)
        .values({
          ...org,
          verificationStatus: org.verified ? 'verified' : 'pending',
          verifiedAt: org.verified ? new Date() : null,
        })
        .onConflictDoNothing({ target: organizations.slug })
        .returning({ id: organizations.id })
      if (!row) return
      await tx.insert(memberships).values({ organizationId: row.id, userId: user.id, role: 'owner' })
      await recordAudit(tx, { actorId: null, action: 'organization.demo_loaded', entityType: 'organization', entityId: row.id })
    })
  }
}

/**
 * Demo data goes only into an empty database: by default only the embedded one; against a DATABASE_URL
 * server only with DEMO_DATA=on; never with DEMO_DATA=off.
 */
export async function loadDemoDataIfWanted(
  db: Database,
  options: { embedded: boolean; setting: 'on' | 'off' | 'auto'; log: (line: string) => void },
) {
  if (options.setting === 'off' || (options.setting === 'auto' && !options.embedded)) return false
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users)
  if ((row?.n ?? 0) > 0) return false
  options.log('Loading demo data into the empty database…')
  await loadDemoData(db)
  options.log(`Demo accounts (password “${DEMO_PASSWORD}”): ${demoAccounts.map((a) => a.email).join(', ')}`)
  return true
}
