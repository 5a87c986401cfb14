import { and, asc, desc, eq, inArray, like, ne, sql } from 'drizzle-orm'
import {
  allocations,
  contributions,
  fundCurrency,
  ledgerBalances,
  milestones,
  pledgeReceipts,
  projects,
  stripeEvents,
  tranches,
  users,
  type ProjectId,
} from '#db/schema/index'
import type { Db } from '~/utils/db.server'
import { liveProjectStatuses, unsettledMilestoneStatuses } from '../projects/lifecycle'
import { vocabularyIn } from '../vocabulary/translations.server'
import { poolsFor } from './allocations.server'
import { accounts, balanceOf, checkLedger } from '../ledger/ledger.server'

/** Read queries of the secretariat's fund console (the writes live in contributions and allocations). */

export type PoolKind = 'unallocated' | 'objective' | 'project'

export interface Pool {
  account: string
  kind: PoolKind
  objective: number | null
  projectId: string | null
  /** The objective's short title or the project's title; null for the general pool. */
  title: string | null
  balance: number
}

const poolShape = (account: string) => {
  const objective = /^fund:objective:(\d+)$/.exec(account)
  if (objective) return { kind: 'objective' as const, objective: Number(objective[1]), projectId: null }
  const project = /^fund:project:(.+)$/.exec(account)
  if (project) return { kind: 'project' as const, objective: null, projectId: project[1] ?? null }
  return { kind: 'unallocated' as const, objective: null, projectId: null }
}

/** Names and balances of these pool accounts (a pool never touched has a balance of zero); objectives are named in `language`. */
async function describePools(db: Db, poolAccounts: string[], language: string): Promise<Pool[]> {
  const shapes = poolAccounts.map((account) => ({ account, ...poolShape(account) }))
  const projectIds = shapes.flatMap((s) => (s.projectId === null ? [] : [s.projectId as ProjectId]))
  const [balanceRows, projectRows] = await Promise.all([
    poolAccounts.length
      ? db.select({ account: ledgerBalances.account, balance: ledgerBalances.balance }).from(ledgerBalances).where(and(inArray(ledgerBalances.account, poolAccounts), eq(ledgerBalances.currency, fundCurrency)))
      : [],
    projectIds.length ? db.select({ id: projects.id, title: projects.title }).from(projects).where(inArray(projects.id, projectIds)) : [],
  ])
  const vocabulary = vocabularyIn(language)
  const balance = new Map(balanceRows.map((r) => [r.account, r.balance]))
  return shapes.map((s) => ({
    ...s,
    title: s.objective !== null ? (vocabulary.objective(s.objective)?.shortTitle ?? null) : s.projectId !== null ? (projectRows.find((p) => p.id === s.projectId)?.title ?? null) : null,
    balance: balance.get(s.account) ?? 0,
  }))
}

const poolOrder = (a: Pool, b: Pool) => {
  const rank = { unallocated: 0, objective: 1, project: 2 }
  return rank[a.kind] - rank[b.kind] || (a.objective ?? 0) - (b.objective ?? 0) || (a.title ?? '').localeCompare(b.title ?? '')
}

/** Every pool of the fund that has ever held money, and the general pool even when it has not; objectives named in `language`. */
export async function fundPools(db: Db, language = 'en') {
  const rows = await db
    .select({ account: ledgerBalances.account })
    .from(ledgerBalances)
    .where(and(like(ledgerBalances.account, 'fund:%'), ne(ledgerBalances.account, accounts.shortfall), eq(ledgerBalances.currency, fundCurrency)))
  const list = new Set([accounts.unallocated, ...rows.map((r) => r.account)])
  return (await describePools(db, [...list], language)).sort(poolOrder)
}

/** The pools a project may draw from (earmarks respected), with their balances; objectives named in `language`. */
export async function poolsForProject(db: Db, project: { id: string; objectives: number[] }, language: string) {
  return describePools(db, poolsFor(project), language)
}

/** Pledges whose money has not all arrived, the oldest expected first, with the transfers received so far. */
export async function pendingPledges(db: Db) {
  const rows = await db
    .select({
      id: contributions.id,
      donorName: contributions.donorName,
      anonymous: contributions.anonymous,
      amount: contributions.amount,
      currency: contributions.currency,
      receivedAmount: contributions.receivedAmount,
      receivedUsd: contributions.receivedUsd,
      dueDate: contributions.dueDate,
      earmark: contributions.earmark,
      earmarkObjective: contributions.earmarkObjective,
      earmarkProjectTitle: projects.title,
      note: contributions.note,
      createdAt: contributions.createdAt,
    })
    .from(contributions)
    .leftJoin(projects, eq(projects.id, contributions.earmarkProjectId))
    .where(and(eq(contributions.method, 'pledge'), eq(contributions.status, 'pledged')))
    .orderBy(sql`${contributions.dueDate} asc nulls last`, asc(contributions.createdAt))
  const receipts = rows.length
    ? await db
        .select({ contributionId: pledgeReceipts.contributionId, receivedOn: pledgeReceipts.receivedOn, amount: pledgeReceipts.amount, usdAmount: pledgeReceipts.usdAmount, reference: pledgeReceipts.reference })
        .from(pledgeReceipts)
        .where(inArray(pledgeReceipts.contributionId, rows.map((r) => r.id)))
        .orderBy(asc(pledgeReceipts.receivedOn), asc(pledgeReceipts.createdAt))
    : []
  return rows.map((r) => ({ ...r, receipts: receipts.filter((x) => x.contributionId === r.id) }))
}

/** Pledges the secretariat voided, newest first, with who voided them and why (they count in no figure). */
export function voidedPledges(db: Db, limit = 50) {
  return db
    .select({
      id: contributions.id,
      donorName: contributions.donorName,
      amount: contributions.amount,
      currency: contributions.currency,
      createdAt: contributions.createdAt,
      voidedAt: contributions.voidedAt,
      voidReason: contributions.voidReason,
      voidedBy: users.displayName,
    })
    .from(contributions)
    .leftJoin(users, eq(users.id, contributions.voidedBy))
    .where(and(eq(contributions.method, 'pledge'), eq(contributions.status, 'voided')))
    .orderBy(desc(contributions.voidedAt))
    .limit(limit)
}

/** Every allocation, newest first, with its project, its tranches (milestone titles) and what is still undisbursed; objective pools named in `language`. */
export async function allocationsWithTranches(db: Db, language = 'en') {
  const rows = await db
    .select({
      id: allocations.id,
      projectId: allocations.projectId,
      projectTitle: projects.title,
      pool: allocations.pool,
      amountUsd: allocations.amountUsd,
      status: allocations.status,
      note: allocations.note,
      reverseReason: allocations.reverseReason,
      createdAt: allocations.createdAt,
    })
    .from(allocations)
    .innerJoin(projects, eq(projects.id, allocations.projectId))
    .orderBy(desc(allocations.createdAt))
  const parts = rows.length
    ? await db
        .select({
          id: tranches.id,
          allocationId: tranches.allocationId,
          milestoneTitle: milestones.title,
          milestoneStatus: milestones.status,
          dueDate: milestones.dueDate,
          amountUsd: tranches.amountUsd,
          disbursedAt: tranches.disbursedAt,
          reference: tranches.reference,
        })
        .from(tranches)
        .innerJoin(milestones, eq(milestones.id, tranches.milestoneId))
        .where(inArray(tranches.allocationId, rows.map((r) => r.id)))
        .orderBy(asc(milestones.position))
    : []
  const pools = await describePools(db, [...new Set(rows.map((r) => r.pool))], language)
  return rows.map((a) => {
    const own = parts.filter((p) => p.allocationId === a.id)
    const disbursed = own.reduce((sum, p) => sum + (p.disbursedAt ? p.amountUsd : 0), 0)
    return { ...a, poolInfo: pools.find((p) => p.account === a.pool) ?? null, tranches: own, disbursedUsd: disbursed, undisbursedUsd: a.amountUsd - disbursed }
  })
}

/** The latest card contributions, whatever their state, so stuck, failed and refunded ones are visible. */
export function recentCardContributions(db: Db, limit = 50) {
  return db
    .select({
      id: contributions.id,
      donorName: contributions.donorName,
      anonymous: contributions.anonymous,
      status: contributions.status,
      amount: contributions.amount,
      currency: contributions.currency,
      receivedUsd: contributions.receivedUsd,
      refundedUsd: contributions.refundedUsd,
      failureReason: contributions.failureReason,
      stripeCheckoutSessionId: contributions.stripeCheckoutSessionId,
      createdAt: contributions.createdAt,
      receivedAt: contributions.receivedAt,
    })
    .from(contributions)
    .where(eq(contributions.method, 'card'))
    .orderBy(desc(contributions.createdAt))
    .limit(limit)
}

/** What needs the secretariat's attention: a refund shortfall, Stripe amounts that did not match, the ledger check. */
export async function fundAlerts(db: Db) {
  const [shortfall, mismatches, ledger] = await Promise.all([
    balanceOf(db, accounts.shortfall),
    db
      .select({ id: stripeEvents.id, type: stripeEvents.type, receivedAt: stripeEvents.receivedAt })
      .from(stripeEvents)
      .where(eq(stripeEvents.outcome, 'amount_mismatch'))
      .orderBy(desc(stripeEvents.receivedAt))
      .limit(20),
    checkLedger(db),
  ])
  return { shortfallUsd: shortfall < 0 ? -shortfall : 0, mismatches, ledger }
}

/** Projects money can still be allocated to. */
export function runningProjects(db: Db) {
  return db
    .select({ id: projects.id, title: projects.title, status: projects.status, objectives: projects.objectives })
    .from(projects)
    .where(inArray(projects.status, [...liveProjectStatuses]))
    .orderBy(asc(projects.title))
}

/** A running project with the milestones a new tranche may be tied to (those not yet approved or waived); objectives named in `language`. */
export async function projectForAllocation(db: Db, projectId: ProjectId, language: string) {
  const [project] = await db
    .select({ id: projects.id, title: projects.title, status: projects.status, objectives: projects.objectives })
    .from(projects)
    .where(and(eq(projects.id, projectId), inArray(projects.status, [...liveProjectStatuses])))
  if (!project) return null
  const open = await db
    .select({ id: milestones.id, title: milestones.title, dueDate: milestones.dueDate, status: milestones.status })
    .from(milestones)
    .where(and(eq(milestones.projectId, projectId), inArray(milestones.status, [...unsettledMilestoneStatuses])))
    .orderBy(asc(milestones.position))
  return { project, milestones: open, pools: await poolsForProject(db, project, language) }
}
