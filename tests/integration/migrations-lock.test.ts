import { randomBytes } from 'node:crypto'
import postgres from 'postgres'
import { afterAll, describe, expect, inject, test } from 'vitest'
import { MIGRATION_LOCK, migrateDatabase } from '#db/migrate'
import journal from '#db/migrations/meta/_journal.json' with { type: 'json' }
import { createDatabase, databaseUrl, dropDatabase } from '../setup/database'

// Every process of a deployment (web and worker, several of each) migrates on start: whichever starts first
// applies the migrations under an advisory lock; the others wait for it and find nothing left to do.
const server = inject('testDatabaseServer')
const created: string[] = []

async function freshDatabase() {
  const name = `${inject('testDatabasePrefix')}_migrate_${randomBytes(3).toString('hex')}`
  await createDatabase(server, name)
  created.push(name)
  return databaseUrl(server, name)
}

afterAll(async () => {
  for (const name of created) await dropDatabase(server, name)
})

async function schemaCounts(sql: postgres.Sql) {
  const [row] = await sql<{ migrations: number; objectives: number; actions: number; principles: number }[]>`
    select (select count(*)::int from drizzle.__drizzle_migrations) as migrations,
           (select count(*)::int from gcm_objectives) as objectives,
           (select count(*)::int from gcm_actions) as actions,
           (select count(*)::int from gcm_principles) as principles`
  return row
}

describe('migrations from several processes at once', () => {
  test('four concurrent migrations of a fresh database all succeed, and the schema is applied once', { timeout: 180_000 }, async () => {
    const url = await freshDatabase()
    const results = await Promise.allSettled([1, 2, 3, 4].map(() => migrateDatabase(url)))
    expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(['ok', 'ok', 'ok', 'ok'])

    const sql = postgres(url, { max: 1, onnotice: () => {} })
    try {
      expect(await schemaCounts(sql)).toEqual({ migrations: journal.entries.length, objectives: 23, actions: 187, principles: 10 })
    } finally {
      await sql.end({ timeout: 5 })
    }
  })

  test('a migration waits while another holds the migration lock, then finds its work done', { timeout: 180_000 }, async () => {
    const url = await freshDatabase()
    const holder = postgres(url, { max: 1, onnotice: () => {} })
    try {
      await holder`select pg_advisory_lock(${MIGRATION_LOCK})`
      const waiting = migrateDatabase(url)
      // The migration is blocked on the lock, not failing or running: PostgreSQL shows its request waiting.
      for (let tries = 0; ; tries++) {
        const [row] = await holder<{ waiting: number }[]>`
          select count(*)::int as waiting from pg_locks
          where locktype = 'advisory' and not granted and objid = ${MIGRATION_LOCK}
            and database = (select oid from pg_database where datname = current_database())`
        if (row!.waiting === 1) break
        if (tries > 300) throw new Error('the migration never asked for the lock')
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      const [schema] = await holder<{ present: boolean }[]>`select to_regclass('drizzle.__drizzle_migrations') is not null as present`
      expect(schema!.present).toBe(false)

      await holder`select pg_advisory_unlock(${MIGRATION_LOCK})`
      await waiting
      expect(await schemaCounts(holder)).toEqual({ migrations: journal.entries.length, objectives: 23, actions: 187, principles: 10 })
      // A later start, like every process after the first, changes nothing.
      await migrateDatabase(url)
      expect((await schemaCounts(holder))?.migrations).toBe(journal.entries.length)
    } finally {
      await holder.end({ timeout: 5 })
    }
  })
})
