import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import postgres from 'postgres'
import { afterAll, describe, expect, it } from 'vitest'
import { startEmbeddedPostgres, type EmbeddedDatabase } from '#db/embedded'

/**
 * As root, in a folder only root may enter (a home directory, `mktemp -d`), the embedded PostgreSQL still starts:
 * it runs as the postgres user, who cannot enter that folder, so its data is kept where that user can reach it.
 */
const root = process.getuid?.() === 0

async function query<T extends Record<string, unknown>>(database: EmbeddedDatabase, text: string) {
  const sql = postgres(database.url, { max: 1, onnotice: () => {} })
  try {
    return await sql.unsafe<T[]>(text)
  } finally {
    await sql.end({ timeout: 5 })
  }
}

describe.skipIf(!root)('the embedded PostgreSQL of a clone in a folder only root may enter', () => {
  const privateFolder = mkdtempSync(path.join(tmpdir(), 'hub-private-'))
  const dataDir = path.join(privateFolder, 'hub', '.data', 'postgres')
  const started: EmbeddedDatabase[] = []
  const start = async (options: { dataDir: string; persistent?: boolean }) => {
    const database = await startEmbeddedPostgres(options)
    started.push(database)
    return database
  }

  afterAll(async () => {
    for (const database of started) await database.stop()
    rmSync(privateFolder, { recursive: true, force: true })
  })

  it('is a folder of mode 0700', () => {
    expect(statSync(privateFolder).mode & 0o777).toBe(0o700)
  })

  it('starts, answers, stops, and starts again with its data kept', { timeout: 300_000 }, async () => {
    const first = await start({ dataDir })
    expect(await query(first, 'select 1 as one')).toEqual([{ one: 1 }])
    await query(first, "create table kept (note text); insert into kept values ('still here')")
    await first.stop()

    const second = await start({ dataDir })
    expect(await query(second, 'select note from kept')).toEqual([{ note: 'still here' }])
    await second.stop()
  })

  it('removes a throwaway cluster when it stops', { timeout: 300_000 }, async () => {
    const throwaway = await start({ dataDir: path.join(privateFolder, 'hub', '.data', 'test-postgres'), persistent: false })
    expect(await query(throwaway, 'select 1 as one')).toEqual([{ one: 1 }])
    await throwaway.stop()
  })
})

it.skipIf(root)('needs root: only root runs the embedded PostgreSQL as another user (postgres), who may not enter its folders', () => {})
