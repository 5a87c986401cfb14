import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/postgres-js'
import { migrate } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'
import * as schema from './schema/index'
import { seedVocabulary } from './vocabulary/seed'

/** drizzle-kit's output: the SQL files and the journal that orders them. */
export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations')
/** The advisory lock that serialises migrations (and restores, which migrate inside their transaction). */
export const MIGRATION_LOCK = 727_001

/**
 * Applies pending migrations and refreshes the GCM vocabulary. Safe to run from several processes at once
 * (an advisory lock serialises them) and a no-op when everything is current.
 */
export async function migrateDatabase(url: string) {
  const client = postgres(url, { max: 1, onnotice: () => {} })
  try {
    const db = drizzle(client, { schema })
    await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK})`)
    try {
      await migrate(db, { migrationsFolder })
      await seedVocabulary(db)
    } finally {
      await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK})`)
    }
  } finally {
    await client.end({ timeout: 5 })
  }
}
