import { randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import { type ContributionId, type MatchId, type ProjectId, type RequestId } from '#db/schema/index'
import type { SessionUser } from '~/domain/accounts/sessions.server'
import { allocate } from '~/domain/fund/allocations.server'
import { recordPledge, recordPledgeReceipt } from '~/domain/fund/contributions.server'
import { accounts } from '~/domain/ledger/ledger.server'
import { AllocationSchema, PledgeReceiptSchema, PledgeSchema } from '~/domain/fund/schemas'
import { createPracticeFromProject, reviewPractice, submitPractice } from '~/domain/practices/practices.server'
import { decideMatch, expressInterest } from '~/domain/matching/matches.server'
import type { Organization } from '~/domain/organizations/organizations.server'
import { addDocument } from '~/domain/projects/documents.server'
import { createProjectFromMatch, postProjectMessage, publishProject, transitionProject } from '~/domain/projects/projects.server'
import { evaluateProject, reviewFinalReport, reviewProgressUpdate, saveFinalReport, saveProgressUpdate } from '~/domain/projects/reports.server'
import { EvaluationSchema, EvidenceSchema, FinalReportSchema, IndicatorSchema, MilestoneSchema, ProgressUpdateSchema, ReviewSchema } from '~/domain/projects/schemas'
import { addIndicator, addMilestone, reviewMilestone, reviewWorkplan, startMilestone, submitMilestone, submitWorkplan } from '~/domain/projects/workplan.server'
import { createRequest, transitionRequest } from '~/domain/requests/requests.server'
import { RequestSchema } from '~/domain/requests/schemas'
import { loader as dashboards } from '~/routes/api.v1.dashboards'
import { loader as fundTransactionsCsv } from '~/routes/api.v1.fund.transactions[.]csv'
import { loader as fund } from '~/routes/api.v1.fund'
import { loader as iati } from '~/routes/api.v1.iati.activities[.]xml'
import { loader as offer } from '~/routes/api.v1.offers.$id'
import { loader as offersCsv } from '~/routes/api.v1.offers[.]csv'
import { loader as offersList } from '~/routes/api.v1.offers'
import { loader as openapi } from '~/routes/api.v1.openapi[.]json'
import { loader as practice } from '~/routes/api.v1.practices.$id'
import { loader as practicesCsv } from '~/routes/api.v1.practices[.]csv'
import { loader as practicesList } from '~/routes/api.v1.practices'
import { loader as project } from '~/routes/api.v1.projects.$id'
import { loader as projectsCsv } from '~/routes/api.v1.projects[.]csv'
import { loader as projectsList } from '~/routes/api.v1.projects'
import { loader as request } from '~/routes/api.v1.requests.$id'
import { loader as requestsCsv } from '~/routes/api.v1.requests[.]csv'
import { loader as requestsList } from '~/routes/api.v1.requests'
import { loader as taxonomy } from '~/routes/api.v1.taxonomy'
import { db } from '~/utils/db.server'
import { addMember, createOrganization, createUser, insertOffer, projectSetup, seedGrantTerms, uniqueSuffix, type TestUser } from '../factories'

/** Every /api/v1 route by the path the OpenAPI document gives it (relative to the server URL …/api/v1). */
export const loaders = {
  '/taxonomy': taxonomy,
  '/requests': requestsList,
  '/requests/{id}': request,
  '/requests.csv': requestsCsv,
  '/offers': offersList,
  '/offers/{id}': offer,
  '/offers.csv': offersCsv,
  '/projects': projectsList,
  '/projects/{id}': project,
  '/projects.csv': projectsCsv,
  '/fund': fund,
  '/fund/transactions.csv': fundTransactionsCsv,
  '/practices': practicesList,
  '/practices/{id}': practice,
  '/practices.csv': practicesCsv,
  '/dashboards': dashboards,
  '/iati/activities.xml': iati,
  '/openapi.json': openapi,
} as const
export type ApiPath = keyof typeof loaders

/** Calls a route's loader as Remix would, for `path` (a template) filled with `params`, and a query string. */
export async function callApi(template: string, params: Record<string, string> = {}, query = '', headers: Record<string, string> = {}) {
  const loader = loaders[template as ApiPath] as (args: { request: Request; params: Record<string, string>; context: { cspNonce: string } }) => Promise<Response>
  expect(loader, `no loader for ${template}`).toBeDefined()
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''))
  return loader({ request: new Request(`http://localhost/api/v1${path}${query ? `?${query}` : ''}`, { headers }), params, context: { cspNonce: '' } })
}

export { parseCsv } from './csv'

/** The title of the project that is never published (its request, under another title, is public). */
export const hiddenProjectTitle = (word: string) => `Unpublished pilot ${word}`

/** A title that needs every kind of CSV quoting and XML escaping. */
export const trickyTitle = (word: string) => `Remittances, "digital" channels & <data> — coût\r\nsecond line ${word}`

export const origin = 'http://hub.test'

export interface OpenDataWorld {
  word: string
  secretariat: SessionUser
  people: TestUser[]
  state: Organization
  partner: Organization
  donor: Organization
  requestId: RequestId
  offerId: string
  /** Published, active, with an allocation and a released tranche. */
  activeId: ProjectId
  /** Published and taken to closure, with private traces at every step. */
  closedId: ProjectId
  /** Never published, though money was allocated to it. */
  hiddenId: ProjectId
  /** Drawn from the closed project, returned once with a comment, then published. */
  practiceId: string
}

/**
 * Text only the parties may read, and people's names: seeded everywhere a party can write, so that a test can
 * prove none of it reaches the open data.
 */
export const PRIVATE = {
  contactName: 'Nadia Contact-Private',
  contactEmail: 'nadia.contact.private@example.org',
  contactPhone: '+880 1711 555 019',
  returnComment: 'Secretariat return comment, private QX1.',
  resubmitNote: 'State answer to the return, private QX2.',
  interest: 'Interest message from the partner, private QX3.',
  evidence: 'Milestone evidence kept between the parties, private QX4.',
  milestoneReview: 'Milestone review comment, private QX5.',
  narrative: 'Progress narrative with trainees’ names, private QX6.',
  updateReview: 'Progress update review comment, private QX7.',
  message: 'Project thread message, private QX8.',
  evaluation: 'Evaluation comment of the State, private QX9.',
  document: 'private-attendance-QXA.txt',
  workplanComment: 'Workplan review comment, private QXB.',
  pledgeNote: 'Note on the pledge, private QXC.',
  allocationNote: 'Allocation note of the secretariat, private QXD.',
  practiceReview: 'Practice review comment of the secretariat, private QXE.',
  anonymousDonor: 'Zora Anonymous-Giver',
  names: ['Sofia Secretariat-Private', 'Rahim State-Private', 'Lucia Partner-Private', 'Omar Donor-Private', 'Zora Anonymous-Giver'],
}

async function agreedMatch(world: { secretariat: SessionUser; stateMember: TestUser; partnerMember: TestUser; state: Organization; partner: Organization }, title: string, countries: string[], primaryObjective: number) {
  const input = RequestSchema.parse({
    title,
    summary: 'Design and pilot a course with the ministry of labour.',
    countries,
    primaryObjective,
    supportTypes: ['capacity_building'],
    languages: ['en'],
    contactName: PRIVATE.contactName,
    contactEmail: PRIVATE.contactEmail,
    contactPhone: PRIVATE.contactPhone,
  })
  const requestId = (await createRequest(db, world.stateMember.actor, world.state, input)) as RequestId
  await transitionRequest(db, world.stateMember.actor, requestId, 'submit', { origin })
  await transitionRequest(db, world.secretariat, requestId, 'return', { origin, message: PRIVATE.returnComment })
  await transitionRequest(db, world.stateMember.actor, requestId, 'submit', { origin, message: PRIVATE.resubmitNote })
  await transitionRequest(db, world.secretariat, requestId, 'publish', { origin })
  const matchId = (await expressInterest(db, world.partnerMember.actor, requestId, { providerId: world.partner.id, message: PRIVATE.interest }, origin)) as MatchId
  await decideMatch(db, world.stateMember.actor, matchId, { decision: 'accept', side: 'request' }, origin)
  return { requestId, matchId }
}

const approve = ReviewSchema.parse({ decision: 'approve' })

export async function seedOpenData(): Promise<OpenDataWorld> {
  const word = `od${uniqueSuffix()}`
  const [secretariatUser, stateMember, partnerMember, donorMember, anonymousGiver] = await Promise.all(
    PRIVATE.names.map((displayName, i) => createUser({ displayName, ...(i === 0 ? { role: 'secretariat' as const } : {}) })),
  )
  const secretariat = secretariatUser!.actor
  const state = (await createOrganization({ type: 'state', country: 'BGD', status: 'verified' })).org
  const partner = (await createOrganization({ type: 'civil_society', status: 'verified' })).org
  const donor = (await createOrganization({ type: 'philanthropy', status: 'verified' })).org
  await addMember(state.id, stateMember!.id, 'member')
  await addMember(partner.id, partnerMember!.id, 'member')
  await addMember(donor.id, donorMember!.id, 'member')
  const w = { secretariat, stateMember: stateMember!, partnerMember: partnerMember!, state, partner }
  const partnerActor = partnerMember!.actor

  const { requestId } = await agreedMatch(w, trickyTitle(word), ['BGD'], 20)

  const offerId = await insertOffer(
    {
      kind: 'financing',
      title: `Seed grants, "remittances" ${word}`,
      summary: 'Grants for pilots on remittances.',
      description: 'Grants for pilots run with a national partner.',
      primaryObjective: 20,
      ...seedGrantTerms,
    },
    { organizationId: donor.id, createdBy: donorMember!.id, status: 'active', publishedAt: new Date() },
  )

  const setup = (title: string) =>
    projectSetup({
      title,
      summary: `A pilot course ${word}.`,
      budgetAmount: '150000',
      funderIds: [donor.id],
      sources: [{ label: 'Foundation grant', amount: '50000', organizationId: donor.id }],
    })
  const newProject = async (title: string, countries: string[], objective: number, projectTitle = title) => {
    const { matchId } = await agreedMatch(w, title, countries, objective)
    return (await createProjectFromMatch(db, { user: secretariat, matchId, input: setup(projectTitle), origin })) as ProjectId
  }
  const startWithWorkplan = async (id: ProjectId) => {
    const milestone = await addMilestone(db, partnerActor, id, MilestoneSchema.parse({ title: 'Course designed and piloted', deliverable: 'Curriculum and pilot report', dueDate: '2030-06-30' }))
    const indicator = await addIndicator(db, partnerActor, id, IndicatorSchema.parse({ level: 'output', name: 'Workers trained before departure', unit: 'people', baseline: '0', target: '400', disaggregation: ['sex'] }))
    await submitWorkplan(db, partnerActor, id, origin)
    await reviewWorkplan(db, { user: secretariat, projectId: id, input: ReviewSchema.parse({ decision: 'return', comment: PRIVATE.workplanComment }), origin })
    await submitWorkplan(db, partnerActor, id, origin)
    await reviewWorkplan(db, { user: secretariat, projectId: id, input: approve, origin })
    await transitionProject(db, { user: secretariat, projectId: id, input: { action: 'start' }, origin })
    return { milestone: milestone!, indicator: indicator! }
  }

  // An active published project: the fund commits USD 1,000 and releases USD 400 when its milestone is approved.
  const activeId = await newProject(`Orientation & <pre-departure> course ${word}`, ['BGD', 'NPL', 'KEN'], 3)
  await publishProject(db, secretariat, activeId, true)
  const active = await startWithWorkplan(activeId)
  const pledge = async (user: SessionUser, input: Record<string, unknown>) => (await recordPledge(db, user, PledgeSchema.parse({ token: randomUUID(), ...input }), origin)) as ContributionId
  const receive = (id: ContributionId, amount: number) => recordPledgeReceipt(db, secretariat, id, PledgeReceiptSchema.parse({ receivedOn: '2030-01-15', amount, usdAmount: amount, reference: `BANK-${uniqueSuffix()}` }))
  await receive(await pledge(donorMember!.actor, { amount: 5000, currency: 'USD', organizationId: donor.id, note: PRIVATE.pledgeNote }), 5000)
  await receive(await pledge(anonymousGiver!.actor, { amount: 300, currency: 'USD', anonymous: 'on', earmark: 'project', projectId: activeId, note: PRIVATE.pledgeNote }), 300)
  await allocate(db, secretariat, AllocationSchema.parse({ projectId: activeId, pool: accounts.unallocated, amountUsd: 1000, note: PRIVATE.allocationNote, tranches: [{ milestoneId: active.milestone, amountUsd: 400 }] }), origin)
  await startMilestone(db, partnerActor, activeId, active.milestone)
  await submitMilestone(db, { user: partnerActor, projectId: activeId, milestoneId: active.milestone, input: EvidenceSchema.parse({ evidence: PRIVATE.evidence, links: 'https://evidence.example.org/sheets' }), file: null, origin })
  await reviewMilestone(db, { user: secretariat, projectId: activeId, milestoneId: active.milestone, input: ReviewSchema.parse({ decision: 'approve', comment: PRIVATE.milestoneReview }), origin })

  // A project taken to closure, leaving private traces at every step.
  const closedId = await newProject(`Returnee trainers ${word}`, ['KEN'], 6)
  await publishProject(db, secretariat, closedId, true)
  const closed = await startWithWorkplan(closedId)
  await startMilestone(db, partnerActor, closedId, closed.milestone)
  await submitMilestone(db, { user: partnerActor, projectId: closedId, milestoneId: closed.milestone, input: EvidenceSchema.parse({ evidence: PRIVATE.evidence }), file: null, origin })
  await reviewMilestone(db, { user: secretariat, projectId: closedId, milestoneId: closed.milestone, input: ReviewSchema.parse({ decision: 'approve', comment: PRIVATE.milestoneReview }), origin })
  await addDocument(db, partnerActor, closedId, { name: PRIVATE.document, bytes: new TextEncoder().encode(PRIVATE.contactName) })
  const values = [{ indicatorId: closed.indicator, value: '320', breakdown: [{ dimension: 'sex', category: 'female', value: '250' }, { dimension: 'sex', category: 'male', value: '70' }] }]
  const update = await saveProgressUpdate(db, { user: partnerActor, projectId: closedId, updateId: null, input: ProgressUpdateSchema.parse({ periodStart: '2030-01-01', periodEnd: '2030-06-30', narrative: PRIVATE.narrative, values }), submit: true, origin })
  await reviewProgressUpdate(db, { user: secretariat, projectId: closedId, updateId: update, input: ReviewSchema.parse({ decision: 'approve', comment: PRIVATE.updateReview }), origin })
  await postProjectMessage(db, { user: stateMember!.actor, projectId: closedId, body: PRIVATE.message, origin })
  await transitionProject(db, { user: secretariat, projectId: closedId, input: { action: 'complete' }, origin })
  const report = { results: 'Three hundred and twenty workers were trained.', lessons: 'Returnees as trainers made the course credible.', sustainability: 'The ministry runs the course.' }
  await saveFinalReport(db, { user: partnerActor, projectId: closedId, input: FinalReportSchema.parse(report), submit: true, origin })
  await reviewFinalReport(db, { user: secretariat, projectId: closedId, input: approve, origin })
  await evaluateProject(db, { user: stateMember!.actor, projectId: closedId, input: EvaluationSchema.parse({ rating: '4', comment: PRIVATE.evaluation }), origin })
  await transitionProject(db, { user: secretariat, projectId: closedId, input: { action: 'close' }, origin })

  // The closed project's lessons shared as a practice, returned once with a comment, then published.
  const practiceId = await createPracticeFromProject(db, partnerActor, closedId)
  await submitPractice(db, partnerActor, practiceId, origin)
  await reviewPractice(db, secretariat, practiceId, { decision: 'return', comment: PRIVATE.practiceReview }, origin)
  await submitPractice(db, partnerActor, practiceId, origin)
  await reviewPractice(db, secretariat, practiceId, { decision: 'publish' }, origin)

  // Money allocated to a project that is never published.
  const hiddenId = await newProject(`Pilot request ${word}`, ['BGD'], 3, hiddenProjectTitle(word))
  await allocate(db, secretariat, AllocationSchema.parse({ projectId: hiddenId, pool: accounts.unallocated, amountUsd: 100 }), origin)

  return {
    word,
    secretariat,
    people: [secretariatUser!, stateMember!, partnerMember!, donorMember!, anonymousGiver!],
    state,
    partner,
    donor,
    requestId,
    offerId,
    activeId,
    closedId,
    hiddenId,
    practiceId,
  }
}
