import { beforeAll, describe, expect, test } from 'vitest'
import type { MatchId, ProjectId, RequestId } from '#db/schema/index'
import type { SessionUser } from '~/domain/accounts/sessions.server'
import { decideMatch, expressInterest } from '~/domain/matching/matches.server'
import type { Organization } from '~/domain/organizations/organizations.server'
import { addDocument } from '~/domain/projects/documents.server'
import { createProjectFromMatch, postProjectMessage, publishProject, transitionProject } from '~/domain/projects/projects.server'
import { evaluateProject, reviewFinalReport, reviewProgressUpdate, saveFinalReport, saveProgressUpdate } from '~/domain/projects/reports.server'
import { EvaluationSchema, EvidenceSchema, FinalReportSchema, IndicatorSchema, MilestoneSchema, ProgressUpdateSchema, ReviewSchema } from '~/domain/projects/schemas'
import { addIndicator, addMilestone, reviewMilestone, reviewWorkplan, startMilestone, submitMilestone, submitWorkplan } from '~/domain/projects/workplan.server'
import { createRequest, transitionRequest } from '~/domain/requests/requests.server'
import { RequestSchema } from '~/domain/requests/schemas'
import { loader as projectLoader } from '~/routes/api.v1.projects.$id'
import { loader as projectsLoader } from '~/routes/api.v1.projects'
import { db } from '~/utils/db.server'
import { publicOrigin } from '~/utils/env.server'
import { addMember, createOrganization, createUser, projectSetup, type TestUser } from '../factories'
import { loaderArgs, readJson, type Listed as ListedPage } from './api-support'

const origin = 'http://hub.test'

// Everything a party writes that only the parties may read: none of it may reach the open data.
const PRIVATE = {
  evidence: 'Evidence kept between the parties: signed attendance sheets 7Q2.',
  review: 'Secretariat review comment for the parties only 8R4.',
  narrative: 'Progress narrative for the parties only, with names of trainees 9S6.',
  updateReview: 'Update review comment for the parties only 3T1.',
  message: 'Thread message for the parties only 5U8.',
  evaluation: 'The State’s evaluation comment, kept from the public 6V3.',
  document: 'private-attendance-list-4W9.txt',
}

let secretariat: SessionUser
let stateMember: TestUser
let partnerMember: TestUser
let state: Organization
let partner: Organization
let donor: Organization

beforeAll(async () => {
  secretariat = (await createUser({ role: 'secretariat', displayName: 'Sofia Secretariat-Private' })).actor
  const stateOrg = await createOrganization({ type: 'state', country: 'BGD', status: 'verified' })
  const partnerOrg = await createOrganization({ type: 'civil_society', status: 'verified' })
  state = stateOrg.org
  partner = partnerOrg.org
  donor = (await createOrganization({ type: 'philanthropy', status: 'verified' })).org
  stateMember = await createUser({ displayName: 'Rahim State-Private' })
  partnerMember = await createUser({ displayName: 'Lucia Partner-Private' })
  await addMember(state.id, stateMember.id, 'member')
  await addMember(partner.id, partnerMember.id, 'member')
})

/** A published request of the State, the partner's interest, both sides agreed: ready for a project. */
async function agreedMatch(title: string, countries: string[], primaryObjective: number) {
  const input = RequestSchema.parse({
    title,
    summary: 'Design and pilot a course with the ministry of labour and returnees as trainers.',
    countries,
    primaryObjective,
    supportTypes: ['capacity_building'],
    languages: ['en'],
  })
  const requestId = (await createRequest(db, stateMember.actor, state, input)) as RequestId
  await transitionRequest(db, stateMember.actor, requestId, 'submit', { origin })
  await transitionRequest(db, secretariat, requestId, 'publish', { origin })
  const matchId = (await expressInterest(db, partnerMember.actor, requestId, { providerId: partner.id, message: 'We ran the same course in Nepal and can adapt it.' }, origin)) as MatchId
  await decideMatch(db, stateMember.actor, matchId, { decision: 'accept', side: 'request' }, origin)
  return matchId
}

async function project(title: string, options: { countries: string[]; objective?: number; published?: boolean }) {
  const matchId = await agreedMatch(title, options.countries, options.objective ?? 3)
  const setup = projectSetup({
    title,
    budgetAmount: '150000',
    funderIds: [donor.id],
    sources: [{ label: 'Foundation grant', amount: '50000', organizationId: donor.id }],
  })
  const id = (await createProjectFromMatch(db, { user: secretariat, matchId, input: setup, origin })) as ProjectId
  if (options.published !== false) await publishProject(db, secretariat, id, true)
  return id
}

const approve = ReviewSchema.parse({ decision: 'approve' })

/** Takes a project through its whole life, leaving private traces at every step, and closes it. */
async function runToClosure(id: ProjectId) {
  const partnerActor = partnerMember.actor
  const milestone = await addMilestone(db, partnerActor, id, MilestoneSchema.parse({ title: 'Course designed and piloted', deliverable: 'Curriculum and pilot report', dueDate: '2030-06-30' }))
  const indicator = await addIndicator(
    db,
    partnerActor,
    id,
    IndicatorSchema.parse({ level: 'output', name: 'Workers trained before departure', unit: 'people', baseline: '0', target: '400', disaggregation: ['sex'] }),
  )
  await submitWorkplan(db, partnerActor, id, origin)
  await reviewWorkplan(db, { user: secretariat, projectId: id, input: approve, origin })
  await transitionProject(db, { user: secretariat, projectId: id, input: { action: 'start' }, origin })
  await startMilestone(db, partnerActor, id, milestone!)
  await submitMilestone(db, { user: partnerActor, projectId: id, milestoneId: milestone!, input: EvidenceSchema.parse({ evidence: PRIVATE.evidence, links: 'https://evidence.example.org/sheets' }), file: null, origin })
  await reviewMilestone(db, { user: secretariat, projectId: id, milestoneId: milestone!, input: ReviewSchema.parse({ decision: 'approve', comment: PRIVATE.review }), origin })
  await addDocument(db, partnerActor, id, { name: PRIVATE.document, bytes: new TextEncoder().encode('Names of trainees') })
  const values = [{ indicatorId: indicator, value: '320', breakdown: [{ dimension: 'sex', category: 'female', value: '250' }, { dimension: 'sex', category: 'male', value: '70' }] }]
  const update = await saveProgressUpdate(db, { user: partnerActor, projectId: id, updateId: null, input: ProgressUpdateSchema.parse({ periodStart: '2030-01-01', periodEnd: '2030-06-30', narrative: PRIVATE.narrative, values }), submit: true, origin })
  await reviewProgressUpdate(db, { user: secretariat, projectId: id, updateId: update, input: ReviewSchema.parse({ decision: 'approve', comment: PRIVATE.updateReview }), origin })
  await postProjectMessage(db, { user: stateMember.actor, projectId: id, body: PRIVATE.message, origin })
  await transitionProject(db, { user: secretariat, projectId: id, input: { action: 'complete' }, origin })
  const report = { results: 'Three hundred and twenty workers were trained before departure.', lessons: 'Returnees as trainers made the course credible.', sustainability: 'The ministry runs the course from its own budget.' }
  await saveFinalReport(db, { user: partnerActor, projectId: id, input: FinalReportSchema.parse(report), submit: true, origin })
  await reviewFinalReport(db, { user: secretariat, projectId: id, input: approve, origin })
  await evaluateProject(db, { user: stateMember.actor, projectId: id, input: EvaluationSchema.parse({ rating: '4', comment: PRIVATE.evaluation }), origin })
  await transitionProject(db, { user: secretariat, projectId: id, input: { action: 'close' }, origin })
  return report
}

async function get(path: string) {
  const url = new URL(`http://localhost${path}`)
  const id = url.pathname.split('/')[4]
  return readJson(id ? await projectLoader(loaderArgs(path, { id: decodeURIComponent(id) })) : await projectsLoader(loaderArgs(path)))
}

type Listed = ListedPage<Record<string, unknown>>

/** Nothing personal and nothing private: no email, no person's name, no evidence, comment, message or document. */
function expectOnlyPublicData(text: string) {
  expect(text).not.toContain('@')
  for (const value of Object.values(PRIVATE)) expect(text).not.toContain(value)
  for (const name of [stateMember.displayName, partnerMember.displayName, 'Sofia Secretariat-Private']) expect(text).not.toContain(name)
  expect(text).not.toMatch(/evidence|reviewComment|narrative|createdBy|authorId|fileName|sha256/i)
}

describe('GET /api/v1/projects', () => {
  let closed: ProjectId
  let inception: ProjectId
  let unpublished: ProjectId

  beforeAll(async () => {
    closed = await project('Orientation course for domestic workers (closed)', { countries: ['NRU'], objective: 3 })
    await runToClosure(closed)
    inception = await project('Remittance price comparison (inception)', { countries: ['NRU'], objective: 20 })
    unpublished = await project('Reintegration desks (not public)', { countries: ['NRU'], objective: 21, published: false })
    await project('Labour migration data system (Tuvalu)', { countries: ['TUV'], objective: 1 })
  })

  test('lists published projects only, with public fields and money in major units', async () => {
    const { status, cacheControl, allowOrigin, body, text } = await get('/api/v1/projects?country=NRU')
    expect(status).toBe(200)
    expect(cacheControl).toBe('public, max-age=60')
    expect(allowOrigin).toBe('*')
    const list = body as unknown as Listed
    expect(list).toMatchObject({ total: 2, page: 1, pageSize: 20, links: { next: null, prev: null } })
    expect(list.items.map((i) => i.id).sort()).toEqual([closed, inception].sort())
    expect(list.items.map((i) => i.id)).not.toContain(unpublished)
    expect(text).not.toContain('not public')
    expect(list.items.find((i) => i.id === closed)).toEqual({
      id: closed,
      url: `${publicOrigin()}/projects/${closed}`,
      title: 'Orientation course for domestic workers (closed)',
      summary: 'A pilot pre-departure course, delivered with the ministry of labour.',
      status: 'closed',
      iatiStatus: 4,
      publishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      state: { name: state.name },
      partners: expect.arrayContaining([
        { name: partner.name, role: 'implementing' },
        { name: donor.name, role: 'funding' },
      ]),
      objectives: [3],
      countries: ['NRU'],
      startDate: '2030-01-01',
      endDate: '2030-12-31',
      budget: { amount: 150000, currency: 'USD' },
      progress: { percent: 90, milestonesDone: 1, milestonesTotal: 1 },
    })
    expectOnlyPublicData(text)
  })

  test('filters by objective, country and status', async () => {
    const ids = async (query: string) => ((await get(`/api/v1/projects?${query}`)).body as unknown as Listed).items.map((i) => i.id)
    expect(await ids('country=NRU&objective=20')).toEqual([inception])
    expect(await ids('country=nru&status=closed')).toEqual([closed])
    expect(await ids('country=TUV&status=closed')).toEqual([])
    expect(await ids('objective=21')).toEqual([])
    expect(await ids('status=inception')).toHaveLength(2)
  })

  test('pages through the results with links.next and links.prev', async () => {
    const first = (await get('/api/v1/projects?country=NRU&pageSize=1')).body as unknown as Listed
    expect(first).toMatchObject({ total: 2, page: 1, pageSize: 1 })
    expect(first.items).toHaveLength(1)
    expect(first.links.prev).toBeNull()
    expect(first.links.next).toBe(`${publicOrigin()}/api/v1/projects?country=NRU&pageSize=1&page=2`)
    const second = (await get(first.links.next!.replace(publicOrigin(), ''))).body as unknown as Listed
    expect(second).toMatchObject({ page: 2, links: { next: null, prev: `${publicOrigin()}/api/v1/projects?country=NRU&pageSize=1` } })
    expect(second.items).toHaveLength(1)
    expect(second.items[0]!.id).not.toBe(first.items[0]!.id)
    const beyond = (await get('/api/v1/projects?country=NRU&page=9')).body as unknown as Listed
    expect(beyond).toMatchObject({ total: 2, page: 9, items: [] })
  })

  test('bad parameters are a 400 naming each one', async () => {
    for (const query of ['objective=99', 'objective=x', 'country=ZZZ', 'status=draft', 'pageSize=101', 'pageSize=0', 'page=abc', 'page=-1']) {
      const { status, body, cacheControl } = await get(`/api/v1/projects?${query}`)
      expect(status, query).toBe(400)
      expect(cacheControl, query).toBe('no-store')
      expect(body.error, query).toEqual(expect.stringContaining('not valid'))
      expect(body.issues, query).toEqual([expect.objectContaining({ parameter: query.split('=')[0], value: query.split('=')[1] })])
    }
    const { body } = await get('/api/v1/projects?objective=99&country=ZZZ')
    expect(body.issues).toEqual([
      { parameter: 'objective', value: '99', message: 'There is no objective “99”: the Compact’s objectives are numbered 1 to 23.' },
      { parameter: 'country', value: 'ZZZ', message: '“ZZZ” is not a country code: use ISO 3166-1 alpha-3 codes such as BGD or KEN.' },
    ])
  })

  test('GET /api/v1/projects/:id gives the public description, results and report, and nothing private', async () => {
    const { status, cacheControl, body, text } = await get(`/api/v1/projects/${closed}`)
    expect(status).toBe(200)
    expect(cacheControl).toBe('public, max-age=60')
    expect(body).toMatchObject({
      id: closed,
      url: `${publicOrigin()}/projects/${closed}`,
      timelineUrl: `${publicOrigin()}/projects/${closed}/timeline`,
      status: 'closed',
      iatiStatus: 4,
      objectives: [3],
      countries: ['NRU'],
      participants: expect.arrayContaining([
        { name: state.name, role: 'accountable', type: 'state', country: 'BGD' },
        { name: partner.name, role: 'implementing', type: 'civil_society', country: null },
        { name: donor.name, role: 'funding', type: 'philanthropy', country: null },
      ]),
      budget: { amount: 150000, currency: 'USD', sources: [{ label: 'Foundation grant', organization: donor.name, amount: 50000, currency: 'USD' }] },
      progress: { percent: 90, milestonesDone: 1, milestonesTotal: 1 },
      milestones: [{ title: 'Course designed and piloted', dueDate: '2030-06-30', status: 'approved', approvedOn: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) }],
      indicators: [
        {
          name: 'Workers trained before departure',
          level: 'output',
          unit: 'people',
          baseline: 0,
          target: 400,
          actual: 320,
          achievement: 0.8,
          breakdown: [
            { dimension: 'sex', category: 'female', value: 250 },
            { dimension: 'sex', category: 'male', value: 70 },
          ],
        },
      ],
      finalReport: {
        results: 'Three hundred and twenty workers were trained before departure.',
        lessons: 'Returnees as trainers made the course credible.',
        sustainability: 'The ministry runs the course from its own budget.',
      },
      evaluationRating: 4,
    })
    expectOnlyPublicData(text)
  })

  test('an unpublished or unknown project is a 404, a malformed id a 400', async () => {
    for (const id of [unpublished, '00000000-0000-4000-8000-000000000000']) {
      const { status, body, text } = await get(`/api/v1/projects/${id}`)
      expect(status, id).toBe(404)
      expect(body).toEqual({ error: expect.any(String) })
      expect(text).not.toContain('Reintegration desks')
    }
    for (const id of ['not-a-uuid', "1' OR '1'='1"]) {
      const { status, body, cacheControl } = await get(`/api/v1/projects/${encodeURIComponent(id)}`)
      expect(status, id).toBe(400)
      expect(cacheControl).toBe('no-store')
      expect(body).toEqual({ error: expect.stringContaining('not a project id') })
    }
  })

  test('unpublishing takes a project out of the open data at once', async () => {
    await publishProject(db, secretariat, inception, false)
    expect((await get(`/api/v1/projects/${inception}`)).status).toBe(404)
    expect(((await get('/api/v1/projects?country=NRU')).body as unknown as Listed).items.map((i) => i.id)).toEqual([closed])
    await publishProject(db, secretariat, inception, true)
  })
})
