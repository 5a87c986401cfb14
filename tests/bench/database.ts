import path from 'node:path'
import postgres from 'postgres'
import { syntheticImport } from '~/demo/synthetic'
import { describeReport, importData } from '~/domain/import/import.server'
import { prepareDatabase } from '~/server/database'
import { closeDatabase, db } from '~/utils/db.server'
import { resetEnvCache } from '~/utils/env.server'

/** What the browse benchmark searches: 100,000 generated requests, most of them published, and some offers. */
export const SEED = { requests: 100_000, offers: 2_000, seed: 2027, prefix: 'bench' } as const

export const BENCH_DATA_DIR = path.resolve(process.env.BENCH_DATA_DIR ?? '.data/bench-postgres')

export interface BenchDatabase {
  url: string
  client: postgres.Sql
  stop: () => Promise<void>
}

async function seededCounts(client: postgres.Sql) {
  const [row] = await client<{ requests: number; offers: number }[]>`
    select (select count(*)::int from requests where key like ${`${SEED.prefix}-r%`}) as requests,
           (select count(*)::int from offers where key like ${`${SEED.prefix}-o%`}) as offers`
  return row!
}

/**
 * Starts (or joins) the benchmark's own embedded PostgreSQL, migrates it, and seeds it through the import path
 * the first time; later runs find the rows already there and go straight to the measurement.
 */
export async function prepareBenchDatabase(log: (line: string) => void): Promise<BenchDatabase> {
  // Never the developer's database: the seed writes 100,000 rows.
  delete process.env.DATABASE_URL
  process.env.HUB_DATA_DIR = BENCH_DATA_DIR
  const database = await prepareDatabase(log)
  resetEnvCache()
  const client = postgres(database.url, { max: 2, onnotice: () => {} })
  const stop = async () => {
    await client.end({ timeout: 5 })
    await database.embedded?.stop()
  }
  try {
    const counts = await seededCounts(client)
    if (counts.requests >= SEED.requests && counts.offers >= SEED.offers) {
      log(`Reusing the seeded database (${counts.requests} requests, ${counts.offers} offers)`)
    } else {
      log(`Seeding ${SEED.requests} requests and ${SEED.offers} offers through the import (about 20 s)…`)
      const started = performance.now()
      const report = await importData(db, syntheticImport(SEED))
      log(`Imported in ${((performance.now() - started) / 1000).toFixed(1)} s: ${describeReport(report)}`)
      // Fresh statistics and visibility map, as autovacuum would leave them on a live system.
      await client.unsafe('vacuum (analyze) requests, offers, organizations')
    }
    await closeDatabase()
    return { url: database.url, client, stop }
  } catch (error) {
    await closeDatabase()
    await stop()
    throw error
  }
}
