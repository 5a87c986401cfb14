import { and, eq, inArray } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { demoFundAccounts } from '~/demo/fund'
import { loadDemoDataIfWanted } from '~/demo/load'
import { allocations, contributions, ledgerTransactions, memberships, milestones, organizations, pledgeReceipts, projects, tranches, users } from '#db/schema/index'
import { poolsFor } from '~/domain/fund/allocations.server'
import { contributionsByDonor, fundTotals } from '~/domain/fund/figures.server'
import { checkLedger } from '~/domain/ledger/ledger.server'
import { db } from '~/utils/db.server'

// This file's database starts empty, as `npm start` finds it the first time.
beforeAll(async () => {
  expect(await loadDemoDataIfWanted(db, { embedded: true, setting: 'auto', log: () => {} })).toBe(true)
})

const DAY = 86_400_000

describe('demo fund', () => {
  test('the ledger checks out and the public figures add up', async () => {
    const ledger = await checkLedger(db)
    expect(ledger.problems).toEqual([])
    expect(ledger.transactions).toBeGreaterThanOrEqual(20)
    const totals = await fundTotals(db)
    expect(totals.shortfall).toBe(0)
    expect(totals.received).toBe(totals.balance + totals.allocatedUndisbursed + totals.disbursed + totals.shortfall)
    for (const figure of ['balance', 'allocatedUndisbursed', 'disbursed'] as const) expect(totals[figure], figure).toBeGreaterThan(0)
    // What the contributions say they brought in is what the ledger received.
    const rows = await db.select({ usd: contributions.receivedUsd, refunded: contributions.refundedUsd }).from(contributions)
    expect(rows.reduce((sum, r) => sum + r.usd - r.refunded, 0)).toBe(totals.received)
  })

  test('pledges: one met over two transfers, one partly outstanding, one with nothing received yet', async () => {
    const pledges = await db.select().from(contributions).where(eq(contributions.method, 'pledge'))
    const receipts = await db.select().from(pledgeReceipts)
    const receiptsOf = (id: string) => receipts.filter((r) => r.contributionId === id)
    expect(pledges.some((p) => p.status === 'received' && p.receivedAmount === p.amount && receiptsOf(p.id).length >= 2)).toBe(true)
    expect(pledges.some((p) => p.status === 'pledged' && p.receivedAmount > 0 && p.receivedAmount < p.amount)).toBe(true)
    expect(pledges.some((p) => p.status === 'pledged' && p.receivedAmount === 0 && receiptsOf(p.id).length === 0)).toBe(true)
    for (const p of pledges) {
      const arrived = receiptsOf(p.id)
      expect(arrived.reduce((sum, r) => sum + r.amount, 0), p.donorName).toBe(p.receivedAmount)
      expect(arrived.reduce((sum, r) => sum + r.usdAmount, 0), p.donorName).toBe(p.receivedUsd)
    }
    const { pledgedOutstanding } = await fundTotals(db)
    expect(pledgedOutstanding.length).toBeGreaterThan(0)
    const owed = pledges.filter((p) => p.status === 'pledged')
    for (const { currency, amount } of pledgedOutstanding) {
      expect(amount).toBe(owed.filter((p) => p.currency === currency).reduce((sum, p) => sum + p.amount - p.receivedAmount, 0))
    }
  })

  test('earmarks to an objective and to a project are spent only from their own pools', async () => {
    const given = await db.select().from(contributions)
    expect(given.some((c) => c.earmark === 'objective' && c.receivedUsd > 0)).toBe(true)
    const toProject = given.find((c) => c.earmark === 'project' && c.receivedUsd > 0)
    expect(toProject).toBeDefined()
    const rows = await db.select({ allocation: allocations, project: projects }).from(allocations).innerJoin(projects, eq(projects.id, allocations.projectId))
    for (const { allocation, project } of rows) expect(poolsFor(project)).toContain(allocation.pool)
    const fromProjectPool = rows.filter((r) => r.allocation.pool.startsWith('fund:project:'))
    expect(fromProjectPool.map((r) => r.project.id)).toEqual([toProject!.earmarkProjectId])
    expect(rows.some((r) => r.allocation.pool.startsWith('fund:objective:'))).toBe(true)
  })

  test('an anonymous contribution never shows its donor’s name in the contributions by donor', async () => {
    const anonymous = await db.select().from(contributions).where(eq(contributions.anonymous, true))
    expect(anonymous.length).toBeGreaterThan(0)
    const byDonor = await contributionsByDonor(db)
    expect(byDonor.some((d) => d.donor === null)).toBe(true)
    for (const { donorName } of anonymous) expect(JSON.stringify(byDonor)).not.toContain(donorName)
  })

  test('card contributions are received through a Checkout Session and booked; one in euros records its rate', async () => {
    const cards = await db.select().from(contributions).where(eq(contributions.method, 'card'))
    expect(cards.length).toBeGreaterThanOrEqual(3)
    const booked = await db.select({ contributionId: ledgerTransactions.contributionId }).from(ledgerTransactions).where(eq(ledgerTransactions.kind, 'contribution'))
    for (const card of cards) {
      expect(card).toMatchObject({ status: 'received', receivedAmount: card.amount, stripeCheckoutSessionId: expect.stringMatching(/^cs_demo_/) })
      expect(booked.map((b) => b.contributionId)).toContain(card.id)
    }
    const euros = cards.find((c) => c.currency === 'EUR')
    expect(euros?.rate).toBeGreaterThan(0)
    expect(euros?.rate).not.toBe(1)
    expect(Math.round(euros!.amount * euros!.rate!)).toBe(euros!.receivedUsd)
  })

  test('allocations go to active, completed and closed projects; released tranches are disbursements with a reference', async () => {
    const rows = await db.select({ allocation: allocations, status: projects.status }).from(allocations).innerJoin(projects, eq(projects.id, allocations.projectId))
    for (const status of ['active', 'completed', 'closed'] as const) expect(rows.map((r) => r.status), status).toContain(status)
    const parts = await db.select({ tranche: tranches, milestone: milestones }).from(tranches).innerJoin(milestones, eq(milestones.id, tranches.milestoneId))
    const released = parts.filter((p) => p.tranche.disbursementId)
    expect(released.length).toBeGreaterThanOrEqual(10)
    const disbursements = await db.select().from(ledgerTransactions).where(eq(ledgerTransactions.kind, 'disbursement'))
    for (const { tranche, milestone } of released) {
      expect(milestone.status).toBe('approved')
      expect(tranche.reference).toMatch(/^DSB-\d{4}-[0-9A-F]{8}$/)
      // The public ledger carries the same reference as the tranche.
      const [posted] = await db.select({ reference: ledgerTransactions.reference }).from(ledgerTransactions).where(eq(ledgerTransactions.id, tranche.disbursementId as never))
      expect(posted?.reference).toBe(tranche.reference)
      expect(disbursements.find((d) => d.id === tranche.disbursementId)).toMatchObject({ milestoneId: milestone.id, allocationId: tranche.allocationId })
    }
    // A tranche still waiting is tied to a milestone not yet approved, or to the reversed allocation.
    const reversed = rows.filter((r) => r.allocation.status === 'reversed').map((r) => r.allocation.id)
    for (const { tranche, milestone } of parts.filter((p) => !p.tranche.disbursementId)) {
      expect(milestone.status !== 'approved' || reversed.includes(tranche.allocationId)).toBe(true)
    }
    expect(rows.some((r) => r.allocation.status === 'closed')).toBe(true)
  })

  test('one allocation is reversed, by a transaction naming the allocation it undoes', async () => {
    const reversed = await db.select().from(allocations).where(eq(allocations.status, 'reversed'))
    expect(reversed).toHaveLength(1)
    expect(reversed[0]!.reverseReason).toMatch(/\w{5}/)
    const [original] = await db.select().from(ledgerTransactions).where(and(eq(ledgerTransactions.allocationId, reversed[0]!.id), eq(ledgerTransactions.kind, 'allocation')))
    const [reversal] = await db.select().from(ledgerTransactions).where(and(eq(ledgerTransactions.allocationId, reversed[0]!.id), eq(ledgerTransactions.kind, 'allocation_reversal')))
    expect(reversal?.reversesId).toBe(original?.id)
  })

  test('money moves on the story’s days: after the workplan’s approval, with the milestone’s approval, in the past', async () => {
    const now = Date.now()
    const rows = await db.select({ allocation: allocations, project: projects }).from(allocations).innerJoin(projects, eq(projects.id, allocations.projectId))
    for (const { allocation, project } of rows) {
      expect(allocation.createdAt.getTime(), project.title).toBeGreaterThan(project.workplanApprovedAt!.getTime())
      expect(allocation.createdAt.getTime(), project.title).toBeLessThan(now - DAY)
    }
    const released = await db.select({ tranche: tranches, milestone: milestones }).from(tranches).innerJoin(milestones, eq(milestones.id, tranches.milestoneId))
    for (const { tranche, milestone } of released.filter((r) => r.tranche.disbursedAt)) expect(tranche.disbursedAt).toEqual(milestone.approvedAt)
    const given = await db.select().from(contributions)
    for (const c of given) {
      expect(c.createdAt.getTime(), c.donorName).toBeLessThan(now - DAY)
      if (c.receivedAt) expect(c.receivedAt.getTime(), c.donorName).toBeGreaterThanOrEqual(c.createdAt.getTime())
    }
    for (const r of await db.select({ receipt: pledgeReceipts, pledgedAt: contributions.createdAt }).from(pledgeReceipts).innerJoin(contributions, eq(contributions.id, pledgeReceipts.contributionId))) {
      expect(r.receipt.createdAt.getTime()).toBeGreaterThan(r.pledgedAt.getTime())
      expect(r.receipt.createdAt.getTime()).toBeLessThan(now - DAY)
    }
  })

  test('the donors have accounts that act for their organisations', async () => {
    const forOrganisations = demoFundAccounts.filter((a) => a.organization)
    const rows = await db
      .select({ email: users.email, slug: organizations.slug, role: memberships.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
      .where(inArray(users.email, forOrganisations.map((a) => a.email)))
    expect(rows.map((r) => `${r.email} ${r.slug} ${r.role}`).sort()).toEqual(forOrganisations.map((a) => `${a.email} ${a.organization} owner`).sort())
  })
})
