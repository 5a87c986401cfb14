import postgres from 'postgres'

/** The URL of database `name` on the server that `serverUrl` points at (same host, port and credentials). */
export function databaseUrl(serverUrl: string, name: string) {
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return url.toString()
}

const quoteIdent = (name: string) => {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unexpected database name ${name}`)
  return `"${name}"`
}

async function withAdmin<T>(serverUrl: string, run: (sql: postgres.Sql) => Promise<T>) {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 })
  try {
    return await run(sql)
  } finally {
    await sql.end({ timeout: 5 })
  }
}

export async function createDatabase(serverUrl: string, name: string, template?: string) {
  await withAdmin(serverUrl, async (sql) => {
    const from = template ? ` TEMPLATE ${quoteIdent(template)}` : ''
    // Two workers copying the template at the same moment can collide briefly; a retry settles it.
    for (let attempt = 1; ; attempt++) {
      try {
        await sql.unsafe(`CREATE DATABASE ${quoteIdent(name)}${from}`)
        return
      } catch (error) {
        const busy = error instanceof Error && /being accessed by other users/.test(error.message)
        if (!busy || attempt >= 20) throw error
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt))
      }
    }
  })
}

export async function dropDatabase(serverUrl: string, name: string) {
  await withAdmin(serverUrl, (sql) => sql.unsafe(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`))
}

/** Drops every database this run created (their names all start with `prefix_`), and nothing else. */
export async function dropDatabasesWithPrefix(serverUrl: string, prefix: string) {
  await withAdmin(serverUrl, async (sql) => {
    const rows = await sql<{ datname: string }[]>`
      select datname from pg_database where starts_with(datname, ${`${prefix}_`})`
    // The template goes last: it cannot be dropped while a copy is being made from it.
    const names = rows.map((r) => r.datname).sort((a, b) => Number(a.endsWith('_template')) - Number(b.endsWith('_template')))
    for (const name of names) await sql.unsafe(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`)
  })
}
