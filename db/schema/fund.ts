import { sql } from 'drizzle-orm'
import { bigint, bigserial, boolean, check, date, index, numeric, pgEnum, pgTable, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from './accounts'
import { organizations } from './organizations'
import { milestones, projects, type MilestoneId, type ProjectId } from './projects'
import { createdAt, idKey, ts, type Brand, type OrganizationId, type UserId } from './types'
import { allocationStatuses, contributionMethods, contributionStatuses, earmarkKinds, ledgerKinds } from './enum-values'
export { allocationStatuses, contributionMethods, contributionStatuses, earmarkKinds, ledgerKinds, type AllocationStatus, type ContributionStatus, type EarmarkKind, type LedgerKind } from './enum-values'

export type ContributionId = Brand<string, 'ContributionId'>
export type AllocationId = Brand<string, 'AllocationId'>
export type LedgerTransactionId = Brand<string, 'LedgerTransactionId'>

/** The fund books in this currency; other currencies are converted at receipt with the rate recorded. */
export const fundCurrency = 'USD'

export const contributionMethod = pgEnum('contribution_method', contributionMethods)

/** Card: pending (Checkout open, then processing) → received | failed → refunded. Pledge: pledged → received, or voided before any money arrived. */
export const contributionStatus = pgEnum('contribution_status', contributionStatuses)

export const earmarkKind = pgEnum('earmark_kind', earmarkKinds)

export const allocationStatus = pgEnum('allocation_status', allocationStatuses)

export const ledgerKind = pgEnum('ledger_kind', ledgerKinds)

export const contributions = pgTable(
  'contributions',
  {
    id: idKey<ContributionId>(),
    key: text('key'),
    method: contributionMethod('method').notNull(),
    status: contributionStatus('status').notNull(),
    /** The person who gave (or recorded the pledge), and the organisation they gave for, if any. */
    donorUserId: uuid('donor_user_id').references(() => users.id, { onDelete: 'set null' }).$type<UserId>(),
    donorOrganizationId: uuid('donor_organization_id')
      .references(() => organizations.id)
      .$type<OrganizationId>(),
    /** Shown on the public pages unless the donor asked to stay anonymous. */
    donorName: text('donor_name').notNull(),
    anonymous: boolean('anonymous').notNull().default(false),
    /** Minor units in the donor's currency. */
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    /** For pledges, what has arrived so far (donor's currency) and its value in USD. */
    receivedAmount: bigint('received_amount', { mode: 'number' }).notNull().default(0),
    receivedUsd: bigint('received_usd', { mode: 'number' }).notNull().default(0),
    /** Refunded so far (Stripe refunds may be partial and arrive in several events), in both currencies. */
    refundedAmount: bigint('refunded_amount', { mode: 'number' }).notNull().default(0),
    refundedUsd: bigint('refunded_usd', { mode: 'number' }).notNull().default(0),
    /** USD per unit of the donor's currency used at receipt (1 for USD). */
    rate: numeric('rate', { precision: 18, scale: 8, mode: 'number' }),
    earmark: earmarkKind('earmark').notNull().default('fund'),
    earmarkObjective: smallint('earmark_objective'),
    earmarkProjectId: uuid('earmark_project_id')
      .references(() => projects.id)
      .$type<ProjectId>(),
    idempotencyKey: text('idempotency_key'),
    stripeCheckoutSessionId: text('stripe_checkout_session_id'),
    stripePaymentIntentId: text('stripe_payment_intent_id'),
    failureReason: text('failure_reason'),
    note: text('note'),
    dueDate: date('due_date'),
    receivedAt: ts('received_at'),
    refundedAt: ts('refunded_at'),
    /** The secretariat voided the pledge (recorded by mistake or in bad faith): it leaves every figure. */
    voidedAt: ts('voided_at'),
    voidedBy: uuid('voided_by').references(() => users.id, { onDelete: 'set null' }).$type<UserId>(),
    voidReason: text('void_reason'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('contributions_key_key').on(t.key),
    uniqueIndex('contributions_idempotency_key').on(t.idempotencyKey),
    uniqueIndex('contributions_checkout_session_key').on(t.stripeCheckoutSessionId),
    index('contributions_donor_idx').on(t.donorUserId, t.createdAt),
    index('contributions_status_idx').on(t.status, t.createdAt),
    check('contributions_amount', sql`${t.amount} > 0 and ${t.currency} ~ '^[A-Z]{3}$'`),
    check('contributions_received', sql`${t.receivedAmount} >= 0 and ${t.receivedAmount} <= ${t.amount} and ${t.receivedUsd} >= 0`),
    check('contributions_refunded', sql`${t.refundedAmount} between 0 and ${t.receivedAmount} and ${t.refundedUsd} between 0 and ${t.receivedUsd}`),
    // Statuses compared as text: a value added to the enum cannot be used in the transaction that adds it.
    check('contributions_method_status', sql`(${t.method} = 'card' and ${t.status}::text not in ('pledged', 'voided')) or (${t.method} = 'pledge' and ${t.status}::text in ('pledged', 'received', 'voided'))`),
    check('contributions_voided', sql`(${t.status}::text = 'voided') = (${t.voidedAt} is not null) and (${t.voidedAt} is null or (${t.voidReason} is not null and ${t.receivedAmount} = 0))`),
    check(
      'contributions_earmark_target',
      sql`(${t.earmark} = 'fund' and ${t.earmarkObjective} is null and ${t.earmarkProjectId} is null)
        or (${t.earmark} = 'objective' and ${t.earmarkObjective} between 1 and 23 and ${t.earmarkProjectId} is null)
        or (${t.earmark} = 'project' and ${t.earmarkProjectId} is not null and ${t.earmarkObjective} is null)`,
    ),
    check('contributions_donor_name', sql`length(${t.donorName}) between 1 and 200`),
  ],
)

/** A transfer arriving against a pledge (partial receipts allowed). */
export const pledgeReceipts = pgTable(
  'pledge_receipts',
  {
    id: idKey(),
    contributionId: uuid('contribution_id')
      .notNull()
      .references(() => contributions.id)
      .$type<ContributionId>(),
    receivedOn: date('received_on').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    usdAmount: bigint('usd_amount', { mode: 'number' }).notNull(),
    rate: numeric('rate', { precision: 18, scale: 8, mode: 'number' }).notNull(),
    reference: text('reference').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }).$type<UserId>(),
    createdAt: createdAt(),
  },
  (t) => [index('pledge_receipts_contribution_idx').on(t.contributionId), check('pledge_receipts_amount', sql`${t.amount} > 0 and ${t.usdAmount} > 0 and ${t.rate} > 0`)],
)

/** Every Stripe event applied, under a unique id, written in the same transaction as its effects. */
export const stripeEvents = pgTable('stripe_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  /** What applying it did: applied, ignored (unhandled type), or a reason it changed nothing. */
  outcome: text('outcome').notNull(),
  receivedAt: createdAt(),
})

/** Fund money committed to a project by the secretariat, from a pool that respects the donors' earmarks. */
export const allocations = pgTable(
  'allocations',
  {
    id: idKey<AllocationId>(),
    key: text('key'),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id)
      .$type<ProjectId>(),
    /** The ledger account the money came from: fund:unallocated, fund:objective:<n> or fund:project:<id>. */
    pool: text('pool').notNull(),
    amountUsd: bigint('amount_usd', { mode: 'number' }).notNull(),
    status: allocationStatus('status').notNull().default('approved'),
    note: text('note'),
    reverseReason: text('reverse_reason'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }).$type<UserId>(),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('allocations_key_key').on(t.key), index('allocations_project_idx').on(t.projectId), check('allocations_amount', sql`${t.amountUsd} > 0`)],
)

/** The part of an allocation released when a milestone is approved. */
export const tranches = pgTable(
  'tranches',
  {
    id: idKey(),
    allocationId: uuid('allocation_id')
      .notNull()
      .references(() => allocations.id)
      .$type<AllocationId>(),
    milestoneId: uuid('milestone_id')
      .notNull()
      .references(() => milestones.id)
      .$type<MilestoneId>(),
    amountUsd: bigint('amount_usd', { mode: 'number' }).notNull(),
    disbursementId: uuid('disbursement_id').$type<LedgerTransactionId>(),
    disbursedAt: ts('disbursed_at'),
    reference: text('reference'),
  },
  (t) => [uniqueIndex('tranches_allocation_milestone_key').on(t.allocationId, t.milestoneId), index('tranches_milestone_idx').on(t.milestoneId), check('tranches_amount', sql`${t.amountUsd} > 0`)],
)

/** One movement of money: its entries sum to zero per currency (checked by a deferred constraint trigger). */
export const ledgerTransactions = pgTable(
  'ledger_transactions',
  {
    id: idKey<LedgerTransactionId>(),
    kind: ledgerKind('kind').notNull(),
    memo: text('memo').notNull(),
    /** Public reference (e.g. the disbursement's), and the records it concerns. */
    reference: text('reference'),
    contributionId: uuid('contribution_id')
      .references(() => contributions.id)
      .$type<ContributionId>(),
    allocationId: uuid('allocation_id')
      .references(() => allocations.id)
      .$type<AllocationId>(),
    projectId: uuid('project_id')
      .references(() => projects.id)
      .$type<ProjectId>(),
    milestoneId: uuid('milestone_id')
      .references(() => milestones.id)
      .$type<MilestoneId>(),
    /** A correction names the transaction it reverses; a transaction is reversed at most once. */
    reversesId: uuid('reverses_id').$type<LedgerTransactionId>(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }).$type<UserId>(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('ledger_transactions_reverses_key').on(t.reversesId),
    index('ledger_transactions_project_idx').on(t.projectId, t.createdAt),
    index('ledger_transactions_contribution_idx').on(t.contributionId),
    index('ledger_transactions_created_idx').on(t.createdAt),
  ],
)

export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    transactionId: uuid('transaction_id')
      .notNull()
      .references(() => ledgerTransactions.id)
      .$type<LedgerTransactionId>(),
    account: text('account').notNull(),
    currency: text('currency').notNull(),
    /** Minor units; positive adds to the account's balance, negative takes from it. */
    amount: bigint('amount', { mode: 'number' }).notNull(),
  },
  (t) => [
    index('ledger_entries_transaction_idx').on(t.transactionId),
    index('ledger_entries_account_idx').on(t.account),
    check('ledger_entries_nonzero', sql`${t.amount} <> 0`),
    check('ledger_entries_currency', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('ledger_entries_account_shape', sql`${t.account} ~ '^(donor|fund|project|external):[a-z0-9:_-]+$'`),
  ],
)

/**
 * Balances maintained by a trigger on every entry, so the invariants hold inside the database under
 * concurrency: pools and a project's allocation can never go below zero (the row lock serialises writers and
 * the CHECK refuses an overdraft). `npm run hub -- ledger-check` recomputes them from the entries.
 */
export const ledgerBalances = pgTable(
  'ledger_balances',
  {
    account: text('account').notNull(),
    currency: text('currency').notNull(),
    balance: bigint('balance', { mode: 'number' }).notNull().default(0),
    /** Pools and project allocations must never be overdrawn; donor and external accounts may be negative. */
    nonNegative: boolean('non_negative').notNull(),
  },
  (t) => [uniqueIndex('ledger_balances_key').on(t.account, t.currency), check('ledger_balances_not_overdrawn', sql`not ${t.nonNegative} or ${t.balance} >= 0`)],
)
