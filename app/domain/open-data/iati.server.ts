import { and, asc, eq, inArray, isNotNull, or, sql } from 'drizzle-orm'
import { contributions, ledgerEntries, ledgerTransactions, organizations, projects, tranches, type ProjectId } from '#db/schema/index'
import type { Db } from '~/utils/db.server'
import { isoDay } from '../projects/progress'
import { describeProject } from '../projects/public.server'
import { vocabularyIn } from '../vocabulary/translations.server'
import { supportedLanguages } from '~/utils/i18n'
import { hub, organisationTypeCode, type IatiActivity, type IatiOrg, type IatiTransaction } from './iati'
import { absoluteUrl, urls } from '~/utils/urls'

/**
 * What the IATI file says of each published project: its public description (the same as the project's page
 * and JSON) and the fund's ledger movements for it. Donors appear only as organisations that did not ask to
 * stay anonymous; a person who gave is "an individual donor", never named.
 */

/** The ledger entry that carries a transaction's amount for the project, by kind of movement. */
const projectEntry = or(
  and(inArray(ledgerTransactions.kind, ['contribution', 'pledge_receipt', 'refund']), sql`${ledgerEntries.account} = 'fund:project:' || ${ledgerTransactions.projectId}`),
  and(inArray(ledgerTransactions.kind, ['allocation', 'allocation_reversal']), sql`${ledgerEntries.account} = 'project:' || ${ledgerTransactions.projectId} || ':allocated'`),
  and(eq(ledgerTransactions.kind, 'disbursement'), sql`${ledgerEntries.account} = 'project:' || ${ledgerTransactions.projectId} || ':disbursed'`),
)

async function ledgerOf(db: Db, projectIds: ProjectId[]) {
  if (!projectIds.length) return []
  return db
    .select({
      id: ledgerTransactions.id,
      kind: ledgerTransactions.kind,
      projectId: ledgerTransactions.projectId,
      createdAt: ledgerTransactions.createdAt,
      reference: sql<string | null>`coalesce(${ledgerTransactions.reference}, ${tranches.reference})`,
      amount: ledgerEntries.amount,
      currency: ledgerEntries.currency,
      anonymous: contributions.anonymous,
      donorOrganization: organizations.name,
      donorType: organizations.type,
    })
    .from(ledgerTransactions)
    .innerJoin(ledgerEntries, eq(ledgerEntries.transactionId, ledgerTransactions.id))
    .leftJoin(tranches, eq(tranches.disbursementId, ledgerTransactions.id))
    .leftJoin(contributions, eq(contributions.id, ledgerTransactions.contributionId))
    .leftJoin(organizations, eq(organizations.id, contributions.donorOrganizationId))
    .where(and(inArray(ledgerTransactions.projectId, projectIds), projectEntry))
    .orderBy(asc(ledgerTransactions.createdAt), asc(ledgerTransactions.id))
}

type LedgerRow = Awaited<ReturnType<typeof ledgerOf>>[number]

function donor(row: LedgerRow): IatiOrg {
  if (row.anonymous) return { name: 'Anonymous donor', type: '90' }
  if (row.donorOrganization && row.donorType) return { name: row.donorOrganization, type: organisationTypeCode[row.donorType] }
  return { name: 'Individual donor', type: '90' }
}

function toTransaction(row: LedgerRow, implementer: IatiOrg | null): IatiTransaction {
  const base = { id: row.id, date: row.createdAt.toISOString(), amount: row.amount, currency: row.currency, description: row.reference }
  if (row.kind === 'disbursement') return { ...base, type: 'disbursement', provider: hub, receiver: implementer }
  if (row.kind === 'allocation' || row.kind === 'allocation_reversal') return { ...base, type: 'commitment', provider: hub, receiver: implementer }
  return { ...base, type: 'incoming', provider: donor(row), receiver: hub }
}

/** Every published project as an IATI activity, oldest publication first. */
export async function iatiActivities(db: Db, origin: string): Promise<IatiActivity[]> {
  const rows = await db.select().from(projects).where(isNotNull(projects.publishedAt)).orderBy(asc(projects.publishedAt), asc(projects.id))
  const ledger = await ledgerOf(db, rows.map((r) => r.id))
  // The file is in English; an objective's tag also carries its title in the other languages of the Hub.
  const english = vocabularyIn('en')
  const others = supportedLanguages.filter((language) => language !== 'en').map(vocabularyIn)
  const objective = (number: number) => {
    const title = english.objective(number)?.title ?? `Objective ${number}`
    const translations = others.flatMap((v) => {
      const text = v.objective(number)?.title
      return text && text !== title ? [{ language: v.language, title: text }] : []
    })
    return { number, title, translations }
  }
  const activities: IatiActivity[] = []
  for (const row of rows) {
    const p = await describeProject(db, row)
    const implementing = p.participants.find((x) => x.role === 'implementing')
    const implementer = implementing ? { name: implementing.name, type: organisationTypeCode[implementing.type] } : null
    const own = ledger.filter((l) => l.projectId === row.id)
    const finished = row.completedAt ?? row.closedAt ?? row.cancelledAt
    activities.push({
      projectId: row.id,
      title: p.title,
      summary: p.summary,
      status: p.status,
      // A movement of money changes the activity as much as an edit of the project does.
      updatedAt: new Date(Math.max(row.updatedAt.getTime(), ...own.map((l) => l.createdAt.getTime()))),
      url: absoluteUrl(origin, urls.project(row.id)),
      dates: {
        plannedStart: p.startDate,
        plannedEnd: p.endDate,
        actualStart: row.startedAt ? isoDay(row.startedAt) : null,
        actualEnd: finished && ['completed', 'closed', 'cancelled'].includes(row.status) ? isoDay(finished) : null,
      },
      participants: p.participants.map(({ name, role, type }) => ({ name, role, type })),
      fundedByHub: own.some((l) => l.kind === 'allocation'),
      countries: row.countries,
      regions: row.regions,
      objectives: row.objectives.map(objective),
      budget: { amount: row.budgetAmount, currency: row.budgetCurrency },
      transactions: own.map((l) => toTransaction(l, implementer)),
      indicators: p.indicators.map(({ name, level, unit, baseline, target, actual, breakdown }) => ({ name, level, unit, baseline, target, actual, breakdown })),
    })
  }
  return activities
}
