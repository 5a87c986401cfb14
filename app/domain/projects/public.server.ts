import { and, asc, eq, isNotNull } from 'drizzle-orm'
import { finalReports, organizations, projectBudgetSources, projectEvaluations, projects, type ProjectId } from '#db/schema/index'
import type { Db } from '~/utils/db.server'
import { accounts, balances } from '../ledger/ledger.server'
import { participantsOf } from './access.server'
import { iatiActivityStatus } from './lifecycle'
import { computeProgress, isoDay } from './progress'
import { approvedValuesOf } from './reports.server'
import { indicatorsOf, milestonesOf } from './workplan.server'

/**
 * What the public may know of a project: objectives, places, partners, progress, results and funding. Never
 * people, evidence, comments, documents or the thread. Unpublished projects do not exist for visitors.
 */
export async function publicProject(db: Db, projectId: ProjectId) {
  const [project] = await db.select().from(projects).where(and(eq(projects.id, projectId), isNotNull(projects.publishedAt)))
  if (!project) return null
  return describeProject(db, project)
}

/** The same public description for a party (who may see it before it is published). */
export async function describeProject(db: Db, project: typeof projects.$inferSelect) {
  const [participants, milestoneRows, indicatorRows, values, sources, [report], [evaluation], fund] = await Promise.all([
    participantsOf(db, project.id),
    milestonesOf(db, project.id),
    indicatorsOf(db, project.id),
    approvedValuesOf(db, [project.id]),
    db
      .select({ label: projectBudgetSources.label, amount: projectBudgetSources.amount, organizationId: projectBudgetSources.organizationId, organization: organizations.name })
      .from(projectBudgetSources)
      .leftJoin(organizations, eq(organizations.id, projectBudgetSources.organizationId))
      .where(eq(projectBudgetSources.projectId, project.id))
      .orderBy(asc(projectBudgetSources.label)),
    db.select({ results: finalReports.results, lessons: finalReports.lessons, sustainability: finalReports.sustainability }).from(finalReports).where(and(eq(finalReports.projectId, project.id), eq(finalReports.status, 'approved'))),
    db.select({ rating: projectEvaluations.rating }).from(projectEvaluations).where(eq(projectEvaluations.projectId, project.id)),
    balances(db, [accounts.allocated(project.id), accounts.disbursed(project.id)]),
  ])
  const progress = computeProgress({ milestones: milestoneRows, indicators: indicatorRows, approvedValues: values })
  // A source's organisation is named only once it has accepted to fund the project.
  const funders = new Set(participants.filter((p) => p.role === 'funding').map((p) => p.organizationId as string))
  const publicSources = sources.map(({ organizationId, organization, ...source }) => ({ ...source, organization: organizationId && funders.has(organizationId) ? organization : null }))
  const latestBreakdown = new Map(values.map((v) => [v.indicatorId as string, v.breakdown]))
  return {
    id: project.id,
    title: project.title,
    summary: project.summary,
    status: project.status,
    iatiStatus: iatiActivityStatus[project.status],
    objectives: project.objectives,
    countries: project.countries,
    requestId: project.requestId,
    startDate: project.startDate,
    endDate: project.endDate,
    startedAt: project.startedAt,
    completedAt: project.completedAt,
    closedAt: project.closedAt,
    publishedAt: project.publishedAt,
    cancelReason: project.status === 'cancelled' ? project.cancelReason : null,
    budget: { amount: project.budgetAmount, currency: project.budgetCurrency, sources: publicSources },
    /** What the start-up fund has committed (allocated, net of reversals) and paid out, in USD minor units. */
    fund: {
      allocatedUsd: (fund.get(accounts.allocated(project.id)) ?? 0) + (fund.get(accounts.disbursed(project.id)) ?? 0),
      disbursedUsd: fund.get(accounts.disbursed(project.id)) ?? 0,
    },
    participants: participants.map(({ name, slug, role, type, country }) => ({ name, slug, role, type, country })),
    progress: { percent: progress.percent, milestonesDone: progress.milestonesDone, milestonesTotal: progress.milestonesTotal },
    milestones: milestoneRows.map((m) => ({ title: m.title, dueDate: m.dueDate, status: m.status, approvedOn: m.approvedAt ? isoDay(m.approvedAt) : null })),
    indicators: indicatorRows.map((i) => {
      const p = progress.indicators.find((x) => x.id === i.id)
      return { name: i.name, level: i.level, unit: i.unit, baseline: i.baseline, target: i.target, actual: p?.actual ?? null, achievement: p?.achievement ?? 0, breakdown: latestBreakdown.get(i.id) ?? [] }
    }),
    finalReport: report ?? null,
    evaluationRating: evaluation?.rating ?? null,
  }
}
export type PublicProject = Awaited<ReturnType<typeof describeProject>>
