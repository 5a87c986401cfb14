import { and, asc, eq, inArray } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { fundingInvitations, memberships, organizations, projectParticipants, projects, type OrganizationId, type ProjectId } from '#db/schema/index'
import { recordAudit } from '~/utils/audit.server'
import type { Db } from '~/utils/db.server'
import { urls } from '~/utils/urls'
import { can } from '~/domain/access/abilities'
import type { SessionUser } from '../accounts/sessions.server'
import { DomainError, forbidden, notFound } from '../errors'
import { membersOfOrganizations, notify, secretariatMembers } from '../notifications/notifications.server'
import { organizationsInRole } from './access.server'

/**
 * Funders named when a project is set up. Naming an organisation as a funder shows it publicly (and in IATI) as
 * paying for the project and opens the workspace to its members, so a third party named by the State is only
 * invited: it joins when an owner or admin of the organisation accepts. The secretariat names funders directly.
 */

interface Naming {
  user: SessionUser
  projectId: ProjectId
  title: string
  /** Organisations that already consented: the requesting State itself and the provider of the agreed match. */
  consented: OrganizationId[]
  funderIds: OrganizationId[]
  origin: string
}

/** Organisations among `ids` the user may answer for (an owner or admin naming their own organisation consents). */
async function answerableBy(tx: Db, user: SessionUser, ids: OrganizationId[]) {
  if (ids.length === 0) return new Set<string>()
  const rows = await tx
    .select({ id: memberships.organizationId, role: memberships.role, verification: organizations.verificationStatus })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(and(eq(memberships.userId, user.id), inArray(memberships.organizationId, ids)))
  return new Set(rows.filter((r) => can(user, 'answer:funding', { role: r.role, organizationVerified: r.verification === 'verified' })).map((r) => r.id as string))
}

/** Adds the funders who consented and invites the others; returns the invited organisations. */
export async function nameFunders(tx: Db, { user, projectId, title, consented, funderIds, origin }: Naming) {
  const ids = [...new Set(funderIds)]
  const own = await answerableBy(tx, user, ids)
  const direct = can(user, 'manage:project')
  const joining = ids.filter((id) => direct || consented.includes(id) || own.has(id))
  const invited = ids.filter((id) => !joining.includes(id))
  if (joining.length) await tx.insert(projectParticipants).values(joining.map((organizationId) => ({ projectId, organizationId, role: 'funding' as const }))).onConflictDoNothing()
  if (invited.length === 0) return invited
  await tx.insert(fundingInvitations).values(invited.map((organizationId) => ({ projectId, organizationId, invitedBy: user.id })))
  await recordAudit(tx, { actorId: user.id, action: 'project.funders_invited', entityType: 'project', entityId: projectId, summary: { organizationIds: invited } })
  await notify(tx, await membersOfOrganizations(tx, invited), { kind: 'fundingInvited', values: { title }, link: urls.dashboard() }, origin)
  return invited
}

const stateOrg = alias(organizations, 'state_org')

/** Pending invitations to fund for the organisations the user belongs to; `mayAnswer` for owners and admins. */
export async function fundingInvitationsFor(db: Db, user: SessionUser) {
  const rows = await db
    .select({
      projectId: fundingInvitations.projectId,
      organizationId: fundingInvitations.organizationId,
      organizationName: organizations.name,
      organizationVerified: organizations.verificationStatus,
      role: memberships.role,
      projectTitle: projects.title,
      projectSummary: projects.summary,
      budgetAmount: projects.budgetAmount,
      budgetCurrency: projects.budgetCurrency,
      stateName: stateOrg.name,
      invitedAt: fundingInvitations.createdAt,
    })
    .from(fundingInvitations)
    .innerJoin(memberships, and(eq(memberships.organizationId, fundingInvitations.organizationId), eq(memberships.userId, user.id)))
    .innerJoin(organizations, eq(organizations.id, fundingInvitations.organizationId))
    .innerJoin(projects, eq(projects.id, fundingInvitations.projectId))
    .innerJoin(stateOrg, eq(stateOrg.id, projects.stateId))
    .where(eq(fundingInvitations.status, 'pending'))
    .orderBy(asc(fundingInvitations.createdAt))
  return rows.map(({ role, organizationVerified, ...r }) => ({ ...r, mayAnswer: can(user, 'answer:funding', { role, organizationVerified: organizationVerified === 'verified' }) }))
}
export type FundingInvitation = Awaited<ReturnType<typeof fundingInvitationsFor>>[number]

interface Answer {
  user: SessionUser
  projectId: ProjectId
  organizationId: OrganizationId
  decision: 'accept' | 'decline'
  origin: string
}

/** An owner or admin of the invited organisation accepts (it joins as a funder) or declines; both are audited. */
export async function answerFundingInvitation(db: Db, { user, projectId, organizationId, decision, origin }: Answer) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ status: fundingInvitations.status, organization: organizations, title: projects.title })
      .from(fundingInvitations)
      .innerJoin(organizations, eq(organizations.id, fundingInvitations.organizationId))
      .innerJoin(projects, eq(projects.id, fundingInvitations.projectId))
      .where(and(eq(fundingInvitations.projectId, projectId), eq(fundingInvitations.organizationId, organizationId)))
      .for('update', { of: fundingInvitations })
    const [membership] = row ? await tx.select({ role: memberships.role }).from(memberships).where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, user.id))) : []
    // Someone outside the organisation learns nothing of the invitation.
    if (!row || !membership) throw notFound()
    if (!can(user, 'answer:funding', { role: membership.role, organizationVerified: row.organization.verificationStatus === 'verified' })) throw forbidden('Only an owner or administrator of the organisation can answer an invitation to fund.')
    if (row.status !== 'pending') throw new DomainError('projects.fundingAnswered', 'This invitation to fund has already been answered.', 409)
    const accepted = decision === 'accept'
    await tx
      .update(fundingInvitations)
      .set({ status: accepted ? 'accepted' : 'declined', answeredBy: user.id, answeredAt: new Date() })
      .where(and(eq(fundingInvitations.projectId, projectId), eq(fundingInvitations.organizationId, organizationId)))
    if (accepted) await tx.insert(projectParticipants).values({ projectId, organizationId, role: 'funding' }).onConflictDoNothing()
    await recordAudit(tx, { actorId: user.id, action: accepted ? 'project.funder_accepted' : 'project.funder_declined', entityType: 'project', entityId: projectId, summary: { organizationId, organization: row.organization.name } })
    const told = [...(await membersOfOrganizations(tx, await organizationsInRole(tx, projectId, ['accountable']))), ...(await secretariatMembers(tx))]
    await notify(tx, told, { kind: accepted ? 'fundingAccepted' : 'fundingDeclined', values: { title: row.title, organization: row.organization.name }, link: urls.projectWorkspace(projectId) }, origin)
  })
}
