import { and, eq, inArray } from 'drizzle-orm'
import { memberships, organizations, projectParticipants, projects, type OrganizationId, type ParticipantRole, type ProjectId } from '#db/schema/index'
import type { Db } from '~/utils/db.server'
import { noAccess, projectAccess, type ProjectAccess, type ProjectCapacity } from '../access/projects'
import type { SessionUser } from '../accounts/sessions.server'
import { forbidden, notFound } from '../errors'
import { membersOfOrganizations, secretariatMembers } from '../notifications/notifications.server'

export type Project = typeof projects.$inferSelect

export async function participantsOf(db: Db, projectId: ProjectId) {
  return db
    .select({ organizationId: projectParticipants.organizationId, role: projectParticipants.role, name: organizations.name, slug: organizations.slug, type: organizations.type, country: organizations.country })
    .from(projectParticipants)
    .innerJoin(organizations, eq(organizations.id, projectParticipants.organizationId))
    .where(eq(projectParticipants.projectId, projectId))
    .orderBy(projectParticipants.role, organizations.name)
}

/** Organisations of a project holding any of these roles. */
export async function organizationsInRole(db: Db, projectId: ProjectId, roles: ParticipantRole[]) {
  const rows = await db
    .select({ id: projectParticipants.organizationId })
    .from(projectParticipants)
    .where(and(eq(projectParticipants.projectId, projectId), inArray(projectParticipants.role, roles)))
  return [...new Set(rows.map((r) => r.id))]
}

/** The person's capacities in the project (see access/projects.ts), from the participants they are a member of. */
export async function accessTo(db: Db, user: SessionUser | null, projectId: ProjectId): Promise<ProjectAccess> {
  if (!user) return noAccess
  const holdings = await db
    .select({ role: projectParticipants.role, memberRole: memberships.role, verification: organizations.verificationStatus })
    .from(projectParticipants)
    .innerJoin(memberships, and(eq(memberships.organizationId, projectParticipants.organizationId), eq(memberships.userId, user.id)))
    .innerJoin(organizations, eq(organizations.id, projectParticipants.organizationId))
    .where(eq(projectParticipants.projectId, projectId))
  return projectAccess(user, holdings.map((h) => ({ role: h.role, memberRole: h.memberRole, organizationVerified: h.verification === 'verified' })))
}

/** The project and the reader's access, or 404 for anyone who is not a party (its existence is not revealed). */
export async function projectForParty(db: Db, user: SessionUser, projectId: ProjectId) {
  const [project] = await db.select().from(projects).where(eq(projects.id, projectId))
  if (!project) throw notFound()
  const access = await accessTo(db, user, projectId)
  if (!access.party) throw notFound()
  return { project, access }
}

/** Locks the project row for a change and checks the actor holds one of the given capacities. */
export async function lockProjectFor(tx: Db, user: SessionUser, projectId: ProjectId, allowed: ProjectCapacity[]) {
  const [project] = await tx.select().from(projects).where(eq(projects.id, projectId)).for('update')
  if (!project) throw notFound()
  const access = await accessTo(tx, user, projectId)
  if (!access.party) throw notFound()
  if (!allowed.some((capacity) => access[capacity])) throw forbidden()
  return { project, access }
}

/** Everyone to tell about a project's news: the members of every participant and the secretariat. */
export async function projectAudience(tx: Db, projectId: ProjectId, options: { secretariat?: boolean } = {}) {
  const orgs = await tx.select({ id: projectParticipants.organizationId }).from(projectParticipants).where(eq(projectParticipants.projectId, projectId))
  const members = await membersOfOrganizations(tx, [...new Set(orgs.map((o) => o.id as OrganizationId))])
  return options.secretariat === false ? members : [...members, ...(await secretariatMembers(tx))]
}

export async function implementersOf(tx: Db, projectId: ProjectId) {
  return membersOfOrganizations(tx, await organizationsInRole(tx, projectId, ['implementing']))
}
