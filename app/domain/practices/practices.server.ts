import { and, asc, desc, eq, inArray } from 'drizzle-orm'
import {
  finalReports,
  memberships,
  milestones,
  organizations,
  practices,
  projectParticipants,
  projects,
  type OrganizationId,
  type PracticeId,
  type PracticeStatus,
  type ProjectId,
} from '#db/schema/index'
import { recordAudit } from '~/utils/audit.server'
import type { Db } from '~/utils/db.server'
import { can } from '~/domain/access/abilities'
import { contentSides } from '~/domain/access/content'
import type { SessionUser } from '../accounts/sessions.server'
import { DomainError, forbidden, notFound } from '../errors'
import { regionsCovering } from '../geography/geography.server'
import { nextStatus } from '../lifecycle'
import { membersOfOrganizations, notify, secretariatMembers } from '../notifications/notifications.server'
import { membershipContext, type Organization } from '../organizations/organizations.server'
import { accessTo } from '../projects/access.server'
import { isPracticeEditable, practiceMachine, type PracticeAction } from './lifecycle'
import type { PracticeInput, PracticeReviewInput } from './schemas'
import { urls } from '~/utils/urls'

export type PracticeRow = typeof practices.$inferSelect

/** The columns a practice's input sets; regions are derived from the countries, as for requests. */
export function practiceColumns(input: PracticeInput) {
  return {
    title: input.title,
    summary: input.summary,
    language: input.language,
    whatWasDone: input.whatWasDone ?? '',
    results: input.results ?? '',
    lessons: input.lessons ?? '',
    objectives: input.objectives,
    principles: input.principles,
    countries: input.countries,
    regions: regionsCovering(input.countries),
    periodStart: input.periodStart ?? null,
    periodEnd: input.periodEnd ?? null,
    links: input.links,
  }
}

const notVerified = () => new DomainError('practices.errors.organizationNotVerified', 'The secretariat has not verified this organisation yet.', 403)

/** Members of a verified organisation share its practices; anyone else is refused. */
export async function assertCanShareFor(db: Db, user: SessionUser, org: Organization) {
  const membership = await membershipContext(db, user, org)
  if (!membership) throw forbidden()
  if (!can(user, 'publish:content', membership)) throw notVerified()
}

/** Options of the form's two buttons: save the draft, or save it and submit it for review in the same step. */
export interface SaveOptions {
  submit?: boolean
  origin?: string
}

export async function createPractice(db: Db, user: SessionUser, org: Organization, input: PracticeInput, options: SaveOptions = {}) {
  await assertCanShareFor(db, user, org)
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(practices)
      .values({ ...practiceColumns(input), organizationId: org.id, createdBy: user.id })
      .returning({ id: practices.id })
    if (!row) throw new Error('practice not created')
    await recordAudit(tx, { actorId: user.id, action: 'practice.created', entityType: 'practice', entityId: row.id, summary: { title: input.title, organizationId: org.id } })
    if (options.submit) await move(tx, user, row.id, 'submit', { origin: options.origin ?? '' })
    return row.id
  })
}

interface Loaded {
  practice: PracticeRow
  org: Organization
  ownSide: boolean
  secretariat: boolean
}

/** Loads a practice (locked for the transaction) with who the user is to it; invisible to them → 404. */
async function loadForActor(tx: Db, user: SessionUser, id: PracticeId): Promise<Loaded> {
  const [row] = await tx
    .select({ practice: practices, org: organizations })
    .from(practices)
    .innerJoin(organizations, eq(organizations.id, practices.organizationId))
    .where(eq(practices.id, id))
    .for('update', { of: practices })
  if (!row) throw notFound()
  const membership = await membershipContext(tx, user, row.org)
  const { ownSide, secretariat } = contentSides(user, membership, 'review:practice')
  if (!ownSide && !secretariat) {
    // A member of an organisation still awaiting verification learns why; anyone else, only what is public.
    if (membership) throw notVerified()
    throw row.practice.status === 'published' ? forbidden() : notFound()
  }
  return { practice: row.practice, org: row.org, ownSide, secretariat }
}

export async function updatePractice(db: Db, user: SessionUser, id: PracticeId, input: PracticeInput, options: SaveOptions = {}) {
  await db.transaction(async (tx) => {
    const { practice, ownSide } = await loadForActor(tx, user, id)
    if (!ownSide) throw forbidden()
    if (!isPracticeEditable(practice.status)) throw new DomainError('practices.errors.notEditable', 'This practice can no longer be edited.', 409)
    const columns = practiceColumns(input)
    const changed = (Object.keys(columns) as (keyof typeof columns)[]).filter((k) => JSON.stringify(columns[k]) !== JSON.stringify(practice[k]))
    await tx.update(practices).set({ ...columns, updatedAt: new Date() }).where(eq(practices.id, id))
    await recordAudit(tx, { actorId: user.id, action: 'practice.updated', entityType: 'practice', entityId: id, summary: { changed } })
    if (options.submit) await move(tx, user, id, 'submit', { origin: options.origin ?? '' })
  })
}

const stamps: Partial<Record<PracticeStatus, 'submittedAt' | 'publishedAt'>> = { submitted: 'submittedAt', published: 'publishedAt' }

/** One step of the lifecycle, checked, stamped, audited and announced in one transaction. */
async function move(db: Db, user: SessionUser, id: PracticeId, action: PracticeAction, options: { comment?: string; origin: string }) {
  return db.transaction(async (tx) => {
    const { practice, org, ownSide, secretariat } = await loadForActor(tx, user, id)
    const allowed = action === 'publish' || action === 'return' ? secretariat : ownSide
    if (!allowed) throw forbidden()
    const status = nextStatus(practiceMachine, practice.status, action)
    const missing = (['whatWasDone', 'results', 'lessons'] as const).find((field) => !practice[field].trim())
    if (action === 'submit' && missing) {
      throw new DomainError('practices.errors.incomplete', 'Say what was done, what came of it and what was learned before submitting.', 422, missing)
    }
    if (action === 'return' && !options.comment) {
      throw new DomainError('practices.errors.commentRequired', 'Say what the organisation should add or change.', 400, 'comment')
    }
    const stamp = stamps[status]
    await tx
      .update(practices)
      .set({
        status,
        updatedAt: new Date(),
        ...(stamp ? { [stamp]: new Date() } : {}),
        ...(action === 'return' ? { reviewComment: options.comment } : action === 'publish' ? { reviewComment: null } : {}),
      })
      .where(eq(practices.id, id))
    await recordAudit(tx, {
      actorId: user.id,
      action: `practice.${action}`,
      entityType: 'practice',
      entityId: id,
      summary: { from: practice.status, to: status, ...(options.comment ? { comment: options.comment } : {}) },
    })
    const link = urls.practice(id)
    if (action === 'submit') {
      await notify(tx, await secretariatMembers(tx), { kind: 'practiceSubmitted', values: { title: practice.title, organization: org.name }, link }, options.origin)
    } else if (action === 'publish' || action === 'return') {
      const kind = action === 'publish' ? 'practice.published' : 'practice.returned'
      await notify(tx, await membersOfOrganizations(tx, [org.id]), { kind, values: { title: practice.title }, link }, options.origin)
    }
    return status
  })
}

export const submitPractice = (db: Db, user: SessionUser, id: PracticeId, origin: string) => move(db, user, id, 'submit', { origin })

export const withdrawPractice = (db: Db, user: SessionUser, id: PracticeId, origin: string) => move(db, user, id, 'withdraw', { origin })

/** The secretariat publishes a submitted practice, or returns it with a comment saying what is missing. */
export const reviewPractice = (db: Db, user: SessionUser, id: PracticeId, review: PracticeReviewInput, origin: string) =>
  move(db, user, id, review.decision, { comment: review.comment, origin })

/** The organisation a party acts for in a project when it shares its lessons: the implementer first, then the State. */
async function sharingOrganization(tx: Db, user: SessionUser, projectId: ProjectId) {
  const rows = await tx
    .select({ id: projectParticipants.organizationId, role: projectParticipants.role })
    .from(projectParticipants)
    .innerJoin(memberships, and(eq(memberships.organizationId, projectParticipants.organizationId), eq(memberships.userId, user.id)))
    .innerJoin(organizations, eq(organizations.id, projectParticipants.organizationId))
    .where(and(eq(projectParticipants.projectId, projectId), inArray(projectParticipants.role, ['implementing', 'accountable']), eq(organizations.verificationStatus, 'verified')))
  return (rows.find((r) => r.role === 'implementing') ?? rows[0])?.id ?? null
}

/** Whether this person may turn the project's final report into a practice: an implementer or the State, once closed and approved. */
export async function canSharePracticeFromProject(db: Db, user: SessionUser | null, projectId: ProjectId) {
  if (!user) return false
  const [row] = await db
    .select({ status: projects.status, report: finalReports.status })
    .from(projects)
    .leftJoin(finalReports, eq(finalReports.projectId, projects.id))
    .where(eq(projects.id, projectId))
  if (row?.status !== 'closed' || row.report !== 'approved') return false
  const access = await accessTo(db, user, projectId)
  return access.implementer || access.state
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`)

/**
 * A draft practice prefilled from a closed project: its title, summary, objectives, countries and dates, the
 * milestones it delivered, and the results and lessons of its approved final report. Asking twice gives the same
 * draft while it is still being written.
 */
export async function createPracticeFromProject(db: Db, user: SessionUser, projectId: ProjectId) {
  return db.transaction(async (tx) => {
    const [project] = await tx.select().from(projects).where(eq(projects.id, projectId)).for('update')
    if (!project) throw notFound()
    const access = await accessTo(tx, user, projectId)
    if (!access.party) throw notFound()
    if (!access.implementer && !access.state) throw forbidden()
    if (project.status !== 'closed') throw new DomainError('practices.errors.projectNotClosed', 'Only a closed project’s lessons can be shared as a practice.', 409)
    const [report] = await tx.select().from(finalReports).where(eq(finalReports.projectId, projectId))
    if (report?.status !== 'approved') throw new DomainError('practices.errors.reportNotApproved', 'The project’s final report must be approved first.', 409)
    const organizationId = await sharingOrganization(tx, user, projectId)
    if (!organizationId) throw forbidden()
    const [existing] = await tx
      .select({ id: practices.id })
      .from(practices)
      .where(and(eq(practices.projectId, projectId), eq(practices.organizationId, organizationId), inArray(practices.status, ['draft', 'returned'])))
      .orderBy(desc(practices.createdAt))
      .limit(1)
    if (existing) return existing.id
    const delivered = await tx
      .select({ title: milestones.title })
      .from(milestones)
      .where(and(eq(milestones.projectId, projectId), eq(milestones.status, 'approved')))
      .orderBy(asc(milestones.position))
    const [row] = await tx
      .insert(practices)
      .values({
        organizationId,
        projectId,
        createdBy: user.id,
        title: clip(project.title, 200),
        summary: clip(project.summary, 1000),
        whatWasDone: delivered.map((m) => `– ${m.title}`).join('\n'),
        results: clip(report.results, 20_000),
        lessons: clip(report.lessons, 20_000),
        objectives: project.objectives,
        countries: project.countries,
        regions: regionsCovering(project.countries),
        periodStart: project.startDate,
        periodEnd: project.endDate,
      })
      .returning({ id: practices.id })
    if (!row) throw new Error('practice not created')
    await recordAudit(tx, { actorId: user.id, action: 'practice.createdFromProject', entityType: 'practice', entityId: row.id, summary: { projectId, organizationId } })
    return row.id
  })
}

/**
 * A practice as its reader may see it: everyone sees a published one; the submitting organisation's members and
 * the secretariat also see drafts and returned ones, with the secretariat's comment. Otherwise null (a 404).
 */
export async function practiceForReader(db: Db, user: SessionUser | null, id: PracticeId) {
  const [row] = await db
    .select({ practice: practices, org: organizations, project: { id: projects.id, title: projects.title, publishedAt: projects.publishedAt } })
    .from(practices)
    .innerJoin(organizations, eq(organizations.id, practices.organizationId))
    .leftJoin(projects, eq(projects.id, practices.projectId))
    .where(eq(practices.id, id))
  if (!row) return null
  const membership = user ? await membershipContext(db, user, row.org) : null
  const { ownSide, secretariat } = contentSides(user, membership, 'review:practice')
  const privileged = ownSide || secretariat
  if (!privileged && row.practice.status !== 'published') return null
  const project = row.project?.id && (row.project.publishedAt || privileged) ? { id: row.project.id, title: row.project.title } : null
  return { practice: row.practice, org: row.org, project, ownSide, secretariat, privileged }
}

/** The secretariat's queue: submitted practices, oldest first. */
export async function practiceReviewQueue(db: Db, user: SessionUser) {
  if (!can(user, 'review:practice')) throw forbidden()
  return db
    .select({
      id: practices.id,
      title: practices.title,
      summary: practices.summary,
      objectives: practices.objectives,
      countries: practices.countries,
      submittedAt: practices.submittedAt,
      fromProject: practices.projectId,
      organization: organizations.name,
    })
    .from(practices)
    .innerJoin(organizations, eq(organizations.id, practices.organizationId))
    .where(eq(practices.status, 'submitted'))
    .orderBy(asc(practices.submittedAt), asc(practices.id))
}

/** The practices of the organisations a person acts for, in any status, latest first. */
export async function practicesOfOrganizations(db: Db, organizationIds: OrganizationId[]) {
  if (organizationIds.length === 0) return []
  return db
    .select({ id: practices.id, title: practices.title, status: practices.status, updatedAt: practices.updatedAt, organization: organizations.name })
    .from(practices)
    .innerJoin(organizations, eq(organizations.id, practices.organizationId))
    .where(inArray(practices.organizationId, organizationIds))
    .orderBy(desc(practices.updatedAt))
    .limit(50)
}
