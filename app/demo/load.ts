import { readFileSync } from 'node:fs'
import { eq, inArray, sql } from 'drizzle-orm'
import { createOrUpdateUser } from '~/domain/accounts/users.server'
import { describeReport, importData, type ImportReport } from '~/domain/import/import.server'
import { refreshAll } from '~/domain/matching/suggestions.server'
import type { Database, Db } from '~/utils/db.server'
import { memberships, organizations, requestReviews, requests, users, type PlatformRole, type UserId } from '#db/schema/index'
import { loadDemoPractices } from './practices'
import { loadDemoProjects } from './projects'

/** Known demo credentials, listed in the README. Loaded only into an empty database (see loadDemoDataIfWanted). */
export const DEMO_PASSWORD = 'connection-hub-demo'

interface DemoAccount {
  email: string
  displayName: string
  role: PlatformRole
  /** Key of the organisation in hub-demo.json that this account owns. */
  organization?: string
}

export const demoAccounts: DemoAccount[] = [
  { email: 'secretariat@demo.connection-hub.org', displayName: 'Amina Diallo', role: 'secretariat' },
  { email: 'state@demo.connection-hub.org', displayName: 'Rahim Chowdhury', role: 'user', organization: 'bgd-mewoe' },
  { email: 'partner@demo.connection-hub.org', displayName: 'Lucía Fernández', role: 'user', organization: 'migration-data-lab' },
  { email: 'donor@demo.connection-hub.org', displayName: 'Kwame Mensah', role: 'user', organization: 'open-horizons-foundation' },
  { email: 'city@demo.connection-hub.org', displayName: 'Grace Wanjiru', role: 'user', organization: 'nairobi-city-county' },
]

/** The demo organisations, requests and offers, in the bulk-import format (`npm run hub -- import`). */
export const demoDataPath = new URL('./hub-demo.json', import.meta.url)

export function readDemoData(): { organizations: unknown[]; requests: unknown[]; offers: unknown[] } {
  return JSON.parse(readFileSync(demoDataPath, 'utf8'))
}

/** What the secretariat wrote when it returned a demo request, so the State sees what to change. */
const returnComments: Record<string, string> = {
  'bgd-women-domestic-workers':
    'Thank you, this is a strong request. Before we publish it, please say which institution will run the helpline after the project ends, and split the budget between the curriculum review and the helpline so that partners can offer for either part.',
  'ken-labour-migration-information-system':
    'Please describe how personal data will be protected under the Data Protection Act 2019, and whether the system will reuse an existing government platform.',
  'geo-circular-migration':
    'Please name the destination partners that have agreed to take part, and explain how workers can raise complaints while they are abroad.',
}

/**
 * The accounts first, then everything else through the bulk import, in one transaction: the organisations,
 * the accounts' memberships (so the import records each account as the author of its organisation's
 * requests and offers), then the requests and offers.
 */
export async function loadDemoData(db: Database): Promise<ImportReport> {
  const demo = readDemoData()
  const accounts = new Map<string, UserId>()
  for (const account of demoAccounts) {
    const { user } = await createOrUpdateUser(db, {
      email: account.email,
      password: DEMO_PASSWORD,
      displayName: account.displayName,
      role: account.role,
    })
    accounts.set(account.email, user.id)
  }
  return db.transaction(async (tx) => {
    const first = await importData(tx, { organizations: demo.organizations })
    await addMemberships(tx, accounts)
    const report = await importData(tx, { requests: demo.requests, offers: demo.offers })
    await addReturnComments(tx, accounts.get('secretariat@demo.connection-hub.org') ?? null)
    return { ...report, organizations: first.organizations, records: [...first.records, ...report.records] }
  })
}

async function addMemberships(tx: Db, accounts: Map<string, UserId>) {
  const owners = demoAccounts.filter((a) => a.organization)
  const orgs = await tx
    .select({ id: organizations.id, slug: organizations.slug })
    .from(organizations)
    .where(inArray(organizations.slug, owners.map((a) => a.organization!)))
  const idOf = new Map(orgs.map((o) => [o.slug, o.id]))
  await tx
    .insert(memberships)
    .values(owners.map((a) => ({ organizationId: idOf.get(a.organization!)!, userId: accounts.get(a.email)!, role: 'owner' as const })))
    .onConflictDoNothing()
}

async function addReturnComments(tx: Db, secretariat: UserId | null) {
  for (const [key, body] of Object.entries(returnComments)) {
    const [request] = await tx.select({ id: requests.id, status: requests.status }).from(requests).where(eq(requests.key, key))
    if (request?.status !== 'returned') throw new Error(`demo data: request ${key} should exist and be returned`)
    await tx.insert(requestReviews).values({ requestId: request.id, authorId: secretariat, kind: 'returned', body })
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
  const report = await loadDemoData(db)
  options.log(`Demo data: ${describeReport(report)}.`)
  // The import writes rows directly; the matching service's suggestions are computed once for all of them.
  const refreshed = await refreshAll(db)
  options.log(`Matching suggestions computed for ${refreshed.requests} published requests.`)
  const demoProjects = await loadDemoProjects(db, { password: DEMO_PASSWORD })
  options.log(`Demo projects: ${demoProjects.projects}, at every stage; their other parties sign in as ${demoProjects.accounts.join(', ')}`)
  await loadDemoPractices(db, options.log)
  options.log(`Demo fund donors sign in as ${demoProjects.donors.join(', ')}`)
  options.log(`Demo accounts (password “${DEMO_PASSWORD}”): ${demoAccounts.map((a) => a.email).join(', ')}`)
  return true
}
