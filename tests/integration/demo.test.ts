import { eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { demoAccounts, loadDemoDataIfWanted, readDemoData } from '~/demo/load'
import { memberships, offers, organizations, requestReviews, requests, users } from '#db/schema/index'
import { importData, type ImportReport } from '~/domain/import/import.server'
import { db } from '~/utils/db.server'
import { DEMO_LOAD_TIMEOUT_MS } from './support'

const continents = { '002': 'Africa', '019': 'Americas', '142': 'Asia', '150': 'Europe', '009': 'Oceania' }
const partnerTypes = ['un_entity', 'civil_society', 'academia', 'migrant_diaspora', 'private_sector', 'trade_union']

// This file's database starts empty, as `npm start` finds it the first time.
let report: ImportReport
beforeAll(async () => {
  const loaded = await loadDemoDataIfWanted(db, { embedded: true, setting: 'auto', log: () => {} })
  expect(loaded).toBe(true)
  report = await importData(db, readDemoData(), { dryRun: true })
}, DEMO_LOAD_TIMEOUT_MS)

async function requestRows() {
  return db
    .select({ request: requests, org: organizations })
    .from(requests)
    .innerJoin(organizations, eq(organizations.id, requests.organizationId))
}

describe('demo data', () => {
  test('goes through the import, and importing it again only updates', () => {
    const demo = readDemoData()
    const { records, ...counts } = report
    expect(counts).toEqual({
      organizations: { created: 0, updated: demo.organizations.length, skipped: 0 },
      requests: { created: 0, updated: demo.requests.length, skipped: 0 },
      offers: { created: 0, updated: demo.offers.length, skipped: 0 },
    })
    expect(new Set(records.map((r) => r.action))).toEqual(new Set(['update']))
  })

  test('has 40+ requests from 20+ verified States and local authorities on every continent', async () => {
    const rows = await requestRows()
    expect(rows.length).toBeGreaterThanOrEqual(40)
    for (const { org } of rows) {
      expect(['state', 'local_authority']).toContain(org.type)
      expect(org.verificationStatus).toBe('verified')
    }
    expect(new Set(rows.map((r) => r.org.country)).size).toBeGreaterThanOrEqual(20)
    const covered = new Set(rows.flatMap((r) => r.request.regions))
    for (const [code, name] of Object.entries(continents)) expect(covered.has(code), name).toBe(true)
  })

  test('has 30+ offers: expertise from every kind of partner, financing from donors', async () => {
    const rows = await db.select({ offer: offers, org: organizations }).from(offers).innerJoin(organizations, eq(organizations.id, offers.organizationId))
    expect(rows.length).toBeGreaterThanOrEqual(30)
    const expertiseFrom = new Set(rows.filter((r) => r.offer.kind === 'expertise').map((r) => r.org.type))
    expect([...expertiseFrom].sort()).toEqual([...partnerTypes].sort())
    const financing = rows.filter((r) => r.offer.kind === 'financing')
    expect(financing.length).toBeGreaterThanOrEqual(3)
    for (const { org } of financing) expect(['philanthropy', 'state']).toContain(org.type)
  })

  test('every one of the 23 objectives is the primary objective of a request or an offer', async () => {
    const primaries = await db.execute<{ n: number }>(sql`
      select primary_objective as n from requests union select primary_objective from offers order by 1`)
    expect(Array.from(primaries).map((r) => Number(r.n))).toEqual(Array.from({ length: 23 }, (_, i) => i + 1))
  })

  test('mixes statuses, plans work in 2027 and budgets in USD or EUR', async () => {
    const rows = (await requestRows()).map((r) => r.request)
    const count = (status: string) => rows.filter((r) => r.status === status).length
    expect(count('published')).toBeGreaterThan(rows.length / 2)
    for (const status of ['submitted', 'returned', 'draft']) expect(count(status), status).toBeGreaterThan(0)
    for (const r of rows) {
      // Requests that became demo projects (app/demo/projects.ts) carry their project's dates instead.
      if (r.status !== 'in_project' && r.status !== 'completed') expect(r.startDate).toMatch(/^2027-/)
      expect(['USD', 'EUR']).toContain(r.budgetCurrency)
    }
    const offerStatuses = (await db.select({ status: offers.status }).from(offers)).map((o) => o.status)
    expect(offerStatuses.filter((s) => s === 'active').length).toBeGreaterThan(offerStatuses.length / 2)
    expect(offerStatuses).toContain('paused')
    expect(offerStatuses).toContain('draft')
  })

  test('the demo accounts own their organisations and author their requests and offers', async () => {
    for (const account of demoAccounts.filter((a) => a.organization)) {
      const [row] = await db
        .select({ role: memberships.role, userId: users.id })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
        .where(eq(organizations.slug, account.organization!))
      expect(row, account.email).toMatchObject({ role: 'owner' })
    }
    const [state] = await db.select().from(users).where(eq(users.email, 'state@demo.connection-hub.org'))
    const own = (await requestRows()).filter((r) => r.org.slug === 'bgd-mewoe').map((r) => r.request)
    expect(own.length).toBeGreaterThanOrEqual(3)
    for (const request of own) expect(request.createdBy).toBe(state!.id)
    const [city] = await db.select().from(organizations).where(eq(organizations.slug, 'nairobi-city-county'))
    expect(city?.verificationStatus).toBe('pending')
  })

  test('a returned request carries the secretariat’s comments', async () => {
    const returned = (await requestRows()).filter((r) => r.request.status === 'returned')
    for (const { request } of returned) {
      const reviews = await db.select().from(requestReviews).where(eq(requestReviews.requestId, request.id))
      expect(reviews, request.key ?? request.id).toEqual([expect.objectContaining({ kind: 'returned' })])
    }
  })

  test('is loaded only into an empty database, and never with DEMO_DATA=off', async () => {
    expect(await loadDemoDataIfWanted(db, { embedded: true, setting: 'on', log: () => {} })).toBe(false)
    expect(await loadDemoDataIfWanted(db, { embedded: true, setting: 'off', log: () => {} })).toBe(false)
  })
})
