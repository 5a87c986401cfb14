import { asc, desc, eq, inArray, sql } from 'drizzle-orm'
import {
  allocations,
  contributions,
  ledgerEntries,
  ledgerTransactions,
  pledgeReceipts,
  projects,
  tranches,
  type ContributionId,
} from '#db/schema/index'
import type { Db } from '~/utils/db.server'
import { can } from '~/domain/access/abilities'
import type { SessionUser } from '../accounts/sessions.server'
import { countryName } from '../geography/geography.server'
import { organizationsOf } from '../organizations/organizations.server'
import { vocabularyIn } from '../vocabulary/translations.server'
import { contributionsByDonor, fundingByProject, fundTotals, splitBy } from './figures.server'
import { poolOf, type Contribution } from './contributions.server'
import { balanceOf } from '../ledger/ledger.server'

/** Read queries behind the fund's public page, its open data and the donor's pages (no personal data leaves). */

/** Objective numbers with their short titles in the reader's language. */
const objectiveTitles = (language: string) => new Map(vocabularyIn(language).objectives.map((o) => [o.number, o.shortTitle]))

/**
 * The fund's figures for the public page and `GET /api/v1/fund`: totals, money received by donor (names only of
 * donors who did not ask to stay anonymous), and money allocated and disbursed by project, objective and country.
 * Unpublished projects keep their id (it is in the ledger) but not their title, and their money is counted under
 * no objective and no country.
 */
export async function fundOverview(db: Db, language: string) {
  const [totals, donors, byProject] = await Promise.all([fundTotals(db), contributionsByDonor(db), fundingByProject(db)])
  const titles = objectiveTitles(language)
  // The money of an unpublished project is in the totals (it left the pools) but placed on no objective or country.
  const placed = byProject.map((p) => (p.published ? p : { ...p, objectives: [], countries: [] }))
  return {
    totals,
    // Largest first (contributionsByDonor orders by the sum cast to text, i.e. alphabetically).
    donors: donors.map((d) => ({ name: d.donor, anonymous: d.donor === null, usd: d.usd, contributions: d.count })).sort((a, b) => b.usd - a.usd),
    projects: byProject.map((p) => ({ id: p.projectId, title: p.published ? p.title : null, published: p.published, allocated: p.allocated, disbursed: p.disbursed })),
    objectives: splitBy(placed, 'objectives').map((r) => {
      const number = typeof r.part === 'number' ? r.part : null
      return { number, shortTitle: number === null ? null : (titles.get(number) ?? null), allocated: r.allocated, disbursed: r.disbursed }
    }),
    countries: splitBy(placed, 'countries').map((r) => {
      const code = r.part === '—' ? null : String(r.part)
      return { code, name: code ? countryName(code, language) : null, allocated: r.allocated, disbursed: r.disbursed }
    }),
  }
}
export type FundOverview = Awaited<ReturnType<typeof fundOverview>>

/**
 * A ledger account as the public may see it: donor accounts named after a person become `donor:individual`, and
 * every donor account of an anonymous contribution `donor:anonymous`. Organisations, pools and projects stay.
 */
export function publicAccount(account: string, anonymous: boolean) {
  if (!account.startsWith('donor:')) return account
  if (anonymous) return 'donor:anonymous'
  return account.startsWith('donor:org:') ? account : 'donor:individual'
}

/** Every ledger entry with its transaction, oldest first, accounts made public (for the CSV download). */
export async function publicLedgerEntries(db: Db) {
  const rows = await db
    .select({
      createdAt: ledgerTransactions.createdAt,
      transactionId: ledgerTransactions.id,
      kind: ledgerTransactions.kind,
      // Disbursements carry their public reference on the tranche they paid.
      reference: sql<string | null>`coalesce(${ledgerTransactions.reference}, ${tranches.reference})`,
      projectId: ledgerTransactions.projectId,
      milestoneId: ledgerTransactions.milestoneId,
      account: ledgerEntries.account,
      currency: ledgerEntries.currency,
      amount: ledgerEntries.amount,
      anonymous: contributions.anonymous,
    })
    .from(ledgerEntries)
    .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerEntries.transactionId))
    .leftJoin(contributions, eq(contributions.id, ledgerTransactions.contributionId))
    .leftJoin(tranches, eq(tranches.disbursementId, ledgerTransactions.id))
    .orderBy(asc(ledgerTransactions.createdAt), asc(ledgerTransactions.id), asc(ledgerEntries.id))
  return rows.map(({ anonymous, ...row }) => ({ ...row, account: publicAccount(row.account, anonymous ?? false) }))
}

/** What a contribution is earmarked for, in words the pages can show (a project's title only once it is public). */
async function earmarkTargets(db: Db, rows: Pick<Contribution, 'earmarkObjective' | 'earmarkProjectId'>[], staff: boolean, language: string) {
  const projectIds = [...new Set(rows.flatMap((r) => (r.earmarkProjectId ? [r.earmarkProjectId] : [])))]
  const titles = objectiveTitles(language)
  const projectRows = projectIds.length
    ? await db.select({ id: projects.id, title: projects.title, publishedAt: projects.publishedAt }).from(projects).where(inArray(projects.id, projectIds))
    : []
  return (row: Pick<Contribution, 'earmark' | 'earmarkObjective' | 'earmarkProjectId'>) => {
    if (row.earmark === 'objective' && row.earmarkObjective) return { kind: 'objective' as const, objective: row.earmarkObjective, title: titles.get(row.earmarkObjective) ?? '' }
    if (row.earmark === 'project' && row.earmarkProjectId) {
      const p = projectRows.find((x) => x.id === row.earmarkProjectId)
      const published = Boolean(p?.publishedAt)
      return { kind: 'project' as const, projectId: row.earmarkProjectId, published, title: published || staff ? (p?.title ?? null) : null }
    }
    return { kind: 'fund' as const }
  }
}
export type EarmarkTarget = ReturnType<Awaited<ReturnType<typeof earmarkTargets>>>

/** Allocations made from a pool, with what each has disbursed so far. */
async function allocationsFromPool(db: Db, pool: string, staff: boolean) {
  const rows = await db
    .select({
      id: allocations.id,
      projectId: allocations.projectId,
      amountUsd: allocations.amountUsd,
      status: allocations.status,
      createdAt: allocations.createdAt,
      title: projects.title,
      publishedAt: projects.publishedAt,
      disbursed: sql<string>`(select coalesce(sum(${tranches.amountUsd}), 0) from ${tranches} where ${tranches.allocationId} = ${allocations.id} and ${tranches.disbursementId} is not null)::text`,
    })
    .from(allocations)
    .innerJoin(projects, eq(projects.id, allocations.projectId))
    .where(eq(allocations.pool, pool))
    .orderBy(desc(allocations.createdAt))
  return rows.map(({ title, publishedAt, disbursed, ...a }) => ({ ...a, published: Boolean(publishedAt), title: publishedAt || staff ? title : null, disbursed: Number(disbursed) }))
}

/** One contribution for the donor who made it or the secretariat; anyone else gets null (a 404). Objectives are named in `language`. */
export async function contributionForReader(db: Db, user: SessionUser, id: ContributionId, language: string) {
  const [contribution] = await db.select().from(contributions).where(eq(contributions.id, id))
  const staff = can(user, 'manage:fund')
  if (!contribution || (contribution.donorUserId !== user.id && !staff)) return null
  const pool = poolOf(contribution)
  const [receipts, targetOf, fromPool, poolBalance] = await Promise.all([
    db.select().from(pledgeReceipts).where(eq(pledgeReceipts.contributionId, id)).orderBy(asc(pledgeReceipts.receivedOn), asc(pledgeReceipts.createdAt)),
    earmarkTargets(db, [contribution], staff, language),
    allocationsFromPool(db, pool, staff),
    balanceOf(db, pool),
  ])
  return { contribution, receipts, earmark: targetOf(contribution), pool, poolBalance, allocations: fromPool }
}

/** The donor's dashboard: their contributions with what arrived, and what they gave in all (objectives named in `language`). */
export async function donorDashboard(db: Db, user: SessionUser, language: string) {
  const rows = await db.select().from(contributions).where(eq(contributions.donorUserId, user.id)).orderBy(desc(contributions.createdAt))
  const ids = rows.map((r) => r.id)
  const [targetOf, receiptCounts] = await Promise.all([
    earmarkTargets(db, rows, false, language),
    ids.length
      ? db
          .select({ id: pledgeReceipts.contributionId, count: sql<number>`count(*)::int` })
          .from(pledgeReceipts)
          .where(inArray(pledgeReceipts.contributionId, ids))
          .groupBy(pledgeReceipts.contributionId)
      : [],
  ])
  const outstanding = new Map<string, number>()
  for (const r of rows) if (r.status === 'pledged') outstanding.set(r.currency, (outstanding.get(r.currency) ?? 0) + r.amount - r.receivedAmount)
  return {
    contributions: rows.map((r) => ({ ...r, earmarkTarget: targetOf(r), receipts: receiptCounts.find((c) => c.id === r.id)?.count ?? 0 })),
    givenUsd: rows.reduce((sum, r) => sum + r.receivedUsd - r.refundedUsd, 0),
    pledgedOutstanding: [...outstanding.entries()].map(([currency, amount]) => ({ currency, amount })).sort((a, b) => a.currency.localeCompare(b.currency)),
  }
}

/** Verified organisations the user may give on behalf of. */
export async function donorOrganizationsOf(db: Db, user: SessionUser) {
  const rows = await organizationsOf(db, user.id)
  return rows.filter((o) => o.verificationStatus === 'verified').map((o) => ({ id: o.id, name: o.name }))
}
