import { eq, sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { organizations } from '#db/schema/index'
import { importData } from '~/domain/import/import.server'
import { db } from '~/utils/db.server'
import { expectRejected, rowCounts, sampleFile, type SampleFile } from './import-support'

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
