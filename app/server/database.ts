import path from 'node:path'
import postgres from 'postgres'
import { EMBEDDED_DATABASE, shownPath, startEmbeddedPostgres, type EmbeddedDatabase } from '#db/embedded'
import { migrateDatabase } from '#db/migrate'

export interface PreparedDatabase {
  url: string
  embedded: EmbeddedDatabase | null
}

async function ensureDatabaseExists(serverUrl: string, name: string) {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} })
  try {
    const [row] = await admin`select 1 from pg_database where datname = ${name}`
    if (!row) await admin.unsafe(`create database "${name}"`)
  } finally {
    await admin.end({ timeout: 5 })
  }
}

/**
 * One code path, two ways to get a server: `DATABASE_URL` when set, otherwise an embedded PostgreSQL with
 * its data under `.data/` (or, for root in a folder the postgres user cannot enter, under
 * /var/lib/connection-hub). Either way pending migrations are applied before anything else touches it, unless
 * `migrate` is false (a backup reads the database as it is; a restore migrates inside its own transaction).
 */
export async function prepareDatabase(log: (line: string) => void, options: { migrate?: boolean } = {}): Promise<PreparedDatabase> {
  let url = process.env.DATABASE_URL || undefined
  let embedded: EmbeddedDatabase | null = null
  if (!url) {
    const dataDir = path.resolve(process.env.HUB_DATA_DIR ?? '.data/postgres')
    embedded = await startEmbeddedPostgres({ dataDir, log })
    await ensureDatabaseExists(embedded.url, EMBEDDED_DATABASE)
    url = embedded.url.replace(/\/postgres$/, `/${EMBEDDED_DATABASE}`)
    process.env.HUB_EMBEDDED_DATABASE = '1'
    log(`Embedded PostgreSQL on 127.0.0.1:${embedded.port} (data in ${shownPath(embedded.dataDir)})`)
  }
  process.env.DATABASE_URL = url
  try {
    if (options.migrate ?? true) await migrateDatabase(url)
  } catch (error) {
    await embedded?.stop()
    throw error
  }
  return { url, embedded }
}
