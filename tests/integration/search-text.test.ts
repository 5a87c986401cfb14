import { sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { browse } from '~/domain/catalogue/browse.server'
import { parseBrowseParams } from '~/domain/catalogue/filters'
import { db } from '~/utils/db.server'
import { ids, insertRequest, search, uniqueWord } from './search-support'

describe('full-text search', () => {
  test('a title match ranks above a match in the description, even when the description match is newer', async () => {
    const word = uniqueWord()
    const inTitle = await insertRequest({ title: `Strengthening ${word} registries`, publishedAt: new Date('2026-01-01') })
    const inDescription = await insertRequest({ title: 'Strengthening civil registries', description: `Builds on the ${word} pilot.`, publishedAt: new Date('2026-06-01') })
    const inSummary = await insertRequest({ title: 'Strengthening consular services', summary: `A ${word} programme for consular staff.`, publishedAt: new Date('2026-03-01') })

    expect(ids(await search(word))).toEqual([inTitle, inSummary, inDescription])
    expect(ids(await search(word, { sort: 'newest' }))).toEqual([inDescription, inSummary, inTitle])
    expect(ids(await search(word, { sort: 'oldest' }))).toEqual([inTitle, inSummary, inDescription])
  })

  test('is accent-insensitive both ways and case-insensitive', async () => {
    const word = uniqueWord()
    const accented = await insertRequest({ title: `Política de migración laboral ${word}` })
    const plain = await insertRequest({ title: `Politica de migracion circular ${word}` })
    for (const q of [`migracion ${word}`, `MIGRACIÓN ${word}`, `Migración ${word}`]) {
      expect(new Set(ids(await search(q)))).toEqual(new Set([accented, plain]))
    }
    expect(ids(await search(`laboral política ${word}`))).toEqual([accented])
  })

  test('matches the beginning of words, and every word must match', async () => {
    const word = uniqueWord()
    const remittances = await insertRequest({ title: `Lowering remittances costs ${word}` })
    await insertRequest({ title: `Diaspora bonds ${word}` })
    expect(ids(await search(`remit ${word}`))).toEqual([remittances])
    expect(ids(await search(`${word.slice(0, -2)} remitt`))).toEqual([remittances])
    expect((await search(`remit diaspora ${word}`)).total).toBe(0)
  })

  test('text that looks like SQL or query syntax is searched as words, never run', async () => {
    const word = uniqueWord()
    const id = await insertRequest({ title: `Border management ${word} or reform` })
    const nasty = [
      `' OR 1=1 --`,
      `${word}'; drop table requests; --`,
      `${word} & | ! ( ) :* :A <-> \\ '' "`,
      `${word}:*`,
      `\\'${word}`,
      `${word} ½ ŉ ﬀ ß`,
      '🙂 ✈️',
      '---',
      `${word}\u0000\u0007 nul`,
    ]
    for (const q of nasty) {
      const parsed = parseBrowseParams(new URLSearchParams({ q }), 'requests')
      expect(parsed.success, q).toBe(true)
      if (parsed.success) await expect(browse(db, parsed.query, { facets: true }), q).resolves.toBeDefined()
    }
    expect(ids(await search(`${word}'; drop table requests; --`))).toEqual([])
    expect(ids(await search(`(${word}) | "or"`))).toEqual([id])
    const [count] = await db.execute<{ n: number }>(sql`select count(*)::int as n from requests`)
    expect(count!.n).toBeGreaterThan(0)
  })
})
