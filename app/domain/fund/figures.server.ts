import { and, desc, eq, inArray, like, sql } from 'drizzle-orm'
import { contributions, ledgerBalances, ledgerEntries, ledgerTransactions, projects } from '#db/schema/index'
import type { Db } from '~/utils/db.server'

/** Sums of ledger balances by account prefix, in USD minor units. */
async function balanceSums(db: Db) {
  const rows = await db
    .select({
      pools: sql<string>`coalesce(sum(${ledgerBalances.balance}) filter (where ${ledgerBalances.account} like 'fund:%' and ${ledgerBalances.account} <> 'fund:shortfall'), 0)::text`,
      shortfall: sql<string>`coalesce(sum(${ledgerBalances.balance}) filter (where ${ledgerBalances.account} = 'fund:shortfall'), 0)::text`,
      allocated: sql<string>`coalesce(sum(${ledgerBalances.balance}) filter (where ${ledgerBalances.account} like 'project:%:allocated'), 0)::text`,
      disbursed: sql<string>`coalesce(sum(${ledgerBalances.balance}) filter (where ${ledgerBalances.account} like 'project:%:disbursed'), 0)::text`,
      donors: sql<string>`coalesce(sum(${ledgerBalances.balance}) filter (where ${ledgerBalances.account} like 'donor:%'), 0)::text`,
    })
    .from(ledgerBalances)
    .where(eq(ledgerBalances.currency, 'USD'))
  const r = rows[0]
  return { pools: Number(r?.pools ?? 0), shortfall: Number(r?.shortfall ?? 0), allocated: Number(r?.allocated ?? 0), disbursed: Number(r?.disbursed ?? 0), donors: Number(r?.donors ?? 0) }
}

/**
 * The fund's public figures, all from the ledger (USD minor units) except pledges still to arrive, which are
 * promises in the donor's currency. They add up: received = balance + allocated not yet disbursed + disbursed
 * + shortfall (refunds of money already allocated, a negative amount).
 */
export async function fundTotals(db: Db) {
  const b = await balanceSums(db)
  const outstanding = await db
    .select({ currency: contributions.currency, amount: sql<string>`sum(${contributions.amount} - ${contributions.receivedAmount})::text` })
    .from(contributions)
    .where(eq(contributions.status, 'pledged'))
    .groupBy(contributions.currency)
    .orderBy(contributions.currency)
  return {
    received: -b.donors,
    balance: b.pools,
    allocatedUndisbursed: b.allocated,
    allocated: b.allocated + b.disbursed,
    disbursed: b.disbursed,
    shortfall: b.shortfall,
    pledgedOutstanding: outstanding.map((o) => ({ currency: o.currency, amount: Number(o.amount) })),
  }
}

/** Contributions received, by donor, largest first; donors who asked are shown as anonymous (name withheld). */
export async function contributionsByDonor(db: Db) {
  const rows = await db
    .select({
      donor: sql<string | null>`case when ${contributions.anonymous} then null else ${contributions.donorName} end`,
      usd: sql<string>`sum(${contributions.receivedUsd} - ${contributions.refundedUsd})::text`,
      count: sql<number>`count(*)::int`,
    })
    .from(contributions)
    .where(sql`${contributions.receivedUsd} - ${contributions.refundedUsd} > 0`)
    .groupBy(sql`1`)
    .orderBy(desc(sql`sum(${contributions.receivedUsd} - ${contributions.refundedUsd})`))
  return rows.map((r) => ({ donor: r.donor, usd: Number(r.usd), count: r.count }))
}

/** Allocated and disbursed money per project (net of reversals), from the ledger. */
export async function fundingByProject(db: Db) {
  const rows = await db
    .select({
      projectId: ledgerTransactions.projectId,
      allocated: sql<string>`coalesce(sum(${ledgerEntries.amount}) filter (where ${ledgerEntries.account} like 'project:%:allocated' and ${ledgerTransactions.kind} in ('allocation', 'allocation_reversal')), 0)::text`,
      disbursed: sql<string>`coalesce(sum(${ledgerEntries.amount}) filter (where ${ledgerEntries.account} like 'project:%:disbursed'), 0)::text`,
    })
    .from(ledgerEntries)
    .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerEntries.transactionId))
    .where(and(like(ledgerEntries.account, 'project:%'), sql`${ledgerTransactions.projectId} is not null`))
    .groupBy(ledgerTransactions.projectId)
  const ids = rows.flatMap((r) => (r.projectId ? [r.projectId] : []))
  const info = ids.length
    ? await db.select({ id: projects.id, title: projects.title, objectives: projects.objectives, countries: projects.countries, publishedAt: projects.publishedAt }).from(projects).where(inArray(projects.id, ids))
    : []
  return rows
    .map((r) => {
      const p = info.find((x) => x.id === r.projectId)
      return { projectId: r.projectId as string, title: p?.title ?? '', published: Boolean(p?.publishedAt), objectives: p?.objectives ?? [], countries: p?.countries ?? [], allocated: Number(r.allocated), disbursed: Number(r.disbursed) }
    })
    .filter((r) => r.allocated !== 0 || r.disbursed !== 0)
    .sort((a, b) => b.allocated - a.allocated)
}

/**
 * Splits each project's money across its objectives or countries in equal parts (the remainder of the division
 * goes to the first), so the breakdown adds up to the total instead of counting a project twice.
 */
export function splitBy(rows: Awaited<ReturnType<typeof fundingByProject>>, key: 'objectives' | 'countries') {
  const totals = new Map<string | number, { allocated: number; disbursed: number }>()
  for (const row of rows) {
    const parts = row[key].length ? row[key] : ['—']
    parts.forEach((part, i) => {
      const share = (value: number) => Math.floor(value / parts.length) + (i === 0 ? value % parts.length : 0)
      const t = totals.get(part) ?? { allocated: 0, disbursed: 0 }
      totals.set(part, { allocated: t.allocated + share(row.allocated), disbursed: t.disbursed + share(row.disbursed) })
    })
  }
  return [...totals.entries()].map(([part, t]) => ({ part, ...t })).sort((a, b) => b.allocated - a.allocated)
}

/** Every ledger transaction touching the public picture, newest first (for the CSV and the API). */
export async function fundTransactions(db: Db, limit = 1000, offset = 0) {
  return db
    .select({
      id: ledgerTransactions.id,
      kind: ledgerTransactions.kind,
      createdAt: ledgerTransactions.createdAt,
      reference: ledgerTransactions.reference,
      projectId: ledgerTransactions.projectId,
      milestoneId: ledgerTransactions.milestoneId,
      entries: sql<{ account: string; amount: number }[]>`(select json_agg(json_build_object('account', e.account, 'amount', e.amount) order by e.id) from ledger_entries e where e.transaction_id = ${ledgerTransactions.id})`,
    })
    .from(ledgerTransactions)
    .orderBy(desc(ledgerTransactions.createdAt), desc(ledgerTransactions.id))
    .limit(limit)
    .offset(offset)
}
