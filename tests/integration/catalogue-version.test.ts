import { sql } from 'drizzle-orm'
import postgres from 'postgres'
import { afterAll, describe, expect, test } from 'vitest'
import { browse } from '~/domain/catalogue/browse.server'
import { browseQuery } from '~/domain/catalogue/filters'
import type { PublicRequest } from '~/domain/catalogue/items.server'
import { db } from '~/utils/db.server'
import { ids, insertOffer, insertRequest, search, searchOrganizations, uniqueWord } from './search-support'

/**
 * The catalogue's data version (migration 0016) and the pages kept under it (browse.server.ts): a page that is
 * reused is exactly what running the search again would give.
 */

const version = async () => (await db.execute<{ version: string }>(sql`select version::text from catalogue_state`))[0]!.version
const other = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} })
afterAll(() => other.end({ timeout: 5 }))

describe('the catalogue version', () => {
  test('changes when a transaction that changed a listed table commits, not before, and not after a rollback', async () => {
    const word = uniqueWord()
    await searchOrganizations() // made (and committed) on first use
    const before = await version()
    await db.transaction(async (tx) => {
      await tx.execute(sql`update requests set title = title where false`)
      await insertRequest({ title: `Written in a transaction ${word}` }, tx)
      // Deferred to the commit: inside the transaction the version has not moved.
      expect((await tx.execute<{ version: string }>(sql`select version::text from catalogue_state`))[0]!.version).toBe(before)
    })
    const committed = await version()
    expect(committed).not.toBe(before)

    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`update requests set title = title || ' (draft)' where title like ${`%${word}%`}`)
        throw new Error('rolled back')
      }),
    ).rejects.toThrow('rolled back')
    expect(await version()).toBe(committed)

    await insertOffer({ title: `An offer ${word}` })
    expect(await version()).not.toBe(committed)
  })

  test('a writer does not hold it while its transaction runs: another writer commits meanwhile', async () => {
    const first = await insertRequest({ title: `First ${uniqueWord()}` })
    const second = await insertRequest({ title: `Second ${uniqueWord()}` })
    const events: string[] = []
    let release!: () => void
    const released = new Promise<void>((resolve) => (release = resolve))
    const open = other.begin(async (tx) => {
      await tx`update requests set title = title || ' (edited)' where id = ${first}`
      events.push('first changed, still open')
      await released
    })
    while (events.length === 0) await new Promise((resolve) => setTimeout(resolve, 10))
    const before = await version()
    // Were the version set at once (not at the commit), this would wait for the open transaction forever.
    await db.execute(sql`update requests set title = title || ' (edited)' where id = ${second}`)
    events.push('second committed')
    expect(await version()).not.toBe(before)
    release()
    await open
    expect(events).toEqual(['first changed, still open', 'second committed'])
  })
})

describe('pages kept under the version', () => {
  test('a search asked again is answered from what was kept, without running it', async () => {
    const word = uniqueWord()
    const id = await insertRequest({ title: `Remittance corridors ${word}` })
    const first = await search(word)
    // Behind the version's back (triggers off, as only a superuser can): a search that ran again would see it.
    await other.begin(async (tx) => {
      await tx`set local session_replication_role = replica`
      await tx`update requests set title = ${`Changed unseen ${word}`} where id = ${id}`
    })
    expect(await search(word)).toEqual(first)
    // Any change that is seen brings the truth back.
    await insertOffer({ title: `An offer ${word}` })
    expect((await search(word)).items.map((i) => i.title)).toEqual([`Changed unseen ${word}`])
  })

  test('any change to what a page shows is there the next time it is read: items, totals, facets and organisations', async () => {
    const word = uniqueWord()
    const a = await insertRequest({ title: `Labour migration ${word}`, countries: ['BGD'] })
    expect((await search(word)).total).toBe(1)

    const b = await insertRequest({ title: `Labour mobility ${word}`, countries: ['NPL'] })
    const grown = await search(word)
    expect(new Set(ids(grown))).toEqual(new Set([a, b]))
    expect(grown.facets.country).toEqual({ BGD: 1, NPL: 1 })

    await db.execute(sql`update requests set title = ${`Labour migration, revised ${word}`} where id = ${a}`)
    expect((await search(word)).items.map((i) => i.title)).toContain(`Labour migration, revised ${word}`)

    const { state } = await searchOrganizations()
    const renamed = `Ministry of Overseas Employment ${word}`
    await db.execute(sql`update organizations set name = ${renamed} where id = ${state.id}`)
    expect((await search(word)).items.every((i) => i.organization.name === renamed)).toBe(true)

    await db.execute(sql`update requests set status = 'withdrawn' where id = ${b}`)
    const shrunk = await search(word)
    expect(ids(shrunk)).toEqual([a])
    expect(shrunk.facets.country).toEqual({ BGD: 1 })
  })

  test('the whole listing (no words, no filter) and its counts follow every change too', async () => {
    const listing = () => browse<PublicRequest>(db, browseQuery('requests', {}), { facets: true })
    const before = await listing()
    const word = uniqueWord()
    const added = await insertRequest({ title: `Newest of all ${word}`, objectives: [23] })
    const after = await listing()
    expect(after.total).toBe(before.total + 1)
    expect(ids(after)[0]).toBe(added)
    expect(after.facets.objective?.['23']).toBe((before.facets.objective?.['23'] ?? 0) + 1)
  })

  test('inside a transaction nothing is kept or reused: it sees its own changes, and others never see them', async () => {
    const word = uniqueWord()
    await insertRequest({ title: `Consular support ${word}` })
    expect((await search(word)).total).toBe(1)
    await expect(
      db.transaction(async (tx) => {
        await insertRequest({ title: `Written in a transaction ${word}` }, tx)
        const inside = await browse<PublicRequest>(tx, browseQuery('requests', { q: word }), { facets: true })
        expect(inside.total).toBe(2)
        throw new Error('rolled back')
      }),
    ).rejects.toThrow('rolled back')
    expect((await search(word)).total).toBe(1)
  })
})
