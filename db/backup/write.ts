import { randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { open, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { createGzip } from 'node:zlib'
import postgres from 'postgres'
import { MIGRATION_LOCK } from '../migrate'
import { appliedMigrations, countRows, hubSequences, hubTables, type TableInfo } from './catalog'
import { copyOut } from './copy'
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, BackupError, COPY_SETTINGS, END_OF_ROWS, qualified, quoteIdent, type BackupHeader } from './format'

export interface BackupSummary {
  file: string
  tables: number
  rows: number
  /** The size of the file written (compressed). */
  bytes: number
  seconds: number
}

/**
 * Writes a consistent backup of the Hub's database at `url` to `file`: every table of the Hub's schemas, read
 * in one `repeatable read, read only` transaction (so the rows are those of one moment, while the Hub keeps
 * serving), as COPY text streamed through gzip. Needs nothing but a connection: no pg_dump, which the
 * embedded PostgreSQL does not ship.
 *
 * It writes a new `file.<random>.partial` (readable by its owner only) and renames it once complete and flushed,
 * so a failed backup never leaves a partial file under the name asked for, and two backups never share one.
 */
export async function writeBackup(url: string, file: string): Promise<BackupSummary> {
  const started = performance.now()
  const target = path.resolve(file)
  const partial = `${target}.${randomBytes(6).toString('hex')}.partial`
  const sql = postgres(url, { max: 1, onnotice: () => {} })
  let totals = { tables: 0, rows: 0 }
  try {
    // Held for the whole backup (before the snapshot is taken): no migration changes the tables meanwhile, and
    // one that is running finishes first. A session lock, released when the connection closes.
    await sql`select pg_advisory_lock_shared(${MIGRATION_LOCK})`
    await sql.begin('isolation level repeatable read read only', async (tx) => {
      await tx.unsafe(COPY_SETTINGS)
      const { header, tables } = await describe(tx)
      totals = { tables: header.tables.length, rows: header.tables.reduce((sum, t) => sum + t.rows, 0) }
      await pipeline(backupContent(tx, header, tables), createGzip(), createWriteStream(partial, { mode: 0o600, flags: 'wx', flush: true }))
    })
    await rename(partial, target)
    await syncDirectory(path.dirname(target))
  } catch (error) {
    await rm(partial, { force: true })
    throw error
  } finally {
    await sql.end({ timeout: 5 })
  }
  return { file: target, ...totals, bytes: (await stat(target)).size, seconds: (performance.now() - started) / 1000 }
}

async function describe(tx: postgres.TransactionSql): Promise<{ header: BackupHeader; tables: TableInfo[] }> {
  const migrations = await appliedMigrations(tx)
  if (!migrations.length) throw new BackupError('This database holds no Connection Hub data: it was never migrated.')
  const tables = await hubTables(tx)
  const counted = []
  for (const t of tables) counted.push({ schema: t.schema, table: t.table, columns: t.columns, rows: await countRows(tx, t) })
  const sequences = []
  for (const s of await hubSequences(tx)) {
    // Sequences are outside transactions: this is their value now, at least the one the snapshot's rows used.
    const [value] = await tx.unsafe<{ last_value: string; is_called: boolean }[]>(`select last_value::text, is_called from ${qualified(s)}`)
    sequences.push({ schema: s.schema, table: s.table, lastValue: value!.last_value, isCalled: value!.is_called })
  }
  const [server] = await tx<{ version: string }[]>`select current_setting('server_version') as version`
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version: BACKUP_FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    server: `PostgreSQL ${server!.version}`,
    migrations,
    tables: counted,
    sequences,
  }
  return { header, tables }
}

async function* backupContent(tx: postgres.TransactionSql, header: BackupHeader, tables: TableInfo[]): AsyncGenerator<Buffer | string> {
  yield `${JSON.stringify(header)}\n`
  for (const [i, t] of tables.entries()) {
    yield `${JSON.stringify({ schema: t.schema, table: t.table })}\n`
    const columns = t.columns.map(quoteIdent).join(', ')
    // COPY cannot read a partitioned table directly, only a query over it.
    const statement = t.partitioned ? `copy (select ${columns} from ${qualified(t)}) to stdout` : `copy ${qualified(t)} (${columns}) to stdout`
    let rows = 0
    for await (const chunk of copyOut(tx, statement)) {
      for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) rows++
      yield chunk
    }
    // The count and the copy read one snapshot: a difference would be a bug here, not a busy database.
    if (rows !== header.tables[i]!.rows) throw new Error(`${t.table}: counted ${header.tables[i]!.rows} rows but copied ${rows}`)
    yield `${END_OF_ROWS}\n`
  }
  const rows = header.tables.reduce((sum, t) => sum + t.rows, 0)
  yield `${JSON.stringify({ end: true, tables: header.tables.length, rows })}\n`
}

/** The rename is durable only once the directory that records it is flushed too. */
async function syncDirectory(directory: string) {
  const handle = await open(directory, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}
