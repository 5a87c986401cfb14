import { is } from 'drizzle-orm'
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core'
import { readMigrationFiles } from 'drizzle-orm/migrator'
import type postgres from 'postgres'
import { migrationsFolder } from '../migrate'
import * as schema from '../schema/index'
import { catalogueState } from '../schema/platform'
import { actions, objectives, principles } from '../schema/vocabulary'
import { BackupError, qualified, type Migration, type TableName } from './format'

const nameOf = (table: PgTable): TableName => {
  const config = getTableConfig(table)
  return { schema: config.schema ?? 'public', table: config.name }
}

/**
 * The Hub's schemas, read from its drizzle schema. Every table in them is backed up, including any a
 * migration created in plain SQL; pg-boss's schema (`pgboss`) and drizzle's journal (`drizzle`) are not in it.
 */
export const hubSchemas = [...new Set(Object.values(schema).flatMap((value) => (is(value, PgTable) ? [nameOf(value).schema] : [])))]

/**
 * Filled by the migrations (the vocabulary by db/vocabulary/seed.ts on every run, the catalogue's first version by
 * migration 0016): a fresh database has their rows, and a restore replaces them with the backup's.
 */
export const seededTables = [objectives, actions, principles, catalogueState].map(nameOf)
export const isSeeded = (t: TableName) => seededTables.some((v) => v.schema === t.schema && v.table === t.table)

export interface TableInfo extends TableName {
  /** Every stored column in order; generated columns are left out (the server computes them again). */
  columns: string[]
  partitioned: boolean
  hasTriggers: boolean
}

/** The Hub's tables in the order a restore loads them: every table after the tables its foreign keys point at. */
export async function hubTables(sql: postgres.TransactionSql): Promise<TableInfo[]> {
  const tables = await sql<{ oid: number; schema: string; table: string; partitioned: boolean; has_triggers: boolean; columns: string[] }[]>`
    select c.oid::int as oid, n.nspname as schema, c.relname as table, c.relkind = 'p' as partitioned,
           exists (select 1 from pg_trigger t where t.tgrelid = c.oid and not t.tgisinternal) as has_triggers,
           array(select a.attname::text from pg_attribute a
                 where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
                 order by a.attnum) as columns
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and not c.relispartition and n.nspname = any(${hubSchemas})
    order by n.nspname, c.relname`
  const references = await sql<{ child: number; parent: number }[]>`
    select distinct conrelid::int as child, confrelid::int as parent from pg_constraint
    where contype = 'f' and conrelid <> confrelid and connamespace in (select oid from pg_namespace where nspname = any(${hubSchemas}))`
  const parents = new Map(tables.map((t) => [t.oid, new Set<number>()]))
  for (const r of references) parents.get(r.child)?.add(r.parent)

  const ordered: TableInfo[] = []
  const placed = new Set<number>()
  while (ordered.length < tables.length) {
    const ready = tables.filter((t) => !placed.has(t.oid) && [...parents.get(t.oid)!].every((p) => placed.has(p) || !parents.has(p)))
    if (!ready.length) {
      // Rows are loaded with foreign keys checked, one table after another; a cycle would need deferrable keys.
      const left = tables.filter((t) => !placed.has(t.oid)).map((t) => t.table)
      throw new BackupError(`The foreign keys between ${left.join(', ')} form a cycle: this backup format cannot order them.`)
    }
    for (const t of ready) {
      placed.add(t.oid)
      ordered.push({ schema: t.schema, table: t.table, columns: t.columns, partitioned: t.partitioned, hasTriggers: t.has_triggers })
    }
  }
  return ordered
}

export interface SequenceInfo extends TableName {
  /** The column whose values the sequence gives, when it belongs to one (serial and identity columns). */
  owner: { table: TableName; column: string } | null
}

export async function hubSequences(sql: postgres.TransactionSql): Promise<SequenceInfo[]> {
  const rows = await sql<{ schema: string; table: string; owner_schema: string | null; owner_table: string | null; owner_column: string | null }[]>`
    select n.nspname as schema, s.relname as table, tn.nspname as owner_schema, t.relname as owner_table, a.attname as owner_column
    from pg_class s join pg_namespace n on n.oid = s.relnamespace
    left join pg_depend d on d.classid = 'pg_class'::regclass and d.objid = s.oid and d.refclassid = 'pg_class'::regclass and d.deptype in ('a', 'i')
    left join pg_class t on t.oid = d.refobjid
    left join pg_namespace tn on tn.oid = t.relnamespace
    left join pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid
    where s.relkind = 'S' and n.nspname = any(${hubSchemas})
    order by n.nspname, s.relname`
  return rows.map((r) => ({
    schema: r.schema,
    table: r.table,
    owner: r.owner_table && r.owner_column ? { table: { schema: r.owner_schema!, table: r.owner_table }, column: r.owner_column } : null,
  }))
}

/** The migrations a database has applied, oldest first (none: it was never migrated). */
export async function appliedMigrations(sql: postgres.TransactionSql): Promise<Migration[]> {
  const [journal] = await sql<{ exists: boolean }[]>`select to_regclass('drizzle.__drizzle_migrations') is not null as exists`
  if (!journal?.exists) return []
  const rows = await sql<{ hash: string; created_at: string }[]>`select hash, created_at::text from drizzle.__drizzle_migrations order by created_at, id`
  return rows.map((r) => ({ hash: r.hash, createdAt: Number(r.created_at) }))
}

/** The migrations this code knows, oldest first, with their SQL. */
export const knownMigrations = () => readMigrationFiles({ migrationsFolder })

/** Whether `shorter` is where `longer` started: the same migrations, in the same order. */
export const isPrefix = (shorter: Migration[], longer: Migration[]) =>
  shorter.length <= longer.length && shorter.every((m, i) => m.createdAt === longer[i]!.createdAt && m.hash === longer[i]!.hash)

export const countRows = async (sql: postgres.TransactionSql, t: TableName) => {
  const [row] = await sql.unsafe<{ n: string }[]>(`select count(*)::text as n from ${qualified(t)}`)
  return Number(row!.n)
}
