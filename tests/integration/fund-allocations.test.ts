import { randomUUID } from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { allocations, ledgerEntries, ledgerTransactions, projects, tranches, type AllocationId, type ContributionId, type ProjectId } from '#db/schema/index'
import type { SessionUser } from '~/domain/accounts/sessions.server'
import { DomainError } from '~/domain/errors'
import { allocate, reverseAllocation } from '~/domain/fund/allocations.server'
import { releaseTranches } from '~/domain/projects/funding.server'
import { allocationsWithTranches, fundAlerts, fundPools, pendingPledges } from '~/domain/fund/console.server'
import { recordPledge, recordPledgeReceipt } from '~/domain/fund/contributions.server'
import { accounts, balanceOf, checkLedger, post } from '~/domain/ledger/ledger.server'
import { AllocationSchema, PledgeSchema } from '~/domain/fund/schemas'
import { publishProject } from '~/domain/projects/projects.server'
import { reviewMilestone } from '~/domain/projects/workplan.server'
import { db } from '~/utils/db.server'
import { activeProject, approveTestMilestone, createUser, projectOrigin, submitTestMilestone, verifiedParty, type ActiveProject } from '../factories'
import { expectDatabaseError, expectDomainError } from './support'

const cents = (usd: number) => usd * 100

/** Money reaches a pool the real way: a donor pledges, then the secretariat records the bank transfer. */
async function fundPool(secretariat: SessionUser, usd: number, earmark: { objective?: number; projectId?: string } = {}) {
  const donor = (await createUser()).actor
  const pledge = PledgeSchema.parse({
    amount: usd,
    currency: 'USD',
    earmark: earmark.objective ? 'objective' : earmark.projectId ? 'project' : 'fund',
    objective: earmark.objective,
    projectId: earmark.projectId,
    token: randomUUID(),
  })
  const contributionId = (await recordPledge(db, donor, pledge, projectOrigin)) as ContributionId
  await recordPledgeReceipt(db, secretariat, contributionId, { receivedOn: '2030-01-15', amount: usd, usdAmount: usd, reference: `BANK-${contributionId.slice(0, 8)}` })
}

const allocation = (project: ActiveProject, pool: string, amountUsd: number, tranchesUsd: number[] = []) =>
  AllocationSchema.parse({ projectId: project.projectId, pool, amountUsd, tranches: tranchesUsd.map((amount, i) => ({ milestoneId: project.milestoneIds[i], amountUsd: amount })) })

async function objectivesOf(projectId: ProjectId) {
  const [row] = await db.select({ objectives: projects.objectives }).from(projects).where(eq(projects.id, projectId))
  return row?.objectives ?? []
}

async function statusOf(allocationId: AllocationId) {
  const [row] = await db.select({ status: allocations.status }).from(allocations).where(eq(allocations.id, allocationId))
  return row?.status
}

const disbursementsFor = (milestoneId: string) =>
  db.select().from(ledgerTransactions).where(and(eq(ledgerTransactions.kind, 'disbursement'), eq(ledgerTransactions.milestoneId, milestoneId as never)))

afterEach(async () => {
  const { problems } = await checkLedger(db)
  expect(problems).toEqual([])
})

describe('allocations under concurrency', () => {
  it('lets exactly 5 of 20 concurrent allocations of 100 USD through a pool of 500 USD, never overdrawing it', async () => {
    const project = await activeProject()
    await publishProject(db, project.secretariat, project.projectId, true)
    await fundPool(project.secretariat, 500, { projectId: project.projectId })
    const pool = accounts.projectPool(project.projectId)
    expect(await balanceOf(db, pool)).toBe(cents(500))

    // Watch the pool's balance while the allocations race.
    let racing = true
    const seen: number[] = []
    const watcher = (async () => {
      while (racing) seen.push(await balanceOf(db, pool))
    })()
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => allocate(db, project.secretariat, allocation(project, pool, 100), projectOrigin)))
    racing = false
    await watcher

    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []))
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5)
    expect(refused).toHaveLength(15)
    for (const reason of refused) {
      expect(reason).toBeInstanceOf(DomainError)
      expect((reason as DomainError).code).toBe('fund.insufficient')
      expect((reason as DomainError).status).toBe(409)
    }
    expect(await balanceOf(db, pool)).toBe(0)
    expect(seen.length).toBeGreaterThan(0)
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(0)
    expect(await balanceOf(db, accounts.allocated(project.projectId))).toBe(cents(500))
    expect(await db.select().from(allocations).where(eq(allocations.projectId, project.projectId))).toHaveLength(5)
  })
})

describe('earmarks', () => {
  it('lets an objective pool fund only projects with that objective', async () => {
    const project = await activeProject()
    const own = (await objectivesOf(project.projectId))[0]
    const foreign = [1, 2, 3, 4, 5].find((n) => !(own !== undefined && n === own))
    if (own === undefined || foreign === undefined) throw new Error('the test project has no objective')
    await fundPool(project.secretariat, 100, { objective: foreign })
    await fundPool(project.secretariat, 100, { objective: own })

    await expectDomainError(allocate(db, project.secretariat, allocation(project, accounts.objectivePool(foreign), 50), projectOrigin), { status: 400, code: 'fund.poolNotForProject' })
    await allocate(db, project.secretariat, allocation(project, accounts.objectivePool(own), 50), projectOrigin)
    expect(await balanceOf(db, accounts.allocated(project.projectId))).toBe(cents(50))
  })

  it('lets a project pool fund only its own project', async () => {
    const [earmarked, other] = [await activeProject(), await activeProject()]
    await publishProject(db, earmarked.secretariat, earmarked.projectId, true)
    await fundPool(earmarked.secretariat, 300, { projectId: earmarked.projectId })
    const pool = accounts.projectPool(earmarked.projectId)

    await expectDomainError(allocate(db, other.secretariat, allocation(other, pool, 100), projectOrigin), { status: 400, code: 'fund.poolNotForProject' })
    expect(await balanceOf(db, pool)).toBe(cents(300))
    await allocate(db, earmarked.secretariat, allocation(earmarked, pool, 100), projectOrigin)
    expect(await balanceOf(db, pool)).toBe(cents(200))
  })

  it('refuses a pool that does not exist for anyone', async () => {
    const project = await activeProject()
    await expectDomainError(allocate(db, project.secretariat, allocation(project, accounts.projectPool(randomUUID()), 10), projectOrigin), { status: 400, code: 'fund.poolNotForProject' })
  })
})

describe('tranches and disbursements', () => {
  it('releases a tranche when the secretariat approves its milestone, once', async () => {
    const project = await activeProject()
    await fundPool(project.secretariat, 1000)
    const [first, second] = project.milestoneIds
    if (!first || !second) throw new Error('two milestones expected')
    const allocationId = (await allocate(db, project.secretariat, allocation(project, accounts.unallocated, 1000, [400, 600]), projectOrigin)) as AllocationId
    expect(await statusOf(allocationId)).toBe('approved')

    await approveTestMilestone(project, first)
    const [disbursement, ...extra] = await disbursementsFor(first)
    expect(extra).toEqual([])
    const [tranche] = await db.select().from(tranches).where(and(eq(tranches.allocationId, allocationId), eq(tranches.milestoneId, first)))
    expect(tranche?.disbursementId).toBe(disbursement?.id)
    expect(tranche?.reference).toMatch(/^DSB-\d{4}-[0-9A-F]{8}$/)
    // The public ledger carries the same reference as the tranche.
    expect(disbursement?.reference).toBe(tranche?.reference)
    expect(tranche?.disbursedAt).toBeInstanceOf(Date)
    expect(await balanceOf(db, accounts.disbursed(project.projectId))).toBe(cents(400))
    expect(await balanceOf(db, accounts.allocated(project.projectId))).toBe(cents(600))
    expect(await statusOf(allocationId)).toBe('disbursing')

    // Approving again is refused, and releasing again finds nothing left to release.
    await expectDomainError(reviewMilestone(db, { user: project.secretariat, projectId: project.projectId, milestoneId: first, input: { decision: 'approve' }, origin: projectOrigin }), { status: 409 })
    expect(await db.transaction((tx) => releaseTranches(tx, project.secretariat.id, first))).toEqual([])
    expect(await disbursementsFor(first)).toHaveLength(1)

    // Two approvals racing on the second milestone: one wins, its tranche is paid once.
    await submitTestMilestone(project, second)
    const approvals = await Promise.allSettled([1, 2].map(() => reviewMilestone(db, { user: project.secretariat, projectId: project.projectId, milestoneId: second, input: { decision: 'approve' }, origin: projectOrigin })))
    expect(approvals.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(await disbursementsFor(second)).toHaveLength(1)
    expect(await balanceOf(db, accounts.disbursed(project.projectId))).toBe(cents(1000))
    expect(await balanceOf(db, accounts.allocated(project.projectId))).toBe(0)
    expect(await statusOf(allocationId)).toBe('closed')
  })
})

describe('reversals', () => {
  it('returns only the undisbursed remainder to the pool, once', async () => {
    const project = await activeProject()
    await publishProject(db, project.secretariat, project.projectId, true)
    await fundPool(project.secretariat, 1000, { projectId: project.projectId })
    const pool = accounts.projectPool(project.projectId)
    const [first, second] = project.milestoneIds
    if (!first || !second) throw new Error('two milestones expected')
    const allocationId = (await allocate(db, project.secretariat, allocation(project, pool, 1000, [300, 200]), projectOrigin)) as AllocationId
    await approveTestMilestone(project, first)
    expect(await balanceOf(db, pool)).toBe(0)

    expect(await reverseAllocation(db, project.secretariat, allocationId, 'The project was scaled down.')).toBe(cents(700))
    expect(await balanceOf(db, pool)).toBe(cents(700))
    expect(await balanceOf(db, accounts.allocated(project.projectId))).toBe(0)
    expect(await balanceOf(db, accounts.disbursed(project.projectId))).toBe(cents(300))
    expect(await statusOf(allocationId)).toBe('reversed')

    await expectDomainError(reverseAllocation(db, project.secretariat, allocationId, 'Reversing it twice.'), { status: 409, code: 'fund.allocationSettled' })
    expect(await balanceOf(db, pool)).toBe(cents(700))

    // The reversed allocation's remaining tranche is not paid when its milestone is approved.
    await approveTestMilestone(project, second)
    expect(await disbursementsFor(second)).toHaveLength(0)
    expect(await balanceOf(db, accounts.disbursed(project.projectId))).toBe(cents(300))
  })

  it('is for the secretariat only', async () => {
    const project = await activeProject()
    await fundPool(project.secretariat, 100)
    const allocationId = (await allocate(db, project.secretariat, allocation(project, accounts.unallocated, 100), projectOrigin)) as AllocationId
    await expectDomainError(reverseAllocation(db, project.partner.member, allocationId, 'Not mine to reverse.'), { status: 403 })
    await expectDomainError(allocate(db, project.state.member, allocation(project, accounts.unallocated, 1), projectOrigin), { status: 403 })
    expect(await statusOf(allocationId)).toBe('approved')
  })
})

describe('the ledger itself', () => {
  it('refuses to update or delete entries and transactions, or to touch balances directly', async () => {
    const project = await activeProject()
    await fundPool(project.secretariat, 100)
    const [entry] = await db.select().from(ledgerEntries).limit(1)
    const [transaction] = await db.select().from(ledgerTransactions).limit(1)
    if (!entry || !transaction) throw new Error('the pledge receipt should have written to the ledger')
    await expectDatabaseError(db.update(ledgerEntries).set({ amount: entry.amount + 1 }).where(eq(ledgerEntries.id, entry.id)), '42501')
    await expectDatabaseError(db.delete(ledgerEntries).where(eq(ledgerEntries.id, entry.id)), '42501')
    await expectDatabaseError(db.update(ledgerTransactions).set({ memo: 'rewritten' }).where(eq(ledgerTransactions.id, transaction.id)), '42501')
    await expectDatabaseError(db.delete(ledgerTransactions).where(eq(ledgerTransactions.id, transaction.id)), '42501')
    await expectDatabaseError(db.execute(sql`truncate ledger_entries cascade`), '42501')
    await expectDatabaseError(db.execute(sql`update ledger_balances set balance = balance + 100 where account = ${accounts.unallocated}`), '42501')
  })

  it('refuses an unbalanced posting, in TypeScript and in the database', async () => {
    const before = await checkLedger(db)
    await expect(post(db, { kind: 'correction', memo: 'unbalanced', entries: [{ account: accounts.unallocated, amount: 100 }, { account: 'external:test', amount: -50 }] })).rejects.toThrow(/Unbalanced/)
    await expectDatabaseError(
      db.transaction(async (tx) => {
        const [row] = await tx.insert(ledgerTransactions).values({ kind: 'correction', memo: 'unbalanced, written by hand' }).returning({ id: ledgerTransactions.id })
        if (!row) throw new Error('not inserted')
        await tx.insert(ledgerEntries).values([
          { transactionId: row.id, account: 'external:test', currency: 'USD', amount: 100 },
          { transactionId: row.id, account: 'external:other', currency: 'USD', amount: -50 },
        ])
      }),
      '23514',
    )
    const after = await checkLedger(db)
    expect(after.transactions).toBe(before.transactions)
    expect(after.entries).toBe(before.entries)
  })
})

describe('the secretariat\'s console', () => {
  it('shows pledges until their money has arrived, pools with their names, and allocations with their tranches', async () => {
    const project = await activeProject()
    const secretariat = project.secretariat
    const objective = (await objectivesOf(project.projectId))[0] ?? 1
    // A pledge in a currency the fund has not yet received is made for a donor organisation.
    const donor = await verifiedParty('philanthropy')
    const poolBefore = await balanceOf(db, accounts.objectivePool(objective))
    const pledgeId = (await recordPledge(db, donor.member, PledgeSchema.parse({ amount: 1000, currency: 'EUR', earmark: 'objective', objective, dueDate: '2030-06-30', organizationId: donor.org.id, token: randomUUID() }), projectOrigin)) as ContributionId

    await recordPledgeReceipt(db, secretariat, pledgeId, { receivedOn: '2030-02-01', amount: 400, usdAmount: 430, reference: 'SWIFT-PART-1' })
    const waiting = (await pendingPledges(db)).find((p) => p.id === pledgeId)
    expect(waiting).toMatchObject({ amount: 100000, currency: 'EUR', receivedAmount: 40000, receivedUsd: 43000, dueDate: '2030-06-30' })
    expect(waiting?.receipts.map((r) => r.reference)).toEqual(['SWIFT-PART-1'])
    await expectDomainError(recordPledgeReceipt(db, secretariat, pledgeId, { receivedOn: '2030-03-01', amount: 700, usdAmount: 750, reference: 'SWIFT-TOO-MUCH' }), { status: 400, code: 'fund.receiptExceedsPledge' })
    await recordPledgeReceipt(db, secretariat, pledgeId, { receivedOn: '2030-03-01', amount: 600, usdAmount: 650, reference: 'SWIFT-PART-2' })
    expect((await pendingPledges(db)).some((p) => p.id === pledgeId)).toBe(false)

    const pool = (await fundPools(db)).find((p) => p.account === accounts.objectivePool(objective))
    expect(pool).toMatchObject({ kind: 'objective', objective, balance: poolBefore + cents(1080) })
    expect(pool?.title).toBeTruthy()

    const allocationId = await allocate(db, secretariat, allocation(project, accounts.objectivePool(objective), 1000, [250]), projectOrigin)
    await approveTestMilestone(project, project.milestoneIds[0]!)
    const shown = (await allocationsWithTranches(db)).find((a) => a.id === allocationId)
    expect(shown).toMatchObject({ status: 'disbursing', disbursedUsd: cents(250), undisbursedUsd: cents(750), poolInfo: { kind: 'objective', objective } })
    expect(shown?.tranches).toHaveLength(1)
    expect(shown?.tranches[0]?.milestoneTitle).toMatch(/^Curriculum/)
    expect(shown?.tranches[0]?.reference).toMatch(/^DSB-/)

    const alerts = await fundAlerts(db)
    expect(alerts.shortfallUsd).toBe(0)
    expect(alerts.ledger.problems).toEqual([])
  })
})
