import { asc, eq } from 'drizzle-orm'
import { organizations, projectBudgetSources, projectMessages, requests, users, type ProjectId } from '#db/schema/index'
import type { Db } from '~/utils/db.server'
import { allocationsOfProject } from './funding.server'
import { allowedActions } from '../lifecycle'
import type { ProjectAccess } from '../access/projects'
import { participantsOf, type Project } from './access.server'
import { documentsOf } from './documents.server'
import { isCompletedProject, isDeliveredReview, isFinishedProject, isReportingProject, projectMachine } from './lifecycle'
import { computeProgress, dueItems, isoDay } from './progress'
import { approvedValuesOf, finalReportOf, progressUpdatesOf } from './reports.server'
import { indicatorsOf, milestonesOf, workplanEditable } from './workplan.server'

/** The parties' thread, oldest first; inside the workspace the parties see each other's names. */
export function messagesOf(db: Db, projectId: ProjectId) {
  return db
    .select({ id: projectMessages.id, body: projectMessages.body, createdAt: projectMessages.createdAt, author: users.displayName })
    .from(projectMessages)
    .leftJoin(users, eq(users.id, projectMessages.authorId))
    .where(eq(projectMessages.projectId, projectId))
    .orderBy(asc(projectMessages.createdAt), asc(projectMessages.id))
}

export function budgetSourcesOf(db: Db, projectId: ProjectId) {
  return db
    .select({ id: projectBudgetSources.id, label: projectBudgetSources.label, amount: projectBudgetSources.amount, organization: organizations.name, slug: organizations.slug })
    .from(projectBudgetSources)
    .leftJoin(organizations, eq(organizations.id, projectBudgetSources.organizationId))
    .where(eq(projectBudgetSources.projectId, projectId))
    .orderBy(asc(projectBudgetSources.label))
}

/** Each participating organisation once, with all the roles it holds. */
async function participantsWithRoles(db: Db, projectId: ProjectId) {
  const rows = await participantsOf(db, projectId)
  const byOrg = new Map<string, { organizationId: string; name: string; slug: string; roles: (typeof rows)[number]['role'][] }>()
  for (const row of rows) {
    const entry = byOrg.get(row.organizationId) ?? { organizationId: row.organizationId, name: row.name, slug: row.slug, roles: [] }
    entry.roles.push(row.role)
    byOrg.set(row.organizationId, entry)
  }
  return [...byOrg.values()]
}

/** Everything a party's workspace shows about one project; progress and what is due are computed from approved work. */
export async function projectWorkspace(db: Db, project: Project, today = isoDay(new Date())) {
  const [milestones, indicators, values, updates, final, participants, sources, documents, messages, [request], funding] = await Promise.all([
    milestonesOf(db, project.id),
    indicatorsOf(db, project.id),
    approvedValuesOf(db, [project.id]),
    progressUpdatesOf(db, project.id),
    finalReportOf(db, project.id),
    participantsWithRoles(db, project.id),
    budgetSourcesOf(db, project.id),
    documentsOf(db, project.id),
    messagesOf(db, project.id),
    db.select({ id: requests.id, title: requests.title }).from(requests).where(eq(requests.id, project.requestId)),
    allocationsOfProject(db, project.id),
  ])
  const progress = computeProgress({ milestones, indicators, approvedValues: values })
  const due = dueItems(
    {
      status: project.status,
      startDate: project.startDate,
      endDate: project.endDate,
      reportingMonths: project.reportingMonths,
      milestones,
      reportedPeriodEnds: updates.filter((u) => isDeliveredReview(u.status)).map((u) => u.periodEnd),
      finalReportStatus: final.report?.status ?? null,
    },
    today,
  )
  return {
    milestones,
    indicators,
    progress,
    due,
    updates: updates.map(({ id, periodStart, periodEnd, status, submittedAt, approvedAt }) => ({ id, periodStart, periodEnd, status, submittedAt, approvedAt })),
    finalReport: final.report ? { status: final.report.status, submittedAt: final.report.submittedAt } : null,
    evaluated: final.evaluation !== null,
    participants,
    sources,
    documents,
    messages,
    request: request ?? null,
    /** The start-up fund's allocations to this project, each tranche with the milestone it pays for. */
    funding: funding.map((a) => ({
      id: a.id,
      amountUsd: a.amountUsd,
      status: a.status,
      createdAt: a.createdAt,
      tranches: a.tranches.map((tr) => ({ id: tr.id, amountUsd: tr.amountUsd, milestone: milestones.find((m) => m.id === tr.milestoneId)?.title ?? '', reference: tr.reference, disbursedAt: tr.disbursedAt })),
    })),
  }
}

export type ProjectWorkspace = Awaited<ReturnType<typeof projectWorkspace>>

/**
 * What this reader may do here, so the page shows only the forms they can use. The domain functions check
 * the same rules again; this only keeps the page honest.
 */
export function workspaceAbilities(project: Project, access: ProjectAccess) {
  const editable = workplanEditable(project)
  const finished = isFinishedProject(project.status)
  return {
    steer: access.secretariat ? allowedActions(projectMachine, project.status) : [],
    publish: access.secretariat,
    editWorkplan: editable && (access.implementer || access.secretariat),
    submitWorkplan: editable && access.implementer,
    reviewWorkplan: access.secretariat && project.workplanStatus === 'pending',
    writeUpdate: access.implementer && isReportingProject(project.status),
    writeFinalReport: access.implementer && isCompletedProject(project.status),
    /** Drafts are the implementer's own work in progress. */
    seeDraftUpdates: access.implementer,
    upload: access.party,
    post: access.party && !finished,
  }
}

export type WorkspaceAbilities = ReturnType<typeof workspaceAbilities>
