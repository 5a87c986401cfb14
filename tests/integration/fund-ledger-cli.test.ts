import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import type { ContributionId } from '#db/schema/index'
import { recordPledge, recordPledgeReceipt } from '~/domain/fund/contributions.server'
import { PledgeSchema } from '~/domain/fund/schemas'
import { db } from '~/utils/db.server'
import { createUser, projectOrigin, verifiedParty } from '../factories'
import { runHub } from '../support/hub-cli'

const ledgerCheck = () => runHub(['ledger-check'])

describe('npm run hub -- ledger-check', () => {
  test('passes on a consistent ledger; exits 1 naming the account when a stored balance differs from its entries', { timeout: 120_000 }, async () => {
    const donor = await verifiedParty('philanthropy')
    const secretariat = (await createUser({ role: 'secretariat' })).actor
    const pledge = PledgeSchema.parse({ amount: 1000, currency: 'EUR', earmark: 'objective', objective: 6, organizationId: donor.org.id, token: randomUUID() })
    const id = (await recordPledge(db, donor.member, pledge, projectOrigin)) as ContributionId
    await recordPledgeReceipt(db, secretariat, id, { receivedOn: '2030-01-15', amount: 1000, usdAmount: 1080, reference: 'CLI-TEST-1' })

    const ok = await ledgerCheck()
    expect(ok.output).toMatch(/Ledger check passed: 1 transactions, 2 entries/)
    expect(ok.code).toBe(0)

    // Tamper with a stored balance behind the triggers' back (a superuser can; the application cannot).
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`)
      await tx.execute(sql`update ledger_balances set balance = balance + 1 where account = 'fund:objective:6'`)
    })
    const broken = await ledgerCheck()
    expect(broken.output).toMatch(/Ledger check FAILED/)
    expect(broken.output).toMatch(/balance_mismatch: fund:objective:6 USD: stored 108001, entries 108000/)
    expect(broken.code).toBe(1)
  })
})
