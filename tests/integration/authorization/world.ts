import { randomUUID } from 'node:crypto'
import { and, asc, eq } from 'drizzle-orm'
import {
  alertUnsubscribeTokens,
  invitations,
  notifications,
  type ContributionId,
  type IndicatorId,
  type MatchId,
  type MilestoneId,
  type OrganizationId,
  type ProgressUpdateId,
  type ProjectId,
  type RequestId,
} from '#db/schema/index'
import { createSession } from '~/domain/accounts/sessions.server'
import { createSavedSearch } from '~/domain/alerts/saved-searches.server'
import { requestPasswordReset } from '~/domain/accounts/users.server'
import { allocate } from '~/domain/fund/allocations.server'
import { recordPledge, recordPledgeReceipt } from '~/domain/fund/contributions.server'
import { AllocationSchema, PledgeReceiptSchema, PledgeSchema } from '~/domain/fund/schemas'
import { accounts } from '~/domain/ledger/ledger.server'
import { decideMatch, expressInterest } from '~/domain/matching/matches.server'
import { createOffer, transitionOffer } from '~/domain/offers/offers.server'
import { OfferSchema } from '~/domain/offers/schemas'
import type { Organization } from '~/domain/organizations/organizations.server'
import { createPractice } from '~/domain/practices/practices.server'
import { PracticeSchema } from '~/domain/practices/schemas'
import { addDocument } from '~/domain/projects/documents.server'
import { createProjectFromMatch, transitionProject } from '~/domain/projects/projects.server'
import { evaluateProject, reviewFinalReport, saveFinalReport, saveProgressUpdate } from '~/domain/projects/reports.server'
import { addIndicator, addMilestone, reviewMilestone, reviewWorkplan, startMilestone, submitMilestone, submitWorkplan } from '~/domain/projects/workplan.server'
import { createRequest, transitionRequest } from '~/domain/requests/requests.server'
import { RequestSchema } from '~/domain/requests/schemas'
import { hashToken, randomToken } from '~/utils/crypto.server'
import { db } from '~/utils/db.server'
import { translator } from '~/utils/i18n.server'
import { addMember, createOrganization, createUser, evidenceInput, finalReportInput, indicatorInput, milestoneInput, progressUpdateInput, projectSetup, sampleFiles, uniqueEmail, uniqueSuffix, type TestUser } from '../../factories'
import { links, outboxTo, tokenIn } from '../support'

/** The people whose requests the matrix sends. The visitor has no session; everyone else signs in with one. */
export const personas = ['visitor', 'unverified', 'outsider', 'state', 'partner', 'donor', 'implementer', 'secretariat', 'admin'] as const
export type Persona = (typeof personas)[number]

const origin = links.origin

/**
 * One data world for the whole matrix, built once per file through the domain (as in life): each persona
 * owns a verified organisation of its kind (the State's focal point owns the State's), and every route has
 * something to point at in the state its steps need: a draft, a submitted and a published request, an open and an
 * agreed match, offers in each status, projects from inception to a reported completion, practices, a pledge,
 * an allocation, an invitation and a password-reset link.
 */
export async function buildWorld() {
  const people = {
    unverified: await createUser({ verified: false }),
    outsider: await createUser(),
    state: await createUser(),
    partner: await createUser(),
    donor: await createUser(),
    implementer: await createUser(),
    secretariat: await createUser({ role: 'secretariat' }),
    admin: await createUser({ role: 'admin' }),
  }
  const colleague = await createUser()
  const orgs = {
    state: await organization('state', people.state, 'BGD'),
    partner: await organization('civil_society', people.partner),
    implementer: await organization('civil_society', people.implementer),
    donor: await organization('philanthropy', people.donor),
    outsider: await organization('academia', people.outsider),
  }
  await addMember(orgs.state.id, colleague.id, 'member')
  const pendingOrg = (await createOrganization({ type: 'civil_society', status: 'pending' })).org
  const secretariat = people.secretariat.actor
  const state = people.state.actor

  const request = async (title: string) => (await createRequest(db, state, orgs.state, requestInput(title))) as RequestId
  const submitted = async (title: string) => {
    const id = await request(title)
    await transitionRequest(db, state, id, 'submit', { origin })
    return id
  }
  const published = async (title: string) => {
    const id = await submitted(title)
    await transitionRequest(db, secretariat, id, 'publish', { origin })
    return id
  }
  const agreedMatch = async (title: string) => {
    const requestId = await published(title)
    const message = 'We have run such courses in three countries and can adapt them.'
    const matchId = (await expressInterest(db, people.implementer.actor, requestId, { providerId: orgs.implementer.id, message }, origin)) as MatchId
    await decideMatch(db, state, matchId, { decision: 'accept', side: 'request' }, origin)
    return matchId
  }
  const project = async (title: string) => {
    const matchId = await agreedMatch(title)
    const input = projectSetup({ funderIds: [orgs.donor.id] })
    return (await createProjectFromMatch(db, { user: secretariat, matchId, input, origin })) as ProjectId
  }
  const implementer = people.implementer.actor
  const milestone = async (projectId: ProjectId, dueDate: string) => (await addMilestone(db, implementer, projectId, milestoneInput({ dueDate }))) as MilestoneId
  const approveWorkplan = async (projectId: ProjectId) => {
    await submitWorkplan(db, implementer, projectId, origin)
    await reviewWorkplan(db, { user: secretariat, projectId, input: { decision: 'approve' }, origin })
  }

  // Requests in each status their steps need.
  const requests = {
    draft: await request('Draft request on labour migration data'),
    submitted: await submitted('Submitted request on consular assistance'),
    /** Published, with the partner's open interest in it. */
    published: await published('Published request on pre-departure orientation'),
    /** Published, nobody has answered it yet. */
    open: await published('Open request on skills recognition'),
  }
  const interest = { providerId: orgs.partner.id, message: 'We can help with orientation courses in the region.' }
  const openMatch = (await expressInterest(db, people.partner.actor, requests.published, interest, origin)) as MatchId

  // Offers of the partner in each status.
  const offer = (title: string, publish: boolean) => createOffer(db, people.partner.actor, orgs.partner, offerInput(title), publish)
  const offers = { draft: await offer('Draft offer of trainers', false), active: await offer('Active offer of trainers', true), paused: await offer('Paused offer of trainers', true) }
  await transitionOffer(db, people.partner.actor, offers.paused as never, 'pause')

  // Projects from inception to a completion whose final report waits for review.
  const setupMatch = await agreedMatch('Agreed request on return and reintegration')
  const inception = await project('Project in inception')
  const inceptionMilestone = await milestone(inception, '2030-03-31')
  const inceptionIndicator = (await addIndicator(db, implementer, inception, indicatorInput())) as IndicatorId

  const workplanSubmitted = await project('Project whose workplan waits for review')
  await milestone(workplanSubmitted, '2030-03-31')
  await addIndicator(db, implementer, workplanSubmitted, indicatorInput())
  await submitWorkplan(db, implementer, workplanSubmitted, origin)

  const active = await project('Active project on orientation courses')
  const planned = await milestone(active, '2030-03-31')
  const underway = await milestone(active, '2030-06-30')
  const handedIn = await milestone(active, '2030-09-30')
  const indicator = (await addIndicator(db, implementer, active, indicatorInput())) as IndicatorId
  await approveWorkplan(active)
  await transitionProject(db, { user: secretariat, projectId: active, input: { action: 'start' }, origin })
  await startMilestone(db, implementer, active, underway)
  await submitMilestone(db, { user: implementer, projectId: active, milestoneId: handedIn, input: evidenceInput(), file: null, origin })
  const draftUpdate = (await saveProgressUpdate(db, { user: implementer, projectId: active, updateId: null, input: progressUpdateInput([{ indicatorId: indicator, value: 20 }]), submit: false, origin })) as ProgressUpdateId
  const pendingUpdate = (await saveProgressUpdate(db, { user: implementer, projectId: active, updateId: null, input: progressUpdateInput([], { periodStart: '2030-04-01', periodEnd: '2030-06-30' }), submit: true, origin })) as ProgressUpdateId
  const documentId = await addDocument(db, implementer, active, sampleFiles.pdf())

  const completed = async (title: string) => {
    const id = await project(title)
    const only = await milestone(id, '2030-03-31')
    await addIndicator(db, implementer, id, indicatorInput())
    await approveWorkplan(id)
    await transitionProject(db, { user: secretariat, projectId: id, input: { action: 'start' }, origin })
    await submitMilestone(db, { user: implementer, projectId: id, milestoneId: only, input: evidenceInput(), file: null, origin })
    await reviewMilestone(db, { user: secretariat, projectId: id, milestoneId: only, input: { decision: 'approve' }, origin })
    await transitionProject(db, { user: secretariat, projectId: id, input: { action: 'complete' }, origin })
    return id
  }
  // A project whose State named the donor's organisation as a funder: the organisation is invited, and its owner answers.
  const fundingInvited = (await createProjectFromMatch(db, {
    user: state,
    matchId: await agreedMatch('Agreed request whose funder is still to consent'),
    input: projectSetup({ funderIds: [orgs.donor.id] }),
    origin,
  })) as ProjectId

  const done = await completed('Completed project without its final report')
  const reported = await completed('Completed project whose final report waits for review')
  await saveFinalReport(db, { user: implementer, projectId: reported, input: finalReportInput(), submit: true, origin })
  const closed = await completed('Closed project whose lessons may become a practice')
  await saveFinalReport(db, { user: implementer, projectId: closed, input: finalReportInput(), submit: true, origin })
  await reviewFinalReport(db, { user: secretariat, projectId: closed, input: { decision: 'approve' }, origin })
  await evaluateProject(db, { user: state, projectId: closed, input: { rating: 4, comment: 'The course met its aims in every district.' }, origin })
  await transitionProject(db, { user: secretariat, projectId: closed, input: { action: 'close' }, origin })

  // Practices of the partner: a draft and one waiting for review.
  const practice = (title: string, submit: boolean) => createPractice(db, people.partner.actor, orgs.partner, practiceInput(title), { submit, origin })
  const practices = { draft: await practice('Draft practice on orientation', false), pending: await practice('Submitted practice on orientation', true) }

  // The fund: a pledge still to receive, and received money of which some is allocated to the active project.
  const pledge = async (amount: number) =>
    (await recordPledge(db, people.donor.actor, PledgeSchema.parse({ amount, currency: 'USD', organizationId: orgs.donor.id, token: randomUUID() }), origin)) as ContributionId
  const pledged = await pledge(2500)
  const received = await pledge(5000)
  await recordPledgeReceipt(db, secretariat, received, PledgeReceiptSchema.parse({ receivedOn: '2030-01-15', amount: 5000, usdAmount: 5000, reference: `BANK-${uniqueSuffix()}` }))
  const allocationId = await allocate(db, secretariat, AllocationSchema.parse({ projectId: active, pool: accounts.unallocated, amountUsd: 1000 }), origin)

  // The State invites the outsider's address; a colleague asked for a password reset.
  const invitationToken = randomToken()
  const [invitation] = await db
    .insert(invitations)
    .values({ organizationId: orgs.state.id, email: people.outsider.email, role: 'member', tokenHash: hashToken(invitationToken), invitedBy: people.state.id, expiresAt: new Date(Date.now() + 86_400_000) })
    .returning({ id: invitations.id })
  await requestPasswordReset(db, colleague.email, links)
  const resetEmail = (await outboxTo(colleague.email)).find((e) => e.template === 'reset_password')
  const resetToken = tokenIn(resetEmail!.textBody, '/reset-password?token=')

  const [notice] = await db.select({ id: notifications.id }).from(notifications).where(and(eq(notifications.userId, people.state.id))).orderBy(asc(notifications.createdAt)).limit(1)

  // The State's focal point saved a search, and was mailed a link that stops it.
  const alert = await createSavedSearch(db, { userId: people.state.id, input: { search: '/offers?objective=3', frequency: 'daily' }, t: translator('en'), locale: 'en' })
  const unsubscribeToken = randomToken()
  await db.insert(alertUnsubscribeTokens).values({ tokenHash: hashToken(unsubscribeToken), savedSearchId: alert.id })

  // Created last, so that each counts as a fresh sign-in (sessions.last_verified_at defaults to now): the steps behind
  // a step-up (requireRecentAuthentication) are then judged on permission alone, as right after signing in.
  const sessions = Object.fromEntries(await Promise.all(Object.entries(people).map(async ([name, user]) => [name, (await createSession(db, user.id)).token] as const))) as Record<Exclude<Persona, 'visitor'>, string>
  const spareSession = await createSession(db, people.state.id)

  return {
    people,
    colleague,
    orgs,
    pendingOrg,
    sessions,
    /** A second session of the State's focal point, which only they may end. */
    spareSessionId: spareSession.id,
    requests,
    openMatch,
    setupMatch,
    offers,
    projects: { inception, workplanSubmitted, active, done, reported, closed, fundingInvited },
    milestones: { inception: inceptionMilestone, planned, underway, handedIn },
    inceptionIndicator,
    updates: { draft: draftUpdate, pending: pendingUpdate },
    documentId,
    practices,
    contributions: { pledged, received },
    allocationId,
    invitation: { id: invitation!.id, token: invitationToken },
    resetToken,
    /** A notification the State's focal point received. */
    noticeId: notice!.id,
    /** The State's saved search, and its emailed unsubscribe token. */
    alert: { id: alert.id, unsubscribeToken },
  }
}

export type World = Awaited<ReturnType<typeof buildWorld>>

async function organization(type: 'state' | 'civil_society' | 'philanthropy' | 'academia', owner: TestUser, country?: string): Promise<Organization> {
  return (await createOrganization({ type, owner, status: 'verified', ...(country ? { country } : {}) })).org
}

/** The organisation a persona would act for: its own, or (for those without one) the partner's, to try. */
export function actingOrganization(world: World, persona: Persona): OrganizationId {
  const own = persona in world.orgs ? world.orgs[persona as keyof World['orgs']] : world.orgs.partner
  return own.id
}

export const requestInput = (title: string) =>
  RequestSchema.parse({ title, summary: 'Support to design and pilot a course with the ministry of labour.', countries: ['BGD'], primaryObjective: 3, supportTypes: ['capacity_building'], languages: ['en'] })

const offerInput = (title: string) =>
  OfferSchema.parse({ kind: 'expertise', title, summary: 'Trainers who have run orientation courses in three regions.', primaryObjective: 3, regions: ['142'], supportTypes: ['capacity_building'], languages: ['en'] })

const practiceInput = (title: string) => PracticeSchema.parse({ title, ...practiceStory, objectives: [3], countries: ['BGD'] })

/** What a practice must say before it is submitted. */
export const practiceStory = {
  summary: 'Evening courses reached more women than courses by day.',
  whatWasDone: 'The course moved to evening sessions in twelve district centres.',
  results: 'Twice as many women completed the course.',
  lessons: 'Timing matters more than venue for women who work by day.',
}

export const freshEmail = () => uniqueEmail('matrix')
