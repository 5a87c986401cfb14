import { spawn } from 'node:child_process'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { and, eq, inArray, like, sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { syntheticImport } from '~/demo/synthetic'
import { auditLog, offers, organizations, requests } from '#db/schema/index'
import { ImportError, importData } from '~/domain/import/import.server'
import { createOffer } from '~/domain/offers/offers.server'
import { OfferSchema } from '~/domain/offers/schemas'
import { createRequest } from '~/domain/requests/requests.server'
import { RequestSchema } from '~/domain/requests/schemas'
import { db } from '~/utils/db.server'
import { createOrganization, uniqueSuffix } from '../factories'

/** A record as a test edits it: any field may be set to anything. */
type Rec = { key: string; [field: string]: unknown }
interface SampleFile {
  organizations: Rec[]
  requests: Rec[]
  offers: Rec[]
}

/** A valid file whose keys no other test uses: a State, a university and a foundation, two requests, two offers. */
function sampleFile(s = uniqueSuffix()): { keys: Record<'state' | 'university' | 'foundation', string>; file: SampleFile } {
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

async function rowCounts() {
  const count = async (table: typeof organizations | typeof requests | typeof offers | typeof auditLog) =>
    (await db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n
  return { organizations: await count(organizations), requests: await count(requests), offers: await count(offers), auditLog: await count(auditLog) }
}

/** The import fails with these problems among others, and not a single row changes anywhere. */
async function expectRejected(file: unknown, ...problems: string[]) {
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

describe('importData', () => {
  test('creates by key, then updates the same rows, and records each in the audit log', async () => {
    const { file, keys } = sampleFile()
    expect(await importData(db, file)).toEqual({
      organizations: { created: 3, updated: 0 },
      requests: { created: 2, updated: 0 },
      offers: { created: 2, updated: 0 },
    })
    const [published] = await db.select().from(requests).where(eq(requests.key, file.requests[0]!.key))
    expect(published).toMatchObject({ status: 'published', budgetAmount: 15_000_050, primaryObjective: 6, objectives: [6, 1] })
    expect(published!.publishedAt).toBeInstanceOf(Date)
    expect(published!.submittedAt).toEqual(published!.publishedAt)

    file.requests[0]!.title = 'Enforcing Nepal’s free visa, free ticket policy'
    file.organizations[2]!.verified = true
    expect(await importData(db, file)).toEqual({
      organizations: { created: 0, updated: 3 },
      requests: { created: 0, updated: 2 },
      offers: { created: 0, updated: 2 },
    })
    const orgRows = await db.select().from(organizations).where(inArray(organizations.slug, Object.values(keys)))
    expect(orgRows).toHaveLength(3)
    expect(orgRows.find((o) => o.slug === keys.foundation)).toMatchObject({ verificationStatus: 'verified' })
    const rows = await db.select().from(requests).where(like(requests.key, `%${keys.state.slice('state-'.length)}`))
    expect(rows).toHaveLength(2)
    const [updated] = rows.filter((r) => r.key === file.requests[0]!.key)
    expect(updated).toMatchObject({ id: published!.id, title: 'Enforcing Nepal’s free visa, free ticket policy' })
    // Re-importing a published request does not move its publication date.
    expect(updated!.publishedAt).toEqual(published!.publishedAt)

    const audit = await db
      .select({ action: auditLog.action, actorId: auditLog.actorId, summary: auditLog.summary })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'request'), eq(auditLog.entityId, published!.id)))
      .orderBy(auditLog.id)
    expect(audit).toEqual([
      { action: 'import.created', actorId: null, summary: { key: file.requests[0]!.key } },
      { action: 'import.updated', actorId: null, summary: { key: file.requests[0]!.key } },
    ])
  })

  test('stores exactly what the forms store: same derived columns as createRequest and createOffer', async () => {
    const { org, owner } = await createOrganization({ type: 'state', country: 'FJI', status: 'verified' })
    const s = uniqueSuffix()
    const record = {
      title: 'Planned relocation of coastal villages',
      summary: 'Apply the Planned Relocation Guidelines in six villages.',
      description: 'Community consent, land arrangements and livelihoods.',
      countries: ['FJI', 'TON'],
      objectives: [2, 5],
      actions: ['2.i', '5.h'],
      principles: ['people_centred', 'human_rights'],
      supportTypes: ['technical_assistance', 'financing'],
      languages: ['en', 'fj'],
      startDate: '2027-02-01',
      durationMonths: 36,
    }
    const viaForm = await createRequest(db, owner.actor, org, RequestSchema.parse({
      ...record,
      primaryObjective: 2,
      objectives: [5],
      budgetAmount: '750000.25',
      budgetCurrency: 'usd',
      seeksFunding: 'on',
    }))
    await importData(db, { requests: [{ ...record, key: `fji-${s}`, organization: org.slug, budget: { amount: 750000.25, currency: 'USD' }, seeksFunding: true }] })
    const [formRow] = await db.select().from(requests).where(eq(requests.id, viaForm))
    const [importRow] = await db.select().from(requests).where(eq(requests.key, `fji-${s}`))
    const { id: _a, key: _b, createdAt: _c, updatedAt: _d, ...fromForm } = formRow!
    const { id: _e, key: _f, createdAt: _g, updatedAt: _h, ...fromImport } = importRow!
    expect(fromImport).toEqual(fromForm)
    expect(fromImport).toMatchObject({ regions: ['009', '054', '061'], budgetAmount: 75_000_025, createdBy: owner.id })

    const offer = {
      kind: 'financing',
      title: 'Grants for climate mobility',
      summary: 'Small grants for planned relocation in the Pacific.',
      objectives: [2],
      countries: ['FJI'],
      regions: ['009'],
      supportTypes: ['financing'],
      languages: ['en'],
      availableFrom: '2027-01-01',
      availableUntil: '2027-06-30',
      conditions: 'Community consent documented.',
    }
    const offerViaForm = await createOffer(db, owner.actor, org, OfferSchema.parse({
      ...offer,
      primaryObjective: 2,
      objectives: [],
      financingMin: '25000',
      financingMax: '150000',
      financingCurrency: 'JPY',
    }), false)
    await importData(db, { offers: [{ ...offer, key: `grant-${s}`, organization: org.slug, financing: { min: 25000, max: 150000, currency: 'JPY' } }] })
    const [offerFormRow] = await db.select().from(offers).where(eq(offers.id, offerViaForm))
    const [offerImportRow] = await db.select().from(offers).where(eq(offers.key, `grant-${s}`))
    const strip = ({ id: _i, key: _k, createdAt: _c, updatedAt: _u, ...rest }: typeof offers.$inferSelect) => rest
    expect(strip(offerImportRow!)).toEqual(strip(offerFormRow!))
    expect(offerImportRow).toMatchObject({ financingMin: 25000, financingMax: 150000, regions: ['009', '054'] })
  })

  test('sets lifecycle timestamps from the status, or from the file when given', async () => {
    const { file } = sampleFile()
    const [published, draft] = file.requests
    Object.assign(draft!, { status: 'submitted', submittedAt: '2026-10-01' })
    const returned = { ...draft!, key: `${draft!.key}-returned`, status: 'returned' }
    const closed = { ...draft!, key: `${draft!.key}-closed`, status: 'closed', submittedAt: '2026-09-01', publishedAt: '2026-09-15T10:30:00+02:00' }
    Object.assign(file, { requests: [published, draft, returned, closed], offers: [{ ...file.offers[0]!, status: 'paused', publishedAt: '2026-08-01' }] })
    await importData(db, file)
    const byKey = async (key: string) => (await db.select().from(requests).where(eq(requests.key, key)))[0]!
    expect(await byKey(draft!.key)).toMatchObject({ status: 'submitted', submittedAt: new Date('2026-10-01T00:00:00Z'), publishedAt: null, closedAt: null })
    expect((await byKey(returned.key)).submittedAt).toEqual(new Date('2026-10-01T00:00:00Z'))
    const closedRow = await byKey(closed.key)
    expect(closedRow).toMatchObject({ publishedAt: new Date('2026-09-15T08:30:00Z'), submittedAt: new Date('2026-09-01T00:00:00Z') })
    expect(closedRow.closedAt).toBeInstanceOf(Date)
    const [paused] = await db.select().from(offers).where(eq(offers.key, file.offers[0]!.key))
    expect(paused).toMatchObject({ status: 'paused', publishedAt: new Date('2026-08-01T00:00:00Z'), closedAt: null })
  })

  test('imports more than one batch in a single call', async () => {
    const data = syntheticImport({ requests: 1_200, offers: 30, prefix: `batch-${uniqueSuffix()}` })
    const report = await importData(db, data)
    expect(report.requests).toEqual({ created: 1_200, updated: 0 })
    expect(report.offers).toEqual({ created: 30, updated: 0 })
    expect((await importData(db, data)).requests).toEqual({ created: 0, updated: 1_200 })
  })

  test('a dry run checks and counts but writes nothing', async () => {
    const { file } = sampleFile()
    const before = await rowCounts()
    expect((await importData(db, file, { dryRun: true })).requests).toEqual({ created: 2, updated: 0 })
    expect(await rowCounts()).toEqual(before)
  })
})

describe('a bad file is rejected whole, naming the record and field', () => {
  const label = (file: SampleFile, collection: 'requests' | 'offers' | 'organizations', index: number) =>
    `${collection}[${index}] (key "${file[collection][index]!.key}")`

  test('an unknown field in a record, and at the top level', async () => {
    const { file } = sampleFile()
    Object.assign(file.requests[1]!, { colour: 'blue' })
    await expectRejected({ ...file, projects: [] }, `${label(file, 'requests', 1)}.colour: Unknown field.`, 'projects: Unknown field.')
  })

  test('an unknown objective', async () => {
    const { file } = sampleFile()
    file.requests[0]!.objectives = [6, 24]
    file.offers[0]!.objectives = []
    await expectRejected(
      file,
      `${label(file, 'requests', 0)}.objectives[1]: Choose one of the 23 objectives.`,
      `${label(file, 'offers', 0)}.objectives: Choose at least one objective.`,
    )
  })

  test('an action outside the objectives, and an unknown action', async () => {
    const { file } = sampleFile()
    file.requests[0]!.actions = ['6.c', '9.a']
    file.offers[0]!.actions = ['1.z']
    await expectRejected(
      file,
      `${label(file, 'requests', 0)}.actions: Each action must belong to one of the chosen objectives.`,
      `${label(file, 'offers', 0)}.actions[0]: Choose actions from the list.`,
    )
  })

  test('a bad country, on a request and on an organisation', async () => {
    const { file } = sampleFile()
    file.requests[0]!.countries = ['NPL', 'XYZ']
    file.organizations[1]!.country = 'ZZZ'
    await expectRejected(
      file,
      `${label(file, 'requests', 0)}.countries[1]: Enter a three-letter ISO country code, e.g. KEN.`,
      `${label(file, 'organizations', 1)}.country: Enter a three-letter ISO country code, e.g. KEN.`,
    )
  })

  test('a financing range on an expertise offer, and a financing offer without one', async () => {
    const { file } = sampleFile()
    Object.assign(file.offers[0]!, { financing: { min: 1000, max: 2000, currency: 'USD' } })
    delete file.offers[1]!.financing
    await expectRejected(
      file,
      `${label(file, 'offers', 0)}.financing: Only an offer of kind "financing" has a financing range.`,
      `${label(file, 'offers', 1)}.financing.min: This field is required.`,
    )
  })

  test('a reference to an organisation neither in the file nor in the database', async () => {
    const { file } = sampleFile()
    file.requests[1]!.organization = 'no-such-ministry'
    await expectRejected(file, `${label(file, 'requests', 1)}.organization: No organisation with key "no-such-ministry" in the file or the database.`)
  })

  test('a request from an organisation that is not a State, or published for an unverified one', async () => {
    const { file, keys } = sampleFile()
    file.requests[1]!.organization = keys.university
    file.offers[1]!.status = 'active'
    await expectRejected(
      file,
      `${label(file, 'requests', 1)}.organization: Only States and local authorities post requests ("${keys.university}" is academia).`,
      `${label(file, 'offers', 1)}.organization: "${keys.foundation}" is not verified, so only drafts can be imported for it.`,
    )
  })

  test('a duplicate key', async () => {
    const { file } = sampleFile()
    file.requests[1]!.key = file.requests[0]!.key
    file.organizations.push({ ...file.organizations[0]! })
    await expectRejected(
      file,
      `${label(file, 'requests', 1)}.key: Duplicate key: requests[0] has the same key.`,
      `${label(file, 'organizations', 3)}.key: Duplicate key: organizations[0] has the same key.`,
    )
  })

  test('malformed dates, statuses and timestamps', async () => {
    const { file } = sampleFile()
    file.requests[0]!.startDate = '2027-02-30'
    Object.assign(file.requests[1]!, { publishedAt: '2026-10-01' })
    file.offers[0]!.availableUntil = '31/12/2027'
    file.offers[1]!.status = 'published'
    await expectRejected(
      file,
      `${label(file, 'requests', 0)}.startDate: Enter a date as YYYY-MM-DD.`,
      `${label(file, 'requests', 1)}.publishedAt: A record with status "draft" has no publishedAt.`,
      `${label(file, 'offers', 0)}.availableUntil: Enter a date as YYYY-MM-DD.`,
      `${label(file, 'offers', 1)}.status: Use one of: draft, active, paused, closed.`,
    )
  })

  test('a file that is not an import file at all', async () => {
    await expectRejected([], '(file): Invalid input: expected object, received array')
    await expectRejected({ requests: [42] }, 'requests[0]: Invalid input: expected object, received number')
  })

  test('a failure while writing the last batch undoes the organisations and requests already written', async () => {
    const { file, keys } = sampleFile()
    const doomed = file.offers[1]!.key
    // A trigger stands in for any database error after the first rows are in (lost connection, full disk…).
    await db.execute(sql.raw(`
      create function refuse_offer_for_test() returns trigger language plpgsql as $$
        begin if new.key = '${doomed}' then raise exception 'refused by test'; end if; return new; end $$`))
    await db.execute(sql`create trigger refuse_offer before insert on offers for each row execute function refuse_offer_for_test()`)
    try {
      const before = await rowCounts()
      await expect(importData(db, file)).rejects.toThrow()
      expect(await rowCounts()).toEqual(before)
      expect(await db.select().from(organizations).where(eq(organizations.slug, keys.state))).toEqual([])
    } finally {
      await db.execute(sql`drop trigger refuse_offer on offers`)
      await db.execute(sql`drop function refuse_offer_for_test()`)
    }
  })
})

function runHub(args: string[]) {
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(path.resolve('node_modules/.bin/tsx'), ['app/server/hub.ts', ...args], {
      env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, output }))
  })
}

describe('npm run hub -- import', () => {
  test('imports a file and reports what it did; a bad file exits non-zero and writes nothing', { timeout: 90_000 }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hub-import-'))
    const { file } = sampleFile()
    const good = path.join(dir, 'good.json')
    await writeFile(good, JSON.stringify(file))
    const ok = await runHub(['import', good])
    expect(ok.output).toContain('organizations: 3 created, 0 updated; requests: 2 created, 0 updated; offers: 2 created, 0 updated.')
    expect(ok.code).toBe(0)

    const bad = path.join(dir, 'bad.json')
    file.requests[0]!.objectives = [6, 1, 99]
    await writeFile(bad, JSON.stringify(file))
    const before = await rowCounts()
    const failed = await runHub(['import', bad])
    expect(failed.code).toBe(1)
    expect(failed.output).toContain('The import was rejected (1 problem); nothing was written.')
    expect(failed.output).toContain(`requests[0] (key "${file.requests[0]!.key}").objectives[2]: Choose one of the 23 objectives.`)
    expect(await rowCounts()).toEqual(before)

    const notJson = path.join(dir, 'broken.json')
    await writeFile(notJson, '{ "requests": [')
    expect((await runHub(['import', notJson])).code).toBe(1)
    expect((await runHub(['import'])).code).toBe(2)
  })
})
