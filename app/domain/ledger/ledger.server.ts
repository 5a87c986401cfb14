import { eq, inArray, sql } from 'drizzle-orm'
import {
  fundCurrency,
  ledgerBalances,
  ledgerEntries,
  ledgerTransactions,
  type AllocationId,
  type ContributionId,
  type LedgerKind,
  type LedgerTransactionId,
  type MilestoneId,
  type ProjectId,
  type UserId,
} from '#db/schema/index'
import type { Db } from '~/utils/db.server'
import { DomainError } from '../errors'

/**
 * Ledger accounts: the fund's pools (unallocated, per objective, per project), each project's allocation and
 * disbursements, and the donors money came from. ARCHITECTURE.md describes the money rules; PostgreSQL enforces
 * that every transaction balances.
 */
export const accounts = {
  unallocated: 'fund:unallocated',
  objectivePool: (objective: number) => `fund:objective:${objective}`,
  projectPool: (projectId: string) => `fund:project:${projectId}`,
  /** Refunds of money already allocated: the fund owes it back; the secretariat is alerted. */
  shortfall: 'fund:shortfall',
  allocated: (projectId: string) => `project:${projectId}:allocated`,
  disbursed: (projectId: string) => `project:${projectId}:disbursed`,
  donor: (donor: { organizationId?: string | null; userId?: string | null; contributionId: string }) =>
    donor.organizationId ? `donor:org:${donor.organizationId}` : donor.userId ? `donor:user:${donor.userId}` : `donor:contribution:${donor.contributionId}`,
} as const

export interface Posting {
  kind: LedgerKind
  memo: string
  reference?: string | null
  contributionId?: ContributionId | null
  allocationId?: AllocationId | null
  projectId?: ProjectId | null
  milestoneId?: MilestoneId | null
  reversesId?: LedgerTransactionId | null
  createdBy?: UserId | null
  /** Signed minor units per account; they must sum to zero (the database checks it at commit too). */
  entries: { account: string; amount: number; currency?: string }[]
}

/** The database refused an overdraft of a pool or of a project's allocation. */
const isOverdraft = (error: unknown) => {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if ('constraint_name' in e && e.constraint_name === 'ledger_balances_not_overdrawn') return true
  }
  return false
}

/**
 * Writes one balanced ledger transaction inside the caller's transaction. Overdrafts are refused by the
 * database under concurrency (see migration 0008) and come back as a 409 the caller can show.
 */
export async function post(tx: Db, posting: Posting): Promise<LedgerTransactionId> {
  const entries = posting.entries.filter((e) => e.amount !== 0)
  const byCurrency = new Map<string, number>()
  for (const e of entries) byCurrency.set(e.currency ?? fundCurrency, (byCurrency.get(e.currency ?? fundCurrency) ?? 0) + e.amount)
  if (entries.length < 2 || [...byCurrency.values()].some((total) => total !== 0)) throw new Error(`Unbalanced ledger posting: ${posting.memo}`)
  const { entries: _entries, ...header } = posting
  try {
    // A savepoint, so an overdraft leaves the caller's transaction usable (it can report the refusal).
    return await tx.transaction(async (inner) => {
      const [row] = await inner.insert(ledgerTransactions).values(header).returning({ id: ledgerTransactions.id })
      if (!row) throw new Error('ledger transaction not saved')
      await inner.insert(ledgerEntries).values(entries.map((e) => ({ transactionId: row.id, account: e.account, currency: e.currency ?? fundCurrency, amount: e.amount })))
      return row.id
    })
  } catch (error) {
    if (isOverdraft(error)) throw new DomainError('fund.insufficient', 'There is not enough money in this pool for that amount.', 409, posting.kind === 'allocation' ? 'amountUsd' : 'amount')
    throw error
  }
}

export async function balances(db: Db, accountList: string[]) {
  if (accountList.length === 0) return new Map<string, number>()
  const rows = await db.select({ account: ledgerBalances.account, balance: ledgerBalances.balance }).from(ledgerBalances).where(inArray(ledgerBalances.account, accountList))
  return new Map(rows.map((r) => [r.account, r.balance]))
}

export async function balanceOf(db: Db, account: string) {
  const [row] = await db.select({ balance: ledgerBalances.balance }).from(ledgerBalances).where(eq(ledgerBalances.account, account))
  return row?.balance ?? 0
}

/** The balance under its row lock, for a decision that depends on it (held until the transaction ends). */
export async function lockedBalanceOf(tx: Db, account: string) {
  const [row] = await tx.select({ balance: ledgerBalances.balance }).from(ledgerBalances).where(eq(ledgerBalances.account, account)).for('update')
  return row?.balance ?? 0
}

export interface LedgerProblem {
  kind: 'unbalanced_transaction' | 'balance_mismatch' | 'overdrawn' | 'empty_transaction'
  detail: string
}

/** Recomputes everything from the entries: each transaction balances, each stored balance equals its entries. */
export async function checkLedger(db: Db): Promise<{ transactions: number; entries: number; problems: LedgerProblem[] }> {
  const problems: LedgerProblem[] = []
  const unbalanced = await db.execute<{ transaction_id: string; currency: string; total: string }>(sql`
    select transaction_id, currency, sum(amount)::text as total from ledger_entries group by transaction_id, currency having sum(amount) <> 0`)
  for (const r of unbalanced) problems.push({ kind: 'unbalanced_transaction', detail: `${r.transaction_id} ${r.currency} ${r.total}` })
  const empty = await db.execute<{ id: string }>(sql`
    select t.id from ledger_transactions t left join ledger_entries e on e.transaction_id = t.id group by t.id having count(e.id) < 2`)
  for (const r of empty) problems.push({ kind: 'empty_transaction', detail: r.id })
  const mismatched = await db.execute<{ account: string; currency: string; stored: string | null; computed: string | null }>(sql`
    select coalesce(b.account, e.account) as account, coalesce(b.currency, e.currency) as currency, b.balance::text as stored, e.total::text as computed
    from ledger_balances b
    full join (select account, currency, sum(amount) as total from ledger_entries group by account, currency) e
      on e.account = b.account and e.currency = b.currency
    where coalesce(b.balance, 0) <> coalesce(e.total, 0)`)
  for (const r of mismatched) problems.push({ kind: 'balance_mismatch', detail: `${r.account} ${r.currency}: stored ${r.stored ?? 0}, entries ${r.computed ?? 0}` })
  const overdrawn = await db.execute<{ account: string; balance: string }>(sql`select account, balance::text from ledger_balances where non_negative and balance < 0`)
  for (const r of overdrawn) problems.push({ kind: 'overdrawn', detail: `${r.account} ${r.balance}` })
  const [counts] = await db.execute<{ transactions: number; entries: number }>(sql`
    select (select count(*) from ledger_transactions)::int as transactions, (select count(*) from ledger_entries)::int as entries`)
  return { transactions: counts?.transactions ?? 0, entries: counts?.entries ?? 0, problems }
}
