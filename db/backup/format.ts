import { z } from 'zod'

/**
 * A backup file is gzip'ed text, written and read as a stream:
 *
 *   {"format":"connection-hub-backup","version":1,…}      the header: schema version, tables and row counts
 *   {"schema":"public","table":"users"}                    one section per table, parents before children:
 *   <rows in COPY text format, one per line>                 every type round-trips exactly in this format
 *   \.                                                      end of the table's rows (as in pg_dump's files)
 *   …
 *   {"end":true,"tables":43,"rows":12345}                  the trailer: a file without it was cut short
 */
export const BACKUP_FORMAT = 'connection-hub-backup'
export const BACKUP_FORMAT_VERSION = 1
/** COPY's own end-of-data line: inside rows a backslash is always escaped, so no row can look like it. */
export const END_OF_ROWS = '\\.'

/**
 * COPY writes dates, times, intervals, floats and bytea as the session's settings say: both sides pin them, so
 * a backup reads back the same whatever the server's defaults (pg_dump does the same).
 */
export const COPY_SETTINGS = [
  "set local datestyle = 'ISO, YMD'",
  "set local timezone = 'UTC'",
  "set local intervalstyle = 'postgres'",
  'set local extra_float_digits = 3',
  "set local bytea_output = 'hex'",
  "set local client_encoding = 'UTF8'",
  // A long backup or restore is one transaction: a server-wide timeout must not cut it.
  'set local statement_timeout = 0',
  'set local idle_in_transaction_session_timeout = 0',
].join(';\n')

const identifier = z.string().min(1).max(63)

export const MigrationSchema = z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/), createdAt: z.number().int().nonnegative() })
export type Migration = z.infer<typeof MigrationSchema>

export const TableSectionSchema = z.object({ schema: identifier, table: identifier }).strict()
export type TableName = z.infer<typeof TableSectionSchema>

export const BackupHeaderSchema = z
  .object({
    format: z.literal(BACKUP_FORMAT),
    version: z.literal(BACKUP_FORMAT_VERSION),
    createdAt: z.iso.datetime(),
    server: z.string(),
    /** drizzle's migrations journal: which migrations made the schema the rows belong to, in order. */
    migrations: z.array(MigrationSchema).min(1),
    tables: z.array(TableSectionSchema.extend({ columns: z.array(identifier).min(1), rows: z.number().int().nonnegative() })),
    sequences: z.array(TableSectionSchema.extend({ lastValue: z.string().regex(/^-?\d{1,19}$/), isCalled: z.boolean() })),
  })
  .strict()
export type BackupHeader = z.infer<typeof BackupHeaderSchema>

export const TrailerSchema = z.object({ end: z.literal(true), tables: z.number().int(), rows: z.number().int() }).strict()

/** A backup or restore that stopped with a reason meant for the operator; nothing was written or changed. */
export class BackupError extends Error {}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`
export const qualified = (t: TableName) => `${quoteIdent(t.schema)}.${quoteIdent(t.table)}`
export const displayName = (t: TableName) => (t.schema === 'public' ? t.table : `${t.schema}.${t.table}`)
