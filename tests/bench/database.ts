import path from 'node:path'
import postgres from 'postgres'
import { syntheticImport } from '~/demo/synthetic'
import { describeReport, importData } from '~/domain/import/import.server'
import { prepareDatabase, type PreparedDatabase } from '~/server/database'
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

export interface BenchSeed {
  requests: number
  offers: number
  seed: number
  prefix: string
}

/**
 * Seeds a benchmark's database through the import path the first time; later runs find the rows already there
 * and go straight to the measurement. Then fresh statistics and visibility map, as autovacuum would leave them on
 * a live system.
 */
export async function seedOnce(client: postgres.Sql, seed: BenchSeed, log: (line: string) => void, options: { about: string; vacuum: string }) {
  const [counts] = await client<{ requests: number; offers: number }[]>`
    select (select count(*)::int from requests where key like ${`${seed.prefix}-r%`}) as requests,
           (select count(*)::int from offers where key like ${`${seed.prefix}-o%`}) as offers`
  if (counts!.requests >= seed.requests && counts!.offers >= seed.offers) {
    log(`Reusing the seeded database (${counts!.requests} requests, ${counts!.offers} offers)`)
    return
  }
  log(`Seeding ${seed.requests} requests and ${seed.offers} offers through the import (about ${options.about})…`)
  const started = performance.now()
  const report = await importData(db, syntheticImport(seed))
  log(`Imported in ${((performance.now() - started) / 1000).toFixed(1)} s: ${describeReport(report)}`)
  await client.unsafe(`vacuum (analyze) ${options.vacuum}`)
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
  return openSeeded(database, SEED, log, { about: '20 s', vacuum: 'requests, offers, organizations' })
}

/** Opens a benchmark's client on its prepared database and seeds it once; stops the database if the seed fails. */
export async function openSeeded(database: PreparedDatabase, seed: BenchSeed, log: (line: string) => void, options: { about: string; vacuum: string }): Promise<BenchDatabase> {
  const client = postgres(database.url, { max: 2, onnotice: () => {} })
  const stop = async () => {
    await client.end({ timeout: 5 })
    await database.embedded?.stop()
  }
  try {
    await seedOnce(client, seed, log, options)
    await closeDatabase()
    return { url: database.url, client, stop }
  } catch (error) {
    await closeDatabase()
    await stop()
    throw error
  }
}
