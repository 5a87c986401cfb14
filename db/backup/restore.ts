import { createReadStream } from 'node:fs'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { createGunzip } from 'node:zlib'
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import { MIGRATION_LOCK } from '../migrate'
import * as schema from '../schema/index'
import { appliedMigrations, countRows, hubSequences, hubTables, isPrefix, isSeeded, knownMigrations, type TableInfo } from './catalog'
import { copyIn } from './copy'
import {
  BackupError,
  BackupHeaderSchema,
  COPY_SETTINGS,
  displayName,
  qualified,
  quoteIdent,
  TableSectionSchema,
  TrailerSchema,
  type BackupHeader,
  type TableName,
} from './format'
import { LineReader, LineTooLongError, TruncatedError } from './lines'

export interface RestoreSummary<Checked> {
  file: string
  createdAt: string
  tables: number
  rows: number
  /** Migrations applied after loading, when the backup came from an older version of the Hub. */
  migratedAfter: number
  seconds: number
  checked: Checked
}

export interface RestoreOptions<Checked> {
  /**
   * Runs in the restore's transaction once every row is in: the application's own checks (the ledger) and the
   * work it queues again. Throwing rolls the whole restore back.
   */
  beforeCommit: (db: PostgresJsDatabase<typeof schema>) => Promise<Checked>
  /** Told as each table is loaded: a large restore takes minutes, mostly in a few tables. */
  onTable?: (loaded: { table: string; rows: number; seconds: number }) => void
}

/**
 * Loads a backup written by `writeBackup` into the database at `url`, which must hold no Hub data (a freshly
 * created database, or one that was only migrated). In one transaction: migrate the schema to the backup's
 * version, replace what the migrations seeded, load every table in foreign-key order, check the row
 * counts, set the sequences, apply any newer migrations, run `beforeCommit`. Any failure (a truncated or corrupt
 * file, a refused row, a failed check) rolls all of it back.
 */
export async function restoreBackup<Checked>(url: string, file: string, options: RestoreOptions<Checked>): Promise<RestoreSummary<Checked>> {
  const started = performance.now()
  const source = path.resolve(file)
  const sql = postgres(url, { max: 1, onnotice: () => {} })
  // drizzle sets its type parsers on the client: the application's checks read rows as they always do.
  drizzle(sql, { schema })
  let summary: Omit<RestoreSummary<Checked>, 'seconds'> | undefined
  try {
    await pipeline(createReadStream(source), createGunzip(), async (content: AsyncIterable<Buffer>) => {
      const lines = new LineReader(content)
      const header = await readHeader(lines)
      const migrations = planMigrations(header)
      summary = await sql.begin(async (tx) => {
        await tx.unsafe(COPY_SETTINGS)
        // A Hub starting now waits: it would migrate, and it would write.
        await tx`select pg_advisory_xact_lock(${MIGRATION_LOCK})`
        const applied = await appliedMigrations(tx)
        if (!isPrefix(applied, header.migrations)) {
          throw new BackupError(
            `The database's schema is newer than the backup's (${applied.length} migrations applied, the backup has ${header.migrations.length}). Restore into a new, empty database: the restore migrates it.`,
          )
        }
        await refuseIfNotEmpty(tx, await hubTables(tx))
        for (const m of migrations.slice(applied.length, header.migrations.length)) await applyMigration(tx, m)
        const tables = matchTables(header, await hubTables(tx))
        const rows = await loadTables(tx, lines, header, tables, options.onTable)
        await restoreSequences(tx, header)
        for (const m of migrations.slice(header.migrations.length)) await applyMigration(tx, m)
        const checked = await options.beforeCommit(drizzle(Object.assign(tx, { options: sql.options }) as unknown as postgres.Sql, { schema }))
        return {
          file: source,
          createdAt: header.createdAt,
          tables: tables.length,
          rows,
          migratedAfter: migrations.length - header.migrations.length,
          checked,
        }
      })
    })
  } catch (error) {
    throw explain(error, source)
  } finally {
    await sql.end({ timeout: 5 })
  }
  return { ...summary!, seconds: (performance.now() - started) / 1000 }
}

/** A header names each table and its columns: a few kilobytes for the Hub's schema. */
const HEADER_LIMIT = 1024 * 1024
const SECTION_LIMIT = 1024

async function readHeader(lines: LineReader): Promise<BackupHeader> {
  let parsed: unknown
  try {
    parsed = JSON.parse((await lines.next(HEADER_LIMIT))?.toString('utf8') ?? '')
  } catch (error) {
    if (!(error instanceof SyntaxError || error instanceof LineTooLongError)) throw error
    throw new BackupError('It is not a Connection Hub backup: its first line is not a backup header.')
  }
  const header = BackupHeaderSchema.safeParse(parsed)
  if (!header.success) {
    const format = (parsed as { format?: unknown; version?: unknown } | null)?.format
    const version = (parsed as { version?: unknown } | null)?.version
    if (format === 'connection-hub-backup' && typeof version === 'number' && version > 1) {
      throw new BackupError(`It is a backup in format ${version}, newer than this version of the Hub reads (1): restore it with the Hub that made it.`)
    }
    throw new BackupError(`It is not a Connection Hub backup: its header does not read (${header.error.issues[0]?.path.join('.') || 'format'}).`)
  }
  return header.data
}

/** The code's migrations, after checking that the backup's schema is one of them. */
function planMigrations(header: BackupHeader) {
  const known = knownMigrations()
  const journal = known.map((m) => ({ hash: m.hash, createdAt: m.folderMillis }))
  if (!isPrefix(header.migrations, journal)) {
    const unknown = header.migrations.find((m, i) => journal[i]?.createdAt !== m.createdAt || journal[i]?.hash !== m.hash)
    throw new BackupError(
      `The backup comes from a newer or different version of the Hub: its migration ${header.migrations.indexOf(unknown!) + 1} (${unknown!.createdAt}) is not one this code knows. Restore it with that version of the Hub, or a later one.`,
    )
  }
  return known.map((m) => ({ ...m, createdAt: m.folderMillis }))
}

/** What drizzle's migrator does, but inside the restore's transaction, so a failed restore leaves no schema. */
async function applyMigration(tx: postgres.TransactionSql, migration: { sql: string[]; hash: string; createdAt: number }) {
  await tx.unsafe('create schema if not exists drizzle')
  await tx.unsafe('create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)')
  for (const statement of migration.sql) await tx.unsafe(statement)
  await tx`insert into drizzle.__drizzle_migrations (hash, created_at) values (${migration.hash}, ${migration.createdAt})`
}

/** Any row in a Hub table refuses the restore, except those the migrations seed (they are replaced). */
async function refuseIfNotEmpty(tx: postgres.TransactionSql, tables: TableInfo[]) {
  if (!tables.length) return
  // Nothing may write while the restore decides the database is empty and fills it.
  await tx.unsafe(`lock table ${tables.map(qualified).join(', ')} in exclusive mode`)
  const filled: string[] = []
  for (const t of tables) {
    if (isSeeded(t)) continue
    const [row] = await tx.unsafe<{ any: boolean }[]>(`select exists (select 1 from ${qualified(t)}) as any`)
    if (row!.any) filled.push(displayName(t))
  }
  if (filled.length) {
    const named = filled.length > 6 ? `${filled.slice(0, 6).join(', ')} and ${filled.length - 6} more` : filled.join(', ')
    throw new BackupError(
      `The database is not empty (rows in ${named}): a restore only fills an empty database. Restore into a new one, or drop this one's data first.`,
    )
  }
}

/** The database's tables, in load order, checked against the backup's: the same tables with the same columns. */
function matchTables(header: BackupHeader, tables: TableInfo[]) {
  const key = (t: TableName) => `${t.schema}.${t.table}`
  const inDatabase = new Map(tables.map((t) => [key(t), t]))
  const inBackup = new Set(header.tables.map(key))
  const missing = header.tables.filter((t) => !inDatabase.has(key(t))).map(displayName)
  const extra = tables.filter((t) => !inBackup.has(key(t))).map(displayName)
  if (missing.length || extra.length) {
    throw new BackupError(
      `The backup's tables differ from the schema it names${missing.length ? `; not in the database: ${missing.join(', ')}` : ''}${extra.length ? `; not in the backup: ${extra.join(', ')}` : ''}.`,
    )
  }
  for (const t of header.tables) {
    const columns = inDatabase.get(key(t))!.columns
    if (columns.length !== t.columns.length || !t.columns.every((c) => columns.includes(c))) {
      throw new BackupError(`The backup's columns of ${displayName(t)} (${t.columns.join(', ')}) differ from the database's (${columns.join(', ')}).`)
    }
  }
  return tables
}

async function loadTables(
  tx: postgres.TransactionSql,
  lines: LineReader,
  header: BackupHeader,
  tables: TableInfo[],
  onTable: RestoreOptions<unknown>['onTable'],
) {
  const byKey = new Map(tables.map((t) => [`${t.schema}.${t.table}`, t]))
  // What the migrations seeded (the vocabulary, the catalogue's version) gives way to the backup's, children first.
  for (const t of [...tables].reverse()) if (isSeeded(t)) await tx.unsafe(`delete from ${qualified(t)}`)
  // Triggers keep derived rows (ledger balances) and refuse direct writes to them; the backup has those rows as
  // they were, so triggers rest during the load. Foreign keys stay checked. Needs the tables' owner.
  const triggered = tables.filter((t) => t.hasTriggers)
  for (const t of triggered) await tx.unsafe(`alter table ${qualified(t)} disable trigger user`)
  let total = 0
  for (const expected of header.tables) {
    const line = await shortLine(lines)
    if (line === null) throw new TruncatedError(`it ends before table ${displayName(expected)}`)
    const section = TableSectionSchema.safeParse(safeJson(line))
    if (!section.success || section.data.schema !== expected.schema || section.data.table !== expected.table) {
      throw new BackupError(`The backup is corrupt: table ${displayName(expected)} was expected where the file has something else.`)
    }
    const table = byKey.get(`${expected.schema}.${expected.table}`)!
    let rows = -1
    const started = performance.now()
    const statement = `copy ${qualified(table)} (${expected.columns.map(quoteIdent).join(', ')}) from stdin`
    try {
      await copyIn(tx, statement, lines.rows((n) => (rows = n)))
    } catch (error) {
      if (error instanceof TruncatedError || error instanceof BackupError || isZlibError(error)) throw error
      throw new BackupError(`Table ${displayName(expected)} was refused: ${error instanceof Error ? error.message : String(error)}.`)
    }
    const stored = await countRows(tx, table)
    if (rows !== expected.rows || stored !== expected.rows) {
      throw new BackupError(`The backup is corrupt: its header says ${expected.rows} rows of ${displayName(expected)}, its data has ${rows}.`)
    }
    total += stored
    onTable?.({ table: displayName(expected), rows: stored, seconds: (performance.now() - started) / 1000 })
  }
  const trailer = TrailerSchema.safeParse(safeJson(await shortLine(lines)))
  if (!trailer.success) throw new TruncatedError('its last line, which closes every complete backup, is missing')
  if ((await shortLine(lines)) !== null) throw new BackupError('The backup is corrupt: there is more after its last line.')
  for (const t of triggered) await tx.unsafe(`alter table ${qualified(t)} enable trigger user`)
  return total
}

/** Each sequence goes on from where it was (and never below a value its column already holds). */
async function restoreSequences(tx: postgres.TransactionSql, header: BackupHeader) {
  const saved = new Map(header.sequences.map((s) => [`${s.schema}.${s.table}`, s]))
  for (const s of await hubSequences(tx)) {
    const backup = saved.get(`${s.schema}.${s.table}`)
    if (backup) await tx`select setval(${qualified(s)}::regclass, ${backup.lastValue}::bigint, ${backup.isCalled})`
    if (s.owner) {
      const column = quoteIdent(s.owner.column)
      await tx.unsafe(
        `select setval($1::regclass, greatest((select max(${column}) from ${qualified(s.owner.table)}), (select last_value from ${qualified(s)})))
         where exists (select 1 from ${qualified(s.owner.table)})`,
        [qualified(s)],
      )
    }
  }
}

/** A section's or the trailer's line; one too long to be either reads as an empty (so unreadable) line. */
async function shortLine(lines: LineReader) {
  try {
    return await lines.next(SECTION_LIMIT)
  } catch (error) {
    if (error instanceof LineTooLongError) return Buffer.alloc(0)
    throw error
  }
}

function safeJson(line: Buffer | null): unknown {
  try {
    return line === null ? null : JSON.parse(line.toString('utf8'))
  } catch {
    return null
  }
}

const errorCode = (error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}
const isZlibError = (error: unknown) => errorCode(error)?.startsWith('Z_') ?? false

/** The operator reads which file and what is wrong with it; the database is as it was. */
function explain(error: unknown, file: string): Error {
  const name = path.basename(file)
  if (error instanceof BackupError) return new BackupError(`Nothing was restored from ${name}. ${error.message}`)
  if (error instanceof TruncatedError) return new BackupError(`Nothing was restored: ${name} is incomplete (${error.message}); the backup that wrote it failed or the copy was cut short.`)
  if (isZlibError(error)) {
    const truncated = errorCode(error) === 'Z_BUF_ERROR'
    return new BackupError(
      `Nothing was restored: ${name} is ${truncated ? 'incomplete (it ends too early)' : `not a Connection Hub backup, or it is damaged (${(error as Error).message})`}.`,
    )
  }
  if (errorCode(error) === 'ENOENT') return new BackupError(`There is no backup file ${file}.`)
  return new Error(`Nothing was restored from ${name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error })
}
