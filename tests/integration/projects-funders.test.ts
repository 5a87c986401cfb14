import { and, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { auditLog, type ProjectId } from '#db/schema/index'
import type { SessionUser } from '~/domain/accounts/sessions.server'
import { accessTo, participantsOf } from '~/domain/projects/access.server'
import { answerFundingInvitation, fundingInvitationsFor } from '~/domain/projects/funders.server'
import { createProjectFromMatch, publishProject } from '~/domain/projects/projects.server'
import { publicProject } from '~/domain/projects/public.server'
import { db } from '~/utils/db.server'
import { noticeKindsOf, projectOrigin, projectSetup, testMatch, verifiedParty, type TestParty } from '../factories'
import { expectDomainError } from './support'
import { callApi } from './open-data-support'

/** A project the requesting State sets up, naming `funder` as a funder and as the source of part of the budget. */
async function projectNamingFunder(funder: TestParty, by: 'state' | 'secretariat' = 'state') {
  const match = await testMatch()
  const user = by === 'state' ? match.state.member : match.secretariat
  const input = projectSetup({ funderIds: [funder.org.id], sources: [{ label: 'Co-financing', amount: 20_000, organizationId: funder.org.id }] })
  const projectId = (await createProjectFromMatch(db, { user, matchId: match.matchId, input, origin: projectOrigin })) as ProjectId
  await publishProject(db, match.secretariat, projectId, true)
  return { ...match, projectId }
}

/** Everything the public can read about a project: its page data, its API record, the projects CSV and the IATI file. */
async function publicTexts(projectId: ProjectId) {
  const page = JSON.stringify(await publicProject(db, projectId))
  const api = await (await callApi('/projects/{id}', { id: projectId })).text()
  const csv = await (await callApi('/projects.csv')).text()
  const iati = await (await callApi('/iati/activities.xml')).text()
  return { page, api, csv, iati }
}

const fundingRoles = async (projectId: ProjectId, funder: TestParty) => (await participantsOf(db, projectId)).filter((p) => p.organizationId === funder.org.id).map((p) => p.role)
const auditOf = (projectId: ProjectId, action: string) => db.select().from(auditLog).where(and(eq(auditLog.entityId, projectId), eq(auditLog.action, action)))
const answer = (user: SessionUser, projectId: ProjectId, funder: TestParty, decision: 'accept' | 'decline') =>
  answerFundingInvitation(db, { user, projectId, organizationId: funder.org.id, decision, origin: projectOrigin })

describe('a funder named by the State', () => {
  test('stays pending until its admin accepts: no workspace, absent from the public project, the API, the CSV and IATI', async () => {
    const foundation = await verifiedParty('philanthropy')
    const project = await projectNamingFunder(foundation)

    expect(await fundingRoles(project.projectId, foundation)).toEqual([])
    expect((await accessTo(db, foundation.owner, project.projectId)).party).toBe(false)
    for (const [where, text] of Object.entries(await publicTexts(project.projectId))) expect(text, where).not.toContain(foundation.org.name)

    // Its members see the invitation (and were told of it); only an owner or admin may answer.
    expect(await fundingInvitationsFor(db, foundation.member)).toMatchObject([{ projectId: project.projectId, organizationId: foundation.org.id, mayAnswer: false }])
    expect(await fundingInvitationsFor(db, foundation.owner)).toMatchObject([{ projectId: project.projectId, organizationName: foundation.org.name, mayAnswer: true }])
    expect(await noticeKindsOf(foundation.owner.id)).toContain('fundingInvited')
    await expectDomainError(answer(foundation.member, project.projectId, foundation, 'accept'), { status: 403 })
    await expectDomainError(answer(project.state.member, project.projectId, foundation, 'accept'), { status: 404 })

    await answer(foundation.owner, project.projectId, foundation, 'accept')
    expect(await fundingRoles(project.projectId, foundation)).toEqual(['funding'])
    expect((await accessTo(db, foundation.member, project.projectId)).funder).toBe(true)
    for (const [where, text] of Object.entries(await publicTexts(project.projectId))) expect(text, where).toContain(foundation.org.name)
    expect(await fundingInvitationsFor(db, foundation.owner)).toEqual([])
    expect(await auditOf(project.projectId, 'project.funder_accepted')).toMatchObject([{ actorId: foundation.owner.id, summary: { organizationId: foundation.org.id } }])
    await expectDomainError(answer(foundation.owner, project.projectId, foundation, 'decline'), { status: 409 })
  })

  test('a declined invitation leaves the organisation out for good, and is audited', async () => {
    const foundation = await verifiedParty('philanthropy')
    const project = await projectNamingFunder(foundation)
    await answer(foundation.owner, project.projectId, foundation, 'decline')
    expect(await fundingRoles(project.projectId, foundation)).toEqual([])
    expect((await accessTo(db, foundation.owner, project.projectId)).party).toBe(false)
    for (const [where, text] of Object.entries(await publicTexts(project.projectId))) expect(text, where).not.toContain(foundation.org.name)
    expect(await fundingInvitationsFor(db, foundation.owner)).toEqual([])
    expect(await auditOf(project.projectId, 'project.funder_declined')).toMatchObject([{ actorId: foundation.owner.id, summary: { organizationId: foundation.org.id } }])
    expect(await noticeKindsOf(project.state.member.id)).toContain('fundingDeclined')
  })

  test('the secretariat names a funder directly: accepted at once', async () => {
    const foundation = await verifiedParty('philanthropy')
    const project = await projectNamingFunder(foundation, 'secretariat')
    expect(await fundingRoles(project.projectId, foundation)).toEqual(['funding'])
    expect(await fundingInvitationsFor(db, foundation.owner)).toEqual([])
    expect((await publicTexts(project.projectId)).iati).toContain(foundation.org.name)
  })
})
