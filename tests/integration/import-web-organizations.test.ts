import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { organizations, requests, type OrganizationId } from '#db/schema/index'
import { importData } from '~/domain/import/import.server'
import { db } from '~/utils/db.server'
import { runHub } from '../support/hub-cli'
import { createOrganization } from '../factories'
import { rowCounts, sampleFile } from './import-support'

async function orgRow(id: OrganizationId) {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id))
  return row!
}

/** What identifies an organisation and what the secretariat decided about it. */
const identity = ({ name, type, country, verificationStatus }: typeof organizations.$inferSelect) => ({ name, type, country, verificationStatus })

/** A file that would turn the web's organisation `slug` into a verified ministry, and post a request for it. */
function takeoverFile(slug: string) {
  const { file } = sampleFile()
  const [state] = file.organizations
  Object.assign(state!, { key: slug, name: 'Ministry of Foreign Affairs', type: 'state', country: 'KEN', verified: true })
  file.requests.forEach((r) => (r.organization = slug))
  return file
}

describe('the import never takes over an organisation created on the web', () => {
  test('a record whose key is a web organisation’s slug is skipped: no rename, retype or verification', async () => {
    const { org } = await createOrganization({ type: 'local_authority', country: 'KEN', name: 'Kisumu County Government' })
    const before = identity(await orgRow(org.id))
    const file = takeoverFile(org.slug)

    const report = await importData(db, file)

    expect(identity(await orgRow(org.id))).toEqual(before)
    expect((await orgRow(org.id)).importKey).toBeNull()
    expect(report.organizations).toEqual({ created: 2, updated: 0, skipped: 1 })
    expect(report.records).toContainEqual({
      collection: 'organizations',
      key: org.slug,
      action: 'skip',
      reason: expect.stringContaining('created on the web'),
    })
    // Nor does anything the file says about that organisation land on it.
    expect(await db.select().from(requests).where(eq(requests.organizationId, org.id))).toHaveLength(0)
    expect(report.requests).toMatchObject({ created: 0, skipped: 2 })
  })

  test('a verified organisation is not un-verified by a file', async () => {
    const { org } = await createOrganization({ status: 'verified', type: 'academia' })
    const { file } = sampleFile()
    Object.assign(file.organizations[1]!, { key: org.slug, verified: false, name: 'Renamed by a file' })
    file.offers[0]!.organization = org.slug
    await importData(db, file)
    expect(await orgRow(org.id)).toMatchObject({ verificationStatus: 'verified', name: org.name, type: 'academia' })
  })

  test('with --force the file takes the web organisation over, and from then on it is the import’s', async () => {
    const { org } = await createOrganization({ type: 'local_authority', country: 'KEN' })
    const file = takeoverFile(org.slug)
    const report = await importData(db, file, { force: true })
    expect(await orgRow(org.id)).toMatchObject({ name: 'Ministry of Foreign Affairs', type: 'state', verificationStatus: 'verified', importKey: org.slug })
    expect(report.records).toContainEqual({ collection: 'organizations', key: org.slug, action: 'update', reason: expect.stringContaining('--force') })
    expect(await db.select().from(requests).where(eq(requests.organizationId, org.id))).toHaveLength(2)
  })
})

describe('the import identifies its organisations by an import key of their own', () => {
  test('created organisations carry their key; a second import updates them by it', async () => {
    const { file, keys } = sampleFile()
    const first = await importData(db, file)
    expect(first.records.filter((r) => r.collection === 'organizations').map((r) => r.action)).toEqual(['create', 'create', 'create'])
    const [state] = await db.select().from(organizations).where(eq(organizations.importKey, keys.state))
    expect(state).toMatchObject({ slug: keys.state, name: file.organizations[0]!.name })

    file.organizations[0]!.name = 'Ministry of Labour (Nepal)'
    const second = await importData(db, file)
    expect(second.organizations).toEqual({ created: 0, updated: 3, skipped: 0 })
    expect(await orgRow(state!.id)).toMatchObject({ name: 'Ministry of Labour (Nepal)' })
  })

  test('a dry run lists what it would create, update or skip, with the reason, and writes nothing', async () => {
    const { org } = await createOrganization()
    const file = takeoverFile(org.slug)
    const before = await rowCounts()
    const report = await importData(db, file, { dryRun: true })
    expect(await rowCounts()).toEqual(before)
    expect(report.records.map(({ collection, key, action }) => ({ collection, key, action }))).toEqual([
      { collection: 'organizations', key: org.slug, action: 'skip' },
      { collection: 'organizations', key: file.organizations[1]!.key, action: 'create' },
      { collection: 'organizations', key: file.organizations[2]!.key, action: 'create' },
      { collection: 'requests', key: file.requests[0]!.key, action: 'skip' },
      { collection: 'requests', key: file.requests[1]!.key, action: 'skip' },
      { collection: 'offers', key: file.offers[0]!.key, action: 'create' },
      { collection: 'offers', key: file.offers[1]!.key, action: 'create' },
    ])
    for (const record of report.records) expect(record.reason, `${record.collection} ${record.key}`).not.toBe('')
  })

  test('hub import --dry-run prints each record with what it would do and why', { timeout: 180_000 }, async () => {
    const { org } = await createOrganization()
    const file = takeoverFile(org.slug)
    const dir = await mkdtemp(path.join(tmpdir(), 'hub-import-'))
    const target = path.join(dir, 'takeover.json')
    await writeFile(target, JSON.stringify(file))
    const before = await rowCounts()
    const run = await runHub(['import', target, '--dry-run'])
    expect(run.code, run.output).toBe(0)
    expect(run.output).toContain(`skip    organizations "${org.slug}": `)
    expect(run.output).toContain(`create  organizations "${file.organizations[1]!.key}": `)
    expect(run.output).toContain('organizations: 2 created, 0 updated, 1 skipped')
    expect(await rowCounts()).toEqual(before)
  })
})
