import { sql } from 'drizzle-orm'
import { expect } from 'vitest'
import { auditLog, offers, organizations, requests } from '#db/schema/index'
import { ImportError, importData } from '~/domain/import/import.server'
import { db } from '~/utils/db.server'
import { uniqueSuffix } from '../factories'

/** A record as a test edits it: any field may be set to anything. */
export type Rec = { key: string; [field: string]: unknown }
export interface SampleFile {
  organizations: Rec[]
  requests: Rec[]
  offers: Rec[]
}

/** A valid file whose keys no other test uses: a State, a university and a foundation, two requests, two offers. */
export function sampleFile(s = uniqueSuffix()): { keys: Record<'state' | 'university' | 'foundation', string>; file: SampleFile } {
  const keys = { state: `state-${s}`, university: `university-${s}`, foundation: `foundation-${s}` }
  return {
    keys,
    file: {
      organizations: [
        { key: keys.state, name: 'Ministry of Labour, Employment and Social Security (Nepal)', type: 'state', country: 'NPL', verified: true },
        { key: keys.university, name: 'Migration Research Centre', type: 'academia', country: 'che', website: 'https://example.org', verified: true },
        { key: keys.foundation, name: 'Corridor Foundation', type: 'philanthropy', verified: false, description: 'Grants for fair migration.' },
      ],
      requests: [
        {
          key: `r1-${s}`,
          organization: keys.state,
          title: 'Enforcing the free visa, free ticket policy',
          summary: 'Detect recruitment fee overcharging and follow up complaints against agencies.',
          countries: ['NPL', 'MYS'],
          objectives: [6, 1],
          actions: ['6.c', '1.a'],
          principles: ['rule_of_law'],
          supportTypes: ['technical_assistance'],
          languages: ['en', 'ne'],
          budget: { amount: 150000.5, currency: 'USD' },
          seeksFunding: true,
          startDate: '2027-03-01',
          durationMonths: 12,
          status: 'published',
        },
        {
          key: `r2-${s}`,
          organization: keys.state,
          title: 'Migrant Resource Centres in Koshi Province',
          summary: 'Information centres for prospective migrants in high-emigration districts.',
          countries: ['NPL'],
          objectives: [3],
          supportTypes: ['capacity_building'],
          languages: ['ne'],
          status: 'draft',
        },
      ],
      offers: [
        {
          key: `o1-${s}`,
          organization: keys.university,
          kind: 'expertise',
          title: 'Training in migration statistics',
          summary: 'Courses for national statistical offices on migration data.',
          objectives: [1],
          actions: ['1.c'],
          countries: ['KEN'],
          regions: ['142'],
          supportTypes: ['capacity_building'],
          languages: ['en', 'fr'],
          capacityPersonDays: 40,
          availableFrom: '2027-01-01',
          availableUntil: '2027-12-31',
          status: 'active',
        },
        {
          key: `o2-${s}`,
          organization: keys.foundation,
          kind: 'financing',
          title: 'Grants for fair remittances',
          summary: 'Start-up grants for projects that lower remittance costs.',
          objectives: [20],
          global: true,
          supportTypes: ['financing'],
          languages: ['en'],
          financing: { min: 50000, max: 250000, currency: 'EUR' },
          status: 'draft',
        },
      ],
    },
  }
}

export async function rowCounts() {
  const count = async (table: typeof organizations | typeof requests | typeof offers | typeof auditLog) =>
    (await db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n
  return { organizations: await count(organizations), requests: await count(requests), offers: await count(offers), auditLog: await count(auditLog) }
}

/** The import fails with these problems among others, and not a single row changes anywhere. */
export async function expectRejected(file: unknown, ...problems: string[]) {
  const before = await rowCounts()
  const error = await importData(db, file).then(
    () => null,
    (e: unknown) => e,
  )
  expect(error, 'the import was accepted').toBeInstanceOf(ImportError)
  for (const problem of problems) expect((error as ImportError).problems).toContain(problem)
  expect(await rowCounts()).toEqual(before)
  return error as ImportError
}
