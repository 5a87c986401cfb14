import { randomUUID } from 'node:crypto'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/postgres-js'
import { migrate } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { ContributionId } from '#db/schema/index'
import { migrationsFolder } from '#db/migrate'
import { recordPledge, recordPledgeReceipt } from '~/domain/fund/contributions.server'
import { PledgeSchema } from '~/domain/fund/schemas'
import { db } from '~/utils/db.server'
import { queueEmail } from '~/utils/email.server'
import { createUser, projectOrigin, verifiedParty } from '../factories'
import { runHub } from '../support/hub-cli'
import { migrationsOf, newDatabase, tableChecksums } from './backup-support'

// Each command is a child process (tsx compiling the CLI), which takes a while on a busy machine.
const slow = { timeout: 900_000 }

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hub-backup-cli-'))
})
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('npm run hub -- backup / restore', () => {
  test('backs up the database of DATABASE_URL and restores it into a new, empty one; a second restore is refused', slow, async () => {
    const donor = await verifiedParty('philanthropy')
    const secretariat = (await createUser({ role: 'secretariat' })).actor
    const pledge = PledgeSchema.parse({ amount: 1000, currency: 'EUR', earmark: 'objective', objective: 6, organizationId: donor.org.id, token: randomUUID() })
    const id = (await recordPledge(db, donor.member, pledge, projectOrigin)) as ContributionId
    await recordPledgeReceipt(db, secretariat, id, { receivedOn: '2030-01-15', amount: 1000, usdAmount: 1080, reference: 'CLI-BACKUP-1' })
    await db.transaction((tx) => queueEmail(tx, { kind: 'security', to: 'someone@example.test', subject: 'Waiting', text: 'Still waiting', template: 'test' }))
    const [waiting] = await db.execute<{ n: number }>(sql`select count(*)::int as n from email_outbox where status = 'queued'`)
    expect(waiting!.n).toBeGreaterThan(1)
    const file = path.join(dir, 'hub.backup.gz')

    const usage = await runHub(['backup'])
    expect(usage.output).toMatch(/backup takes --out FILE/)
    expect(usage.code).toBe(2)

    const backup = await runHub(['backup', '--out', file])
    expect(backup.output).toMatch(/^Backed up \d+ tables, \d+ rows to .*hub\.backup\.gz \([\d.]+ MB\) in [\d.]+ s\.$/m)
    expect(backup.code).toBe(0)

    // A database just created: no schema at all. The restore migrates it itself.
    const target = await newDatabase('empty')
    const restore = await runHub(['restore', file], { DATABASE_URL: target })
    expect(restore.output).toMatch(/^Restored \d+ tables, \d+ rows from .*hub\.backup\.gz \(backup of [\d-]+T[\d:.]+Z\) in [\d.]+ s\.$/m)
    expect(restore.output).toMatch(new RegExp(`^Ledger check passed: 1 transactions, 2 entries\\. ${waiting!.n} waiting emails queued for delivery again\\.$`, 'm'))
    expect(restore.code).toBe(0)
    expect(await tableChecksums(target)).toEqual(await tableChecksums(process.env.DATABASE_URL!))

    const before = await tableChecksums(target)
    const again = await runHub(['restore', file], { DATABASE_URL: target })
    expect(again.output).toMatch(/Nothing was restored from hub\.backup\.gz\. The database is not empty \(rows in .*\): a restore only fills an empty database\./)
    expect(again.code).toBe(1)
    expect(await tableChecksums(target)).toEqual(before)
  })

  test('a backup from an older version of the Hub is loaded into that schema, then the newer migrations run over its rows', slow, async () => {
    // A database from before migration 0015, as an older Hub left it: 0015 gives organisations an import key,
    // taken from the audit log for those the import created.
    const older = path.join(dir, 'older-migrations')
    await cp(migrationsFolder, older, { recursive: true })
    const journalFile = path.join(older, 'meta', '_journal.json')
    const journal = JSON.parse(await readFile(journalFile, 'utf8')) as { entries: { tag: string }[] }
    const behind = journal.entries.findIndex((entry) => entry.tag === '0015_sec_orgs')
    const newer = journal.entries.length - behind
    await writeFile(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, behind) }))
    const source = await newDatabase('empty')
    const client = postgres(source, { max: 1, onnotice: () => {} })
    try {
      await migrate(drizzle(client), { migrationsFolder: older })
      const [org] = await client<{ id: string }[]>`
        insert into organizations (slug, name, type, country) values ('older-ministry', 'Older Ministry', 'state', 'KEN') returning id`
      await client`insert into audit_log (action, entity_type, entity_id) values ('import.created', 'organization', ${org!.id})`
    } finally {
      await client.end({ timeout: 5 })
    }
    const file = path.join(dir, 'older.backup.gz')
    const backup = await runHub(['backup', '--out', file], { DATABASE_URL: source })
    expect(backup.code, backup.output).toBe(0)
    // A backup never migrates the database it reads.
    expect(await migrationsOf(source)).toBe(behind)

    const target = await newDatabase('empty')
    const restore = await runHub(['restore', file], { DATABASE_URL: target })
    expect(restore.output).toMatch(new RegExp(`^Applied ${newer} newer migrations? after loading\\.$`, 'm'))
    expect(restore.code, restore.output).toBe(0)
    expect(await migrationsOf(target)).toBe(journal.entries.length)
    const check = postgres(target, { max: 1, onnotice: () => {} })
    try {
      expect(await check`select slug, import_key, version from organizations`).toEqual([{ slug: 'older-ministry', import_key: 'older-ministry', version: 1 }])
    } finally {
      await check.end({ timeout: 5 })
    }
  })
})
