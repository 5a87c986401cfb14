import { randomUUID } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { writeBackup, type BackupSummary } from '#db/backup/write'
import type { ContributionId } from '#db/schema/index'
import { loadDemoDataIfWanted } from '~/demo/load'
import { restoreHub } from '~/domain/backup/restore.server'
import { recordPledge, recordPledgeReceipt } from '~/domain/fund/contributions.server'
import { PledgeSchema } from '~/domain/fund/schemas'
import { checkLedger } from '~/domain/ledger/ledger.server'
import { createDatabase as connect, db } from '~/utils/db.server'
import { queueEmail } from '~/utils/email.server'
import { createUser, projectOrigin, verifiedParty } from '../factories'
import { alterFirstRow, backupLines, newDatabase, tableChecksums, writeBackupLines } from './backup-support'

// Awkward text for COPY's escaping: a tab, a newline, a backslash, a lone "\." line, quotes, Arabic and Chinese.
const awkward = 'Tab\there, line\nbreak, back\\slash,\n\\.\n"quoted" \'single\' — مرحبا 你好'

let dir: string
let file: string
let backup: BackupSummary
/** The source's tables as the backup saw them (a later test changes the source). */
let sourceSums: Record<string, string>
const sourceUrl = () => process.env.DATABASE_URL!

beforeAll(async () => {
  // The demo: organisations, requests, offers, seven projects at every stage, the fund and its ledger.
  expect(await loadDemoDataIfWanted(db, { embedded: true, setting: 'auto', log: () => {} })).toBe(true)
  await db.transaction(async (tx) => {
    await queueEmail(tx, { kind: 'security', to: 'waiting@example.test', subject: awkward, text: awkward, template: 'test' })
    await queueEmail(tx, { kind: 'security', to: 'waiting.too@example.test', subject: 'Second', text: 'Waits as well', template: 'test' })
  })
  dir = await mkdtemp(path.join(tmpdir(), 'hub-backup-'))
  file = path.join(dir, 'hub.backup.gz')
  backup = await writeBackup(sourceUrl(), file)
  sourceSums = await tableChecksums(sourceUrl())
}, 600_000)

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('backup', () => {
  test('writes every table of the database in one file, readable only by its owner, and no partial file', async () => {
    expect(backup.tables).toBe(Object.keys(sourceSums).length)
    expect(backup.rows).toBe(Object.values(sourceSums).reduce((n, s) => n + Number(s.split(' ')[0]), 0))
    expect(backup.bytes).toBe((await stat(file)).size)
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    expect((await readdir(path.dirname(file))).filter((name) => name.endsWith('.partial'))).toEqual([])
    const [header] = await backupLines(file)
    expect(JSON.parse(header!)).toMatchObject({ format: 'connection-hub-backup', version: 1, migrations: expect.any(Array) })
  })

  test('is one moment of a database that keeps changing: money received meanwhile is all in it or not at all', { timeout: 600_000 }, async () => {
    const secretariat = (await createUser({ role: 'secretariat' })).actor
    const before = (await checkLedger(db)).transactions
    // Each receipt is one ledger transaction that moves entries and two balances, tables the backup reads apart.
    // (A new donor each time: a donor may record only a few pledges an hour.)
    let writing = true
    let received = 0
    let failure: unknown
    const writer = (async () => {
      while (writing) {
        const donor = await verifiedParty('philanthropy')
        const pledge = PledgeSchema.parse({ amount: 100, currency: 'USD', earmark: 'fund', organizationId: donor.org.id, token: randomUUID() })
        const id = (await recordPledge(db, donor.member, pledge, projectOrigin)) as ContributionId
        await recordPledgeReceipt(db, secretariat, id, { receivedOn: '2030-02-01', amount: 100, usdAmount: 100, reference: `BUSY-${received}` })
        received++
      }
    })().catch((error: unknown) => (failure = error))
    const busy = path.join(dir, 'busy.gz')
    try {
      while (received < 2 && !failure) await new Promise((resolve) => setTimeout(resolve, 50))
      await writeBackup(sourceUrl(), busy)
    } finally {
      writing = false
      await writer
    }
    expect(failure).toBeUndefined()
    // The restore runs the ledger check: a balance read at another moment than its entries would fail it.
    const restored = await restoreHub(await newDatabase('template'), busy)
    expect(restored.checked.ledgerTransactions).toBeGreaterThanOrEqual(before + 2)
    expect(restored.checked.ledgerTransactions).toBeLessThanOrEqual(before + received)
  })

  test('of a database that was never migrated is refused, and leaves no file', async () => {
    const empty = await newDatabase('empty')
    const out = path.join(dir, 'nothing.gz')
    await expect(writeBackup(empty, out)).rejects.toThrow(/holds no Connection Hub data: it was never migrated/)
    await expect(stat(out)).rejects.toThrow(/ENOENT/)
    expect((await readdir(dir)).filter((name) => name.startsWith('nothing.gz'))).toEqual([])
  })
})

describe('restore', () => {
  let target: string
  beforeAll(async () => {
    target = await newDatabase('template')
  }, 60_000)

  test('loads a backup into a fresh database: every table has the same rows, the ledger checks, waiting mail is queued again', { timeout: 300_000 }, async () => {
    const restored = await restoreHub(target, file)
    expect(restored).toMatchObject({ tables: backup.tables, rows: backup.rows, migratedAfter: 0 })
    expect(await tableChecksums(target)).toEqual(sourceSums)

    const { db: targetDb, client } = connect(target, { max: 1 })
    try {
      const ledger = await checkLedger(targetDb)
      expect(ledger.problems).toEqual([])
      expect(ledger.transactions).toBeGreaterThan(10)
      expect(restored.checked).toMatchObject({ ledgerTransactions: ledger.transactions, emailsQueued: 2 })
      // The awkward text came back byte for byte.
      const [mail] = await client<{ subject: string; text_body: string }[]>`select subject, text_body from email_outbox where to_address = 'waiting@example.test'`
      expect(mail).toEqual({ subject: awkward, text_body: awkward })
      // pg-boss's jobs are not in a backup: the outbox is, and its waiting mail was queued again.
      const jobs = await client<{ name: string; n: number }[]>`select name, count(*)::int as n from pgboss.job where state = 'created' group by name order by name`
      expect(jobs).toEqual([
        { name: 'email.send', n: 2 },
        { name: 'matching.refresh', n: 1 },
      ])
      // Sequences go on after the restored rows: a new audit entry takes a new id.
      const [ids] = await client<{ max: string; next: string }[]>`select (select max(id) from audit_log)::text as max, nextval('audit_log_id_seq')::text as next`
      expect(BigInt(ids!.next)).toBeGreaterThan(BigInt(ids!.max))
    } finally {
      await client.end({ timeout: 5 })
    }
  })

  test('refuses a database that is not empty, naming its tables, and changes nothing', { timeout: 300_000 }, async () => {
    const before = await tableChecksums(target)
    await expect(restoreHub(target, file)).rejects.toThrow(/Nothing was restored from hub\.backup\.gz\. The database is not empty \(rows in .*users.*\)/)
    expect(await tableChecksums(target)).toEqual(before)
  })

  test('refuses one row of Hub data anywhere, even in a table the Hub fills by itself', { timeout: 300_000 }, async () => {
    const fresh = await newDatabase('template')
    const sql = postgres(fresh, { max: 1, onnotice: () => {} })
    try {
      await sql`insert into rate_limits (key, hits) values ('login:ip:127.0.0.1', 1)`
    } finally {
      await sql.end({ timeout: 5 })
    }
    const before = await tableChecksums(fresh)
    await expect(restoreHub(fresh, file)).rejects.toThrow(/The database is not empty \(rows in rate_limits\)/)
    expect(await tableChecksums(fresh)).toEqual(before)
  })

  describe('a file that is not a whole backup is refused with a clear message, and changes nothing', () => {
    async function refused(name: string, content: Buffer | string[], message: RegExp) {
      const damaged = path.join(dir, name)
      if (Array.isArray(content)) await writeBackupLines(damaged, content)
      else await writeFile(damaged, content)
      const fresh = await newDatabase('template')
      const before = await tableChecksums(fresh)
      await expect(restoreHub(fresh, damaged)).rejects.toThrow(message)
      expect(await tableChecksums(fresh)).toEqual(before)
    }

    test('cut short', { timeout: 300_000 }, async () => {
      const whole = await readFile(file)
      await refused('cut.gz', whole.subarray(0, Math.floor(whole.length * 0.6)), /Nothing was restored: cut\.gz is incomplete/)
    })

    test('cut short at a line: the last line is missing', { timeout: 300_000 }, async () => {
      const lines = await backupLines(file)
      await refused('no-trailer.gz', lines.slice(0, -2).concat(''), /Nothing was restored: no-trailer\.gz is incomplete \(its last line, which closes every complete backup, is missing\)/)
    })

    test('not gzip, or not a backup', { timeout: 300_000 }, async () => {
      await refused('notes.txt', Buffer.from('These are not the rows you are looking for.\n'), /notes\.txt is not a Connection Hub backup, or it is damaged/)
      await refused('other.gz', ['{"format":"something-else"}', ''], /It is not a Connection Hub backup: its header does not read/)
      await refused('one-long-line.gz', ['x'.repeat(3_000_000)], /It is not a Connection Hub backup: its first line is not a backup header/)
    })

    test('a row the database refuses (a foreign key to nothing)', { timeout: 300_000 }, async () => {
      const lines = alterFirstRow(await backupLines(file), 'ledger_entries', 'transaction_id', randomUUID())
      await refused('orphan.gz', lines, /Table ledger_entries was refused: insert or update on table "ledger_entries" violates foreign key constraint/)
    })

    test('rows that do not add up to the header', { timeout: 300_000 }, async () => {
      const lines = await backupLines(file)
      const header = JSON.parse(lines[0]!) as { tables: { table: string; rows: number }[] }
      header.tables.find((t) => t.table === 'requests')!.rows += 1
      await refused('miscounted.gz', lines.with(0, JSON.stringify(header)), /its header says \d+ rows of requests, its data has \d+/)
    })

    test('a ledger that does not balance', { timeout: 300_000 }, async () => {
      const lines = await backupLines(file)
      const header = JSON.parse(lines[0]!) as { tables: { table: string; columns: string[] }[] }
      const column = header.tables.find((t) => t.table === 'ledger_balances')!.columns.indexOf('balance')
      const at = lines.indexOf(JSON.stringify({ schema: 'public', table: 'ledger_balances' })) + 1
      const fields = lines[at]!.split('\t')
      fields[column] = String(Number(fields[column]) + 1)
      await refused('unbalanced.gz', lines.with(at, fields.join('\t')), /The restored ledger does not check \(1 problem; balance_mismatch: /)
    })

    test('a backup from a newer version of the Hub', { timeout: 300_000 }, async () => {
      const lines = await backupLines(file)
      const header = JSON.parse(lines[0]!) as { migrations: { hash: string; createdAt: number }[] }
      header.migrations.push({ hash: 'f'.repeat(64), createdAt: 4_102_444_800_000 })
      await refused('newer.gz', lines.with(0, JSON.stringify(header)), /comes from a newer or different version of the Hub: its migration \d+ \(4102444800000\) is not one this code knows/)
    })
  })
})
