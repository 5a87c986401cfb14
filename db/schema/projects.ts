import { sql } from 'drizzle-orm'
import { bigint, check, date, index, integer, jsonb, numeric, pgEnum, pgTable, primaryKey, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from './accounts'
import { matches, type MatchId } from './matching'
import { organizations } from './organizations'
import { requests, type RequestId } from './requests'
import { bytea, createdAt, idKey, ownedBy, textList, ts, type Brand, type OrganizationId, type UserId } from './types'
import { fundingInvitationStatuses, indicatorLevels, milestoneStatuses, participantRoles, projectStatuses, reviewStatuses } from './enum-values'
export { fundingInvitationStatuses, indicatorLevels, milestoneStatuses, participantRoles, projectStatuses, reviewStatuses, type FundingInvitationStatus, type IndicatorLevel, type MilestoneStatus, type ParticipantRole, type ProjectStatus, type ReviewStatus } from './enum-values'


export type ProjectId = Brand<string, 'ProjectId'>
export type MilestoneId = Brand<string, 'MilestoneId'>
export type IndicatorId = Brand<string, 'IndicatorId'>
export type ProgressUpdateId = Brand<string, 'ProgressUpdateId'>
export type DocumentId = Brand<string, 'DocumentId'>

/** IATI activity status in brackets: inception (1 pipeline), active (2), on_hold (6 suspended), completed (3), closed (4), cancelled (5). */
export const projectStatus = pgEnum('project_status', projectStatuses)

/** IATI organisation roles: 1 funding, 2 accountable, 3 extending, 4 implementing. */
export const participantRole = pgEnum('participant_role', participantRoles)

/** A piece of work someone submits and the secretariat reviews: the workplan, a progress update, the final report. */
export const reviewStatus = pgEnum('review_status', reviewStatuses)

export const milestoneStatus = pgEnum('milestone_status', milestoneStatuses)

export const indicatorLevel = pgEnum('indicator_level', indicatorLevels)

/** An agreed match followed to completion. Objectives and countries come from the request. */
export const projects = pgTable(
  'projects',
  {
    id: idKey<ProjectId>(),
    key: text('key'),
    matchId: uuid('match_id')
      .notNull()
      .references(() => matches.id)
      .$type<MatchId>(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id)
      .$type<RequestId>(),
    /** The requesting State: IATI's accountable organisation. */
    stateId: uuid('state_id')
      .notNull()
      .references(() => organizations.id)
      .$type<OrganizationId>(),
    status: projectStatus('status').notNull().default('inception'),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    objectives: smallint('objectives').array().notNull(),
    countries: textList('countries'),
    regions: textList('regions'),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    budgetAmount: bigint('budget_amount', { mode: 'number' }).notNull(),
    budgetCurrency: text('budget_currency').notNull(),
    /** Months between progress updates; the next one is due that long after the last period ended. */
    reportingMonths: smallint('reporting_months').notNull().default(3),
    workplanStatus: reviewStatus('workplan_status').notNull().default('draft'),
    workplanComment: text('workplan_comment'),
    workplanApprovedAt: ts('workplan_approved_at'),
    cancelReason: text('cancel_reason'),
    holdReason: text('hold_reason'),
    publishedAt: ts('published_at'),
    startedAt: ts('started_at'),
    completedAt: ts('completed_at'),
    closedAt: ts('closed_at'),
    cancelledAt: ts('cancelled_at'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }).$type<UserId>(),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('projects_key_key').on(t.key),
    uniqueIndex('projects_match_key').on(t.matchId),
    uniqueIndex('projects_request_key').on(t.requestId),
    index('projects_status_idx').on(t.status, t.createdAt),
    index('projects_objectives_idx').using('gin', t.objectives),
    index('projects_countries_idx').using('gin', t.countries),
    check('projects_title_length', sql`length(${t.title}) between 5 and 200`),
    check('projects_summary_length', sql`length(${t.summary}) between 10 and 2000`),
    check('projects_dates_order', sql`${t.endDate} >= ${t.startDate}`),
    check('projects_budget', sql`${t.budgetAmount} >= 0 and ${t.budgetCurrency} ~ '^[A-Z]{3}$'`),
    check('projects_reporting_months', sql`${t.reportingMonths} between 1 and 12`),
    check('projects_cancelled_has_reason', sql`${t.status} <> 'cancelled' or ${t.cancelReason} is not null`),
    check('projects_active_needs_workplan', sql`${t.status} in ('inception', 'cancelled') or ${t.workplanStatus} = 'approved'`),
  ],
)

/** Organisations taking part, with their IATI role; an organisation may hold several roles. */
export const projectParticipants = pgTable(
  'project_participants',
  {
    projectId: ownedBy<ProjectId>('project_id', () => projects.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id)
      .$type<OrganizationId>(),
    role: participantRole('role').notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.organizationId, t.role] }), index('project_participants_org_idx').on(t.organizationId)],
)

export const fundingInvitationStatus = pgEnum('funding_invitation_status', fundingInvitationStatuses)

/**
 * A third party the requesting State named as a funder: it becomes a participant (and is shown as funding the
 * project) only once an owner or admin of the organisation accepts. Until then it sees nothing of the project.
 */
export const fundingInvitations = pgTable(
  'funding_invitations',
  {
    projectId: ownedBy<ProjectId>('project_id', () => projects.id),
    organizationId: ownedBy<OrganizationId>('organization_id', () => organizations.id),
    status: fundingInvitationStatus('status').notNull().default('pending'),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }).$type<UserId>(),
    answeredBy: uuid('answered_by').references(() => users.id, { onDelete: 'set null' }).$type<UserId>(),
    answeredAt: ts('answered_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.organizationId] }),
    index('funding_invitations_org_idx').on(t.organizationId, t.status),
    check('funding_invitations_answered', sql`(${t.status} = 'pending') = (${t.answeredAt} is null)`),
  ],
)

/** Where the budget comes from, in the project's currency. */
export const projectBudgetSources = pgTable(
  'project_budget_sources',
  {
    id: idKey(),
    projectId: ownedBy<ProjectId>('project_id', () => projects.id),
    organizationId: uuid('organization_id')
      .references(() => organizations.id)
      .$type<OrganizationId>(),
    label: text('label').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
  },
  (t) => [index('project_budget_sources_project_idx').on(t.projectId), check('project_budget_sources_amount', sql`${t.amount} > 0`), check('project_budget_sources_label', sql`length(${t.label}) between 2 and 200`)],
)

export const milestones = pgTable(
  'milestones',
  {
    id: idKey<MilestoneId>(),
    projectId: ownedBy<ProjectId>('project_id', () => projects.id),
    position: smallint('position').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    deliverable: text('deliverable').notNull(),
    dueDate: date('due_date').notNull(),
    /** Minor units of the project's currency, released when the milestone is approved (the fund, issue 6). */
    trancheAmount: bigint('tranche_amount', { mode: 'number' }),
    status: milestoneStatus('status').notNull().default('planned'),
    evidence: text('evidence'),
    evidenceLinks: textList('evidence_links'),
    reviewComment: text('review_comment'),
    submittedAt: ts('submitted_at'),
    approvedAt: ts('approved_at'),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }).$type<UserId>(),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('milestones_project_idx').on(t.projectId, t.position),
    index('milestones_open_due_idx').on(t.dueDate).where(sql`${t.status} in ('planned', 'in_progress', 'returned')`),
    check('milestones_title_length', sql`length(${t.title}) between 3 and 200`),
    check('milestones_tranche', sql`${t.trancheAmount} is null or ${t.trancheAmount} > 0`),
    check('milestones_submitted_has_evidence', sql`${t.status} not in ('submitted', 'approved') or ${t.evidence} is not null`),
    check('milestones_returned_has_comment', sql`${t.status} <> 'returned' or ${t.reviewComment} is not null`),
  ],
)

/** The results framework: what the project will change, measured against a baseline. */
export const indicators = pgTable(
  'indicators',
  {
    id: idKey<IndicatorId>(),
    projectId: ownedBy<ProjectId>('project_id', () => projects.id),
    position: smallint('position').notNull(),
    level: indicatorLevel('level').notNull(),
    name: text('name').notNull(),
    unit: text('unit').notNull(),
    baseline: numeric('baseline', { mode: 'number' }).notNull(),
    target: numeric('target', { mode: 'number' }).notNull(),
    /** Dimensions values are broken down by, e.g. ['sex', 'age']. */
    disaggregation: textList('disaggregation'),
    createdAt: createdAt(),
  },
  (t) => [
    index('indicators_project_idx').on(t.projectId, t.position),
    check('indicators_name_length', sql`length(${t.name}) between 3 and 300`),
    check('indicators_target_differs', sql`${t.target} <> ${t.baseline}`),
    check('indicators_disaggregation_known', sql`${t.disaggregation} <@ array['sex','age','migration_status','disability']::text[]`),
  ],
)

/** A period's report: narrative, the implementer's estimate, and indicator values. Only approved values count. */
export const progressUpdates = pgTable(
  'progress_updates',
  {
    id: idKey<ProgressUpdateId>(),
    projectId: ownedBy<ProjectId>('project_id', () => projects.id),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    narrative: text('narrative').notNull(),
    /** The implementer's own estimate of work done; the project's progress is computed, not this. */
    estimatedPercent: smallint('estimated_percent'),
    status: reviewStatus('status').notNull().default('draft'),
    reviewComment: text('review_comment'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }).$type<UserId>(),
    submittedAt: ts('submitted_at'),
    approvedAt: ts('approved_at'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('progress_updates_project_idx').on(t.projectId, t.periodEnd),
    check('progress_updates_period', sql`${t.periodEnd} >= ${t.periodStart}`),
    check('progress_updates_percent', sql`${t.estimatedPercent} is null or ${t.estimatedPercent} between 0 and 100`),
    check('progress_updates_narrative', sql`length(${t.narrative}) between 10 and 20000`),
    check('progress_updates_returned_has_comment', sql`${t.status} <> 'returned' or ${t.reviewComment} is not null`),
  ],
)

export interface Breakdown {
  dimension: string
  category: string
  value: number
}

/** An indicator's value at the end of a reporting period, optionally broken down (e.g. by sex and age). */
export const indicatorValues = pgTable(
  'indicator_values',
  {
    updateId: ownedBy<ProgressUpdateId>('update_id', () => progressUpdates.id),
    indicatorId: ownedBy<IndicatorId>('indicator_id', () => indicators.id),
    value: numeric('value', { mode: 'number' }).notNull(),
    breakdown: jsonb('breakdown').$type<Breakdown[]>().notNull().default([]),
  },
  (t) => [primaryKey({ columns: [t.updateId, t.indicatorId] })],
)

/** Results achieved, lessons learned and sustainability: the report that lets a project close. */
export const finalReports = pgTable(
  'final_reports',
  {
    projectId: uuid('project_id')
      .primaryKey()
      .references(() => projects.id, { onDelete: 'cascade' })
      .$type<ProjectId>(),
    results: text('results').notNull(),
    lessons: text('lessons').notNull(),
    sustainability: text('sustainability').notNull(),
    status: reviewStatus('status').notNull().default('draft'),
    reviewComment: text('review_comment'),
    submittedAt: ts('submitted_at'),
    approvedAt: ts('approved_at'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [check('final_reports_returned_has_comment', sql`${t.status} <> 'returned' or ${t.reviewComment} is not null`)],
)

/** The requesting State's word on how it went. */
export const projectEvaluations = pgTable(
  'project_evaluations',
  {
    projectId: uuid('project_id')
      .primaryKey()
      .references(() => projects.id, { onDelete: 'cascade' })
      .$type<ProjectId>(),
    rating: smallint('rating').notNull(),
    comment: text('comment').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }).$type<UserId>(),
    createdAt: createdAt(),
  },
  (t) => [check('project_evaluations_rating', sql`${t.rating} between 1 and 5`)],
)

/** Files shared in a project's workspace (evidence of milestones), kept in the database with their checksum. */
export const projectDocuments = pgTable(
  'project_documents',
  {
    id: idKey<DocumentId>(),
    projectId: ownedBy<ProjectId>('project_id', () => projects.id),
    milestoneId: uuid('milestone_id')
      .references(() => milestones.id, { onDelete: 'set null' })
      .$type<MilestoneId>(),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }).$type<UserId>(),
    createdAt: createdAt(),
  },
  (t) => [index('project_documents_project_idx').on(t.projectId, t.createdAt), check('project_documents_size', sql`${t.size} between 1 and 10485760`)],
)

/** The parties' discussion thread. */
export const projectMessages = pgTable(
  'project_messages',
  {
    id: idKey(),
    projectId: ownedBy<ProjectId>('project_id', () => projects.id),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }).$type<UserId>(),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('project_messages_project_idx').on(t.projectId, t.createdAt), check('project_messages_body', sql`length(${t.body}) between 1 and 5000`)],
)

/** Reminders already sent, so the daily job tells people once per due item and step. */
export const remindersSent = pgTable(
  'reminders_sent',
  {
    subject: text('subject').notNull(),
    step: text('step').notNull(),
    sentAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.subject, t.step] })],
)
