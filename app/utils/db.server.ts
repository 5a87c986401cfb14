import { hostname } from 'node:os'
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import * as schema from '#db/schema/index'
import { env } from './env.server'
import { singleton } from './singleton.server'

export type Database = PostgresJsDatabase<typeof schema>
/** A database handle or a transaction: domain functions accept either. */
export type Db = Database | Parameters<Parameters<Database['transaction']>[0]>[0]

/** The pool of each process: its size, and its name in pg_stat_activity (this host and process, so /metrics can count them). */
export const databasePool = {
  max: 10,
  applicationName: `connection-hub/${hostname()}/${process.pid}`.slice(0, 63),
}
/**
 * How long a pooled connection waits before connecting again after a failed attempt. The driver's default grows
 * as (3^n)/100 s with the failures of the whole pool, up to 20 s: after an outage under load, the first requests
 * waited up to ~8 s once PostgreSQL was back (measured). Capped at half a second, pages work again within a
 * second of its return, at the price of at most two connection attempts a second per pooled connection while
 * it is away.
 */
export const reconnectDelaySeconds = (failures: number) => Math.min(0.05 * 2 ** failures, 0.5)

export function createDatabase(url: string, options: { max?: number } = {}) {
  const client = postgres(url, {
    max: options.max ?? databasePool.max,
    idle_timeout: 20,
    // A host that drops packets fails the request (503) after 5 s rather than holding it for 10 s.
    connect_timeout: 5,
    backoff: reconnectDelaySeconds,
    onnotice: () => {},
    connection: { application_name: databasePool.applicationName },
  })
  return { db: drizzle(client, { schema }), client }
}

function connection() {
  return singleton('database', () => {
    const url = env().DATABASE_URL
    if (!url) throw new Error('DATABASE_URL is not set: start the Hub with `npm start`, which provides one.')
    return createDatabase(url)
  })
}

/** The process-wide database handle (lazily connected). */
export const db: Database = new Proxy({} as Database, {
  get: (_target, property) => Reflect.get(connection().db, property),
})

export async function closeDatabase() {
  const store = globalThis as unknown as { __hubSingletons?: Map<string, unknown> }
  const conn = store.__hubSingletons?.get('database') as ReturnType<typeof createDatabase> | undefined
  if (conn) {
    store.__hubSingletons?.delete('database')
    await conn.client.end({ timeout: 5 })
  }
}
