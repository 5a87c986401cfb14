import { and, eq, inArray, like } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { syntheticImport } from '~/demo/synthetic'
import { auditLog, offers, organizations, requests } from '#db/schema/index'
import { importData } from '~/domain/import/import.server'
import { createOffer } from '~/domain/offers/offers.server'
import { OfferSchema } from '~/domain/offers/schemas'
import { createRequest } from '~/domain/requests/requests.server'
import { RequestSchema } from '~/domain/requests/schemas'
import { db } from '~/utils/db.server'
import { createOrganization, uniqueSuffix } from '../factories'
import { rowCounts, sampleFile } from './import-support'

describe('importData', () => {
  test('creates by key, then updates the same rows, and records each in the audit log', async () => {
    const { file, keys } = sampleFile()
    expect(await importData(db, file)).toMatchObject({
      organizations: { created: 3, updated: 0, skipped: 0 },
      requests: { created: 2, updated: 0, skipped: 0 },
      offers: { created: 2, updated: 0, skipped: 0 },
    })
    const [published] = await db.select().from(requests).where(eq(requests.key, file.requests[0]!.key))
    expect(published).toMatchObject({ status: 'published', budgetAmount: 15_000_050, primaryObjective: 6, objectives: [6, 1] })
    expect(published!.publishedAt).toBeInstanceOf(Date)
    expect(published!.submittedAt).toEqual(published!.publishedAt)

    file.requests[0]!.title = 'Enforcing Nepal’s free visa, free ticket policy'
    file.organizations[2]!.verified = true
    expect(await importData(db, file)).toMatchObject({
      organizations: { created: 0, updated: 3, skipped: 0 },
      requests: { created: 0, updated: 2, skipped: 0 },
      offers: { created: 0, updated: 2, skipped: 0 },
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

  // The organisation is created on the web, so the file may add records to it only with --force.
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
    await importData(db, { requests: [{ ...record, key: `fji-${s}`, organization: org.slug, budget: { amount: 750000.25, currency: 'USD' }, seeksFunding: true }] }, { force: true })
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
    await importData(db, { offers: [{ ...offer, key: `grant-${s}`, organization: org.slug, financing: { min: 25000, max: 150000, currency: 'JPY' } }] }, { force: true })
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
    expect(report.requests).toEqual({ created: 1_200, updated: 0, skipped: 0 })
    expect(report.offers).toEqual({ created: 30, updated: 0, skipped: 0 })
    expect((await importData(db, data)).requests).toEqual({ created: 0, updated: 1_200, skipped: 0 })
  })

  test('a dry run checks and counts but writes nothing', async () => {
    const { file } = sampleFile()
    const before = await rowCounts()
    expect((await importData(db, file, { dryRun: true })).requests).toEqual({ created: 2, updated: 0, skipped: 0 })
    expect(await rowCounts()).toEqual(before)
  })
})
