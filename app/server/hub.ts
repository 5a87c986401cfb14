import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { writeBackup } from '#db/backup/write'
import { migrateDatabase } from '#db/migrate'
import { createOrUpdateUser } from '~/domain/accounts/users.server'
import { CreateUserSchema } from '~/domain/accounts/schemas'
import { restoreHub } from '~/domain/backup/restore.server'
import { describeRecord, describeReport, importData } from '~/domain/import/import.server'
import { enqueueSuggestionRefresh, matchReport } from '~/domain/matching/suggestions.server'
import { checkLedger } from '~/domain/ledger/ledger.server'
import { sendDueReminders } from '~/domain/projects/reminders.server'
import { closeDatabase, db } from '~/utils/db.server'
import { publicOrigin, resetEnvCache } from '~/utils/env.server'
import { stopJobQueue } from '~/utils/jobs.server'
import { prepareDatabase } from './database'

const usage = `Connection Hub command line

  npm run hub -- migrate
      Apply pending database migrations and refresh the GCM vocabulary.

  npm run hub -- create-user --email EMAIL --password PASSWORD [--name NAME] [--role user|secretariat|admin]
      Create a verified account (or update the password and role of an existing one).

  npm run hub -- import FILE.json [--dry-run] [--force]
      Create or update organisations, requests and offers by their \`key\`, in one transaction (for the
      format, see app/demo/hub-demo.json). An unknown field or a bad value rejects the whole file with a
      message naming the record and field, and nothing is written. Organisations are found by the import key
      the import gave them, never by slug: one created on the web keeps its name, type, country and
      verification and gets no records from the file (they are skipped, and listed), and a verification the
      secretariat decided on the web stands. --force lets the file take such organisations over.
      --dry-run writes nothing and lists every record: create, update or skip, and why.

  npm run hub -- match (--request KEY | --offer KEY) [--top N] [--kind expertise|financing] [--json]
      Compute suggestions now (whatever the background job has stored): the best offers for a request, or
      the best published requests for an offer, with their scores and reasons. KEY is the record's import
      key. --top N (default 10); --kind keeps one kind of offer; --json prints a JSON array, best first.

  npm run hub -- reminders [--date YYYY-MM-DD]
      Send the due-date reminders of projects now (the daily job does this at 06:30 UTC). Each milestone or
      report is reminded once per step (7 and 1 days before, 1, 7 and 30 days after), so running it again
      the same day sends nothing twice. --date pretends today is that day.

  npm run hub -- ledger-check
      Recompute the fund's ledger from its entries: every transaction balances per currency, every stored
      balance equals the sum of its entries, no pool or project allocation is overdrawn. Exits with 1 and
      lists the problems when anything is off.

  npm run hub -- backup --out FILE
      Write a consistent backup of the Hub's data to FILE (gzip'ed; every table, read in one snapshot while
      the Hub keeps running). It is written to FILE.tmp and renamed when complete. Does not migrate.

  npm run hub -- restore FILE
      Load a backup into an empty database (one just created, or only migrated): the schema is migrated to
      the backup's version, every row loaded, then newer migrations applied and the ledger checked, all in
      one transaction; any failure changes nothing. A database with any row of Hub data is refused.

Uses DATABASE_URL when set, otherwise the embedded database in .data/ (the same one \`npm start\` uses).
Migrations run first (except for backup and restore), so every command works on a database that was
never migrated.`

class UsageError extends Error {}

const commands: Record<string, (args: string[]) => Promise<void>> = {
  async migrate() {
    console.warn('Database is up to date.')
  },

  async 'create-user'(args) {
    const { values } = parseArgs({
      args,
      options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } },
    })
    const parsed = CreateUserSchema.safeParse({ email: values.email, password: values.password, displayName: values.name, role: values.role })
    if (!parsed.success) {
      throw new UsageError(parsed.error.issues.map((i) => `--${String(i.path[0] ?? '?')}: ${describeIssue(i.message)}`).join('\n'))
    }
    const { user, created } = await createOrUpdateUser(db, parsed.data)
    console.warn(`${created ? 'Created' : 'Updated'} ${user.email} with role ${user.platformRole}.`)
  },

  import: importCommand,
  match: matchCommand,
  backup: backupCommand,
  restore: restoreCommand,

  async reminders(args) {
    const { values } = parseArgs({ args, options: { date: { type: 'string' } } })
    if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) throw new UsageError('--date takes a date as YYYY-MM-DD.')
    const sent = await sendDueReminders(db, publicOrigin(), values.date)
    console.warn(`Sent ${sent} reminder${sent === 1 ? '' : 's'}.`)
  },

  async 'ledger-check'() {
    const { transactions, entries, problems } = await checkLedger(db)
    if (problems.length) {
      // Thrown, so main() reports it and exits with 1 once the database is closed.
      const heading = `Ledger check FAILED: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${transactions} transactions, ${entries} entries.`
      throw new Error([heading, ...problems.map((p) => `  ${p.kind}: ${p.detail}`)].join('\n'))
    }
    console.warn(`Ledger check passed: ${transactions} transactions, ${entries} entries, every balance equals its entries.`)
  },
}

async function matchCommand(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { request: { type: 'string' }, offer: { type: 'string' }, top: { type: 'string' }, kind: { type: 'string' }, json: { type: 'boolean' } },
  })
  if (positionals.length || (values.request === undefined) === (values.offer === undefined)) {
    throw new UsageError('match takes either --request KEY or --offer KEY.')
  }
  const top = Number(values.top ?? 10)
  if (!Number.isInteger(top) || top < 1 || top > 1000) throw new UsageError('--top takes a whole number from 1 to 1000.')
  if (values.kind !== undefined && (values.offer !== undefined || (values.kind !== 'expertise' && values.kind !== 'financing'))) {
    throw new UsageError('--kind (expertise or financing) goes with --request.')
  }
  const target = values.request !== undefined ? { request: values.request } : { offer: values.offer! }
  const rows = await matchReport(db, target, { top, kind: values.kind })
  if (values.json) {
    process.stdout.write(`${JSON.stringify(rows.map(({ kind: _kind, ...row }) => row))}\n`)
    return
  }
  const side = 'request' in target ? 'offer' : 'request'
  const lines = rows.map((row, i) => `${String(i + 1).padStart(3)}  ${row.score.toFixed(3)}  ${row[side]}${row.kind ? ` (${row.kind})` : ''}\n${row.reasons.map((r) => `          ${r}`).join('\n')}`)
  process.stdout.write(`${rows.length ? lines.join('\n') : `No ${side} passes the hard filters.`}\n`)
}

const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(bytes < 10_000_000 ? 2 : 0)} MB`
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

async function backupCommand(args: string[]) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' } } })
  if (!values.out || positionals.length) throw new UsageError('backup takes --out FILE.')
  const s = await writeBackup(process.env.DATABASE_URL!, values.out)
  console.warn(`Backed up ${plural(s.tables, 'table')}, ${plural(s.rows, 'row')} to ${s.file} (${megabytes(s.bytes)}) in ${s.seconds.toFixed(1)} s.`)
}

async function restoreCommand(args: string[]) {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} })
  const [file, ...extra] = positionals
  if (!file || extra.length) throw new UsageError('restore takes exactly one FILE.')
  const url = process.env.DATABASE_URL!
  const s = await restoreHub(url, file, {
    onTable: (t) => t.seconds >= 1 && console.warn(`  ${t.table}: ${plural(t.rows, 'row')} in ${t.seconds.toFixed(1)} s`),
  })
  // Refreshes the vocabulary from the code, as every start does (the backup's may be older).
  await migrateDatabase(url)
  const { ledgerTransactions, ledgerEntries, emailsQueued } = s.checked
  console.warn(
    [
      `Restored ${plural(s.tables, 'table')}, ${plural(s.rows, 'row')} from ${s.file} (backup of ${s.createdAt}) in ${s.seconds.toFixed(1)} s.`,
      s.migratedAfter ? `Applied ${plural(s.migratedAfter, 'newer migration')} after loading.` : '',
      `Ledger check passed: ${ledgerTransactions} transactions, ${ledgerEntries} entries. ${plural(emailsQueued, 'waiting email')} queued for delivery again.`,
    ]
      .filter(Boolean)
      .join('\n'),
  )
}

async function importCommand(args: string[]) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'dry-run': { type: 'boolean' }, force: { type: 'boolean' } } })
  const [file, ...extra] = positionals
  if (!file || extra.length) throw new UsageError('import takes exactly one FILE.json.')
  let data: unknown
  try {
    data = JSON.parse(await readFile(file, 'utf8'))
  } catch (error) {
    throw new Error(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`)
  }
  const dryRun = values['dry-run'] ?? false
  const started = performance.now()
  const report = await importData(db, data, { dryRun, force: values.force ?? false })
  // A dry run lists every record; a real one the records it left alone, which someone should know about.
  for (const record of report.records) if (dryRun || record.action === 'skip') console.warn(describeRecord(record))
  // Suggestions are stored, not computed per page: queue a full refresh for the running Hub's workers.
  if (!dryRun) await enqueueSuggestionRefresh(db, { all: true })
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  console.warn(`${dryRun ? 'Checked (dry run, nothing written)' : 'Imported'} ${file} in ${seconds} s: ${describeReport(report)}.`)
}

const messages: Record<string, string> = {
  'validation.required': 'is required',
  'validation.email': 'is not an email address',
  'validation.passwordTooShort': 'needs at least 10 characters',
  'validation.tooLong': 'is too long',
  'validation.noLinksInName': 'cannot contain a web or email address',
  'validation.noLineBreaksInName': 'must be one line, without tabs or control characters',
}
const describeIssue = (key: string) => messages[key] ?? key

async function main() {
  const [name, ...args] = process.argv.slice(2)
  const command = name ? commands[name] : undefined
  if (!command) {
    console.warn(usage)
    process.exit(name && name !== 'help' && name !== '--help' ? 2 : 0)
  }
  // A command only sends jobs (a refresh after an import, mail after a restore): the Hub's workers run them. As a
  // web process, its job queue starts no cron monitor or maintenance of its own.
  process.env.HUB_ROLE = 'web'
  const database = await prepareDatabase((line) => console.warn(line), { migrate: name !== 'backup' && name !== 'restore' })
  resetEnvCache()
  try {
    await command(args)
  } finally {
    await stopJobQueue()
    await closeDatabase()
    await database.embedded?.stop()
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof UsageError ? `${error.message}\n\n${usage}` : error instanceof Error ? error.message : error)
  process.exit(error instanceof UsageError ? 2 : 1)
})
