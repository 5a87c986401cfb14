import { randomBytes } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { gunzipSync, gzipSync } from 'node:zlib'
import postgres from 'postgres'
import { inject } from 'vitest'
import { createDatabase, databaseUrl } from '../setup/database'

/** A new database of this test run (dropped with the others at teardown): empty, or a copy of the migrated template. */
export async function newDatabase(from: 'empty' | 'template') {
  const name = `${inject('testDatabasePrefix')}_bk_${randomBytes(3).toString('hex')}`
  const server = inject('testDatabaseServer')
  await createDatabase(server, name, from === 'template' ? inject('testTemplateDatabase') : undefined)
  return databaseUrl(server, name)
}

/**
 * Every table of the Hub's schema with its row count and an md5 of its rows (each row as text, in order), read
 * straight from the catalog, so a table the backup forgot would show here.
 */
export async function tableChecksums(url: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} })
  try {
    const tables = await sql<{ name: string }[]>`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and not c.relispartition and n.nspname = 'public' order by c.relname`
    const sums: Record<string, string> = {}
    for (const { name } of tables) {
      const [row] = await sql.unsafe<{ n: number; md5: string }[]>(
        `select count(*)::int as n, md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as md5 from public."${name}" t`,
      )
      sums[name] = `${row!.n} rows, md5 ${row!.md5}`
    }
    return sums
  } finally {
    await sql.end({ timeout: 5 })
  }
}

export async function migrationsOf(url: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} })
  try {
    const [journal] = await sql<{ exists: boolean }[]>`select to_regclass('drizzle.__drizzle_migrations') is not null as exists`
    if (!journal!.exists) return 0
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from drizzle.__drizzle_migrations`
    return row!.n
  } finally {
    await sql.end({ timeout: 5 })
  }
}

/** The lines of a (small) backup file, to damage one on purpose. */
export async function backupLines(file: string) {
  return gunzipSync(await readFile(file)).toString('utf8').split('\n')
}

export async function writeBackupLines(file: string, lines: string[]) {
  await writeFile(file, gzipSync(Buffer.from(lines.join('\n'))))
}

/** Replaces one column of the first row of `table` in a backup's lines. */
export function alterFirstRow(lines: string[], table: string, column: string, value: string) {
  const header = JSON.parse(lines[0]!) as { tables: { table: string; columns: string[] }[] }
  const index = header.tables.find((t) => t.table === table)!.columns.indexOf(column)
  const at = lines.indexOf(JSON.stringify({ schema: 'public', table })) + 1
  const fields = lines[at]!.split('\t')
  fields[index] = value
  return lines.with(at, fields.join('\t'))
}
