import { eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { practices, type PracticeId, type ProjectId } from '#db/schema/index'
import type { SessionUser } from '~/domain/accounts/sessions.server'
import { PracticeApiItem, PracticeApiList } from '~/domain/practices/api-schemas'
import { browse as browsePractices } from '~/domain/catalogue/browse.server'
import { publishedPracticesForExport } from '~/domain/open-data/exports.server'
import { parsePracticeParams, practiceQuery } from '~/domain/catalogue/filters'
import {
  canSharePracticeFromProject,
  createPractice,
  createPracticeFromProject,
  practiceForReader,
  practiceReviewQueue,
  reviewPractice,
  submitPractice,
  updatePractice,
  withdrawPractice,
} from '~/domain/practices/practices.server'
import { PracticeReviewSchema, PracticeSchema } from '~/domain/practices/schemas'
import type { Organization } from '~/domain/organizations/organizations.server'
import { transitionProject } from '~/domain/projects/projects.server'
import { evaluateProject, reviewFinalReport, saveFinalReport } from '~/domain/projects/reports.server'
import { EvaluationSchema } from '~/domain/projects/schemas'
import { loader as apiItemLoader } from '~/routes/api.v1.practices.$id'
import { loader as apiListLoader } from '~/routes/api.v1.practices'
import { loader as objectiveLoader } from '~/routes/objectives.$number'
import { loader as pageLoader } from '~/routes/practices.$id'
import { loader as listLoader } from '~/routes/practices._index'
import { db } from '~/utils/db.server'
import { addMember, auditActionsOf, completedProject, createOrganization, createUser, finalReportInput, noticeKindsOf, projectOrigin, uniqueSuffix, type TestUser } from '../factories'
import { expectDatabaseError, expectDomainError } from './support'

const origin = 'http://hub.test'
const PRIVATE_COMMENT = 'Please add the figures by sex; private note 4X7.'

let secretariat: TestUser
let member: TestUser
let colleague: TestUser
let outsider: TestUser
let pendingMember: TestUser
let org: Organization
let otherOrg: Organization
let pendingOrg: Organization

beforeAll(async () => {
  secretariat = await createUser({ role: 'secretariat', displayName: 'Sofia Secretariat-Private' })
  member = await createUser({ displayName: 'Lucia Member-Private' })
  colleague = await createUser({ displayName: 'Omar Colleague-Private' })
  outsider = await createUser()
  pendingMember = await createUser()
  org = (await createOrganization({ type: 'civil_society', status: 'verified' })).org
  otherOrg = (await createOrganization({ type: 'academia', status: 'verified', owner: outsider })).org
  pendingOrg = (await createOrganization({ type: 'civil_society', status: 'pending', owner: pendingMember })).org
  await addMember(org.id, member.id, 'member')
  await addMember(org.id, colleague.id, 'member')
})

const word = () => `w${uniqueSuffix()}`

function input(overrides: Record<string, unknown> = {}) {
  return PracticeSchema.parse({
    title: `Evening orientation courses ${word()}`,
    summary: 'Courses moved to the evening reached twice as many women domestic workers.',
    whatWasDone: 'The course was moved to evening sessions in twelve district centres, with childcare.',
    results: 'Attendance by women rose from 3,100 to 6,800 a year.',
    lessons: 'Returnee trainers were trusted more than officials.',
    objectives: ['3', '6'],
    principles: ['gender_responsive'],
    countries: ['BGD'],
    periodStart: '2024-01-01',
    periodEnd: '2024-12-31',
    links: 'https://example.org/report https://example.org/video',
    ...overrides,
  })
}

async function published(overrides: Record<string, unknown> = {}, by: { user: SessionUser; org: Organization } = { user: member.actor, org }) {
  const id = await createPractice(db, by.user, by.org, input(overrides), { submit: true, origin })
  await reviewPractice(db, secretariat.actor, id, { decision: 'publish' }, origin)
  return id
}

const statusOf = async (id: PracticeId) => (await db.select({ status: practices.status }).from(practices).where(eq(practices.id, id)))[0]?.status

const routeArgs = (path: string, params: Record<string, string> = {}) => ({ request: new Request(`http://localhost${path}`), params, context: { cspNonce: '' } })

async function thrownStatus(run: () => Promise<unknown>) {
  const thrown = await run().then(
    () => null,
    (e: unknown) => e,
  )
  expect(thrown, 'the loader answered instead of throwing').toBeInstanceOf(Response)
  return (thrown as Response).status
}

describe('lifecycle', () => {
  test('draft → submitted → returned with a comment → submitted → published → withdrawn, audited and announced', async () => {
    const id = await createPractice(db, member.actor, org, input())
    expect(await statusOf(id)).toBe('draft')
    await updatePractice(db, colleague.actor, id, input({ title: 'Evening orientation for women domestic workers' }))
    await submitPractice(db, member.actor, id, origin)
    expect(await statusOf(id)).toBe('submitted')
    expect(await noticeKindsOf(secretariat.id)).toContain('practiceSubmitted')
    expect((await practiceReviewQueue(db, secretariat.actor)).map((p) => p.id)).toContain(id)

    // The form schema asks for the comment; the domain refuses a return without one all the same.
    expect(PracticeReviewSchema.safeParse({ decision: 'return', comment: '  ' }).success).toBe(false)
    await expectDomainError(reviewPractice(db, secretariat.actor, id, { decision: 'return', comment: '' }, origin), { status: 400, code: 'practices.errors.commentRequired' })
    await reviewPractice(db, secretariat.actor, id, { decision: 'return', comment: PRIVATE_COMMENT }, origin)
    const [returned] = await db.select().from(practices).where(eq(practices.id, id))
    expect(returned).toMatchObject({ status: 'returned', reviewComment: PRIVATE_COMMENT })
    expect(await noticeKindsOf(member.id)).toEqual(['practice.returned'])
    expect(await noticeKindsOf(colleague.id)).toEqual(['practice.returned'])

    await updatePractice(db, member.actor, id, input({ title: 'Evening orientation for women domestic workers, with figures by sex' }), { submit: true, origin })
    expect(await statusOf(id)).toBe('submitted')
    await reviewPractice(db, secretariat.actor, id, { decision: 'publish' }, origin)
    const [done] = await db.select().from(practices).where(eq(practices.id, id))
    expect(done).toMatchObject({ status: 'published', reviewComment: null })
    expect(done?.publishedAt).toBeInstanceOf(Date)
    expect(await noticeKindsOf(member.id)).toEqual(['practice.returned', 'practice.published'])
    // Published practices are no longer edited; re-submitting or reviewing again is a conflict.
    await expectDomainError(updatePractice(db, member.actor, id, input()), { status: 409, code: 'practices.errors.notEditable' })
    await expectDomainError(submitPractice(db, member.actor, id, origin), { status: 409, code: 'lifecycle.notAllowed' })
    await expectDomainError(reviewPractice(db, secretariat.actor, id, { decision: 'return', comment: 'Too late now.' }, origin), { status: 409 })

    await withdrawPractice(db, member.actor, id, origin)
    expect(await statusOf(id)).toBe('withdrawn')
    expect(await auditActionsOf(id)).toEqual([
      'practice.created',
      'practice.updated',
      'practice.submit',
      'practice.return',
      'practice.updated',
      'practice.submit',
      'practice.publish',
      'practice.withdraw',
    ])
  })

  test('cannot be submitted without what was done, results and lessons', async () => {
    const id = await createPractice(db, member.actor, org, input({ results: '' }))
    const error = await expectDomainError(submitPractice(db, member.actor, id, origin), { status: 422, code: 'practices.errors.incomplete' })
    expect(error.field).toBe('results')
    // Saving and submitting in one step saves nothing when the submission is refused.
    await expectDomainError(createPractice(db, member.actor, org, input({ lessons: '', title: 'Never saved practice' }), { submit: true, origin }), { status: 422 })
    expect(await db.select().from(practices).where(eq(practices.title, 'Never saved practice'))).toEqual([])
  })
})

describe('permissions', () => {
  test('only members of the submitting verified organisation create, edit, submit and withdraw', async () => {
    await expectDomainError(createPractice(db, outsider.actor, org, input()), { status: 403, code: 'forbidden' })
    await expectDomainError(createPractice(db, pendingMember.actor, pendingOrg, input()), { status: 403, code: 'practices.errors.organizationNotVerified' })
    await expectDomainError(createPractice(db, secretariat.actor, org, input()), { status: 403 })

    const id = await createPractice(db, member.actor, org, input())
    // A draft does not exist for anyone else.
    await expectDomainError(updatePractice(db, outsider.actor, id, input()), { status: 404 })
    await expectDomainError(submitPractice(db, outsider.actor, id, origin), { status: 404 })
    await expectDomainError(withdrawPractice(db, outsider.actor, id, origin), { status: 404 })
    // The secretariat reviews; it does not write or submit for the organisation.
    await expectDomainError(updatePractice(db, secretariat.actor, id, input()), { status: 403 })
    await expectDomainError(submitPractice(db, secretariat.actor, id, origin), { status: 403 })
    expect(await statusOf(id)).toBe('draft')
    // Being a member of another verified organisation gives no right over this one's practices, nor the reverse.
    const theirs = await createPractice(db, outsider.actor, otherOrg, input())
    await expectDomainError(updatePractice(db, member.actor, theirs, input()), { status: 404 })
    await expectDomainError(withdrawPractice(db, member.actor, theirs, origin), { status: 404 })
  })

  test('only the secretariat publishes or returns', async () => {
    const id = await createPractice(db, member.actor, org, input(), { submit: true, origin })
    await expectDomainError(reviewPractice(db, member.actor, id, { decision: 'publish' }, origin), { status: 403 })
    await expectDomainError(reviewPractice(db, outsider.actor, id, { decision: 'publish' }, origin), { status: 404 })
    await expectDomainError(practiceReviewQueue(db, member.actor), { status: 403 })
    expect(await statusOf(id)).toBe('submitted')
    // Once public, a stranger is refused rather than told it does not exist.
    await reviewPractice(db, secretariat.actor, id, { decision: 'publish' }, origin)
    await expectDomainError(withdrawPractice(db, outsider.actor, id, origin), { status: 403 })
  })

  test('a visitor sees only published practices; drafts, returned and withdrawn ones are 404', async () => {
    const draft = await createPractice(db, member.actor, org, input())
    const returned = await createPractice(db, member.actor, org, input(), { submit: true, origin })
    await reviewPractice(db, secretariat.actor, returned, { decision: 'return', comment: PRIVATE_COMMENT }, origin)
    const withdrawn = await published()
    await withdrawPractice(db, member.actor, withdrawn, origin)
    const visible = await published()

    for (const id of [draft, returned, withdrawn]) {
      expect(await practiceForReader(db, null, id)).toBeNull()
      expect(await practiceForReader(db, outsider.actor, id)).toBeNull()
      expect(await thrownStatus(() => pageLoader(routeArgs(`/practices/${id}`, { id })))).toBe(404)
    }
    expect(await thrownStatus(() => pageLoader(routeArgs('/practices/not-a-uuid', { id: 'not-a-uuid' })))).toBe(404)
    // The organisation and the secretariat see the returned one with the comment.
    expect((await practiceForReader(db, colleague.actor, returned))?.practice.reviewComment).toBe(PRIVATE_COMMENT)
    expect((await practiceForReader(db, secretariat.actor, draft))?.privileged).toBe(true)

    const page = await pageLoader(routeArgs(`/practices/${visible}`, { id: visible }))
    expect(page.practice.id).toBe(visible)
    expect(page.privileged).toBe(false)
    expect(page.can).toEqual({ edit: false, submit: false, withdraw: false, review: false })
    expect(JSON.stringify(page)).not.toMatch(/Private|@/)
  })
})

describe('at least one objective', () => {
  test('is required by the form schema', () => {
    const parsed = PracticeSchema.safeParse({ title: 'A practice without objectives', summary: 'No objective was chosen for this one.', objectives: [] })
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual(['objectives', 'validation.objectivesRequired'])
    expect(PracticeSchema.safeParse({ ...input(), objectives: ['24'] }).success).toBe(false)
    expect(PracticeSchema.safeParse({ ...input(), objectives: ['3'], periodStart: '2024-05-01', periodEnd: '2024-01-01' }).success).toBe(false)
    expect(PracticeSchema.safeParse({ ...input(), objectives: ['3'], links: 'javascript:alert(1)' }).success).toBe(false)
  })

  test('and by the database', async () => {
    const row = { organizationId: org.id, title: 'Inserted around the domain', summary: 'Straight into the table, with no objective.' }
    await expectDatabaseError(db.insert(practices).values({ ...row, objectives: [] }), '23514')
    await expectDatabaseError(db.insert(practices).values({ ...row, objectives: [24] }), '23514')
    await expectDatabaseError(db.insert(practices).values({ ...row, objectives: [0] }), '23514')
    await expectDatabaseError(db.insert(practices).values({ ...row, objectives: [3], links: ['javascript:alert(1)'] }), '23514')
    await expectDatabaseError(db.insert(practices).values({ ...row, objectives: [3], periodStart: '2024-05-01', periodEnd: '2024-01-01' }), '23514')
    await expectDatabaseError(db.insert(practices).values({ ...row, objectives: [3], status: 'returned' }), '23514')
  })
})

describe('from a closed project', () => {
  let project: Awaited<ReturnType<typeof completedProject>>

  beforeAll(async () => {
    project = await completedProject()
  })

  test('only once the project is closed with its final report approved, by its implementer or State', async () => {
    const { projectId } = project
    const implementer = project.partner.member
    await expectDomainError(createPracticeFromProject(db, implementer, projectId), { status: 409, code: 'practices.errors.projectNotClosed' })
    expect(await canSharePracticeFromProject(db, implementer, projectId)).toBe(false)

    await saveFinalReport(db, { user: implementer, projectId, input: finalReportInput(), submit: true, origin: projectOrigin })
    await reviewFinalReport(db, { user: project.secretariat, projectId, input: { decision: 'approve' }, origin: projectOrigin })
    await evaluateProject(db, { user: project.state.member, projectId, input: EvaluationSchema.parse({ rating: 4, comment: 'It went well, and the ministry keeps the course.' }), origin: projectOrigin })
    await expectDomainError(createPracticeFromProject(db, implementer, projectId), { status: 409, code: 'practices.errors.projectNotClosed' })
    await transitionProject(db, { user: project.secretariat, projectId, input: { action: 'close' }, origin: projectOrigin })

    expect(await canSharePracticeFromProject(db, implementer, projectId)).toBe(true)
    expect(await canSharePracticeFromProject(db, project.secretariat, projectId)).toBe(false)
    expect(await canSharePracticeFromProject(db, null, projectId)).toBe(false)
    await expectDomainError(createPracticeFromProject(db, project.secretariat, projectId), { status: 403 })
    await expectDomainError(createPracticeFromProject(db, outsider.actor, projectId), { status: 404 })
    await expectDomainError(createPracticeFromProject(db, implementer, crypto.randomUUID() as ProjectId), { status: 404 })

    const id = await createPracticeFromProject(db, implementer, projectId)
    const [draft] = await db.select().from(practices).where(eq(practices.id, id))
    const report = finalReportInput()
    expect(draft).toMatchObject({
      status: 'draft',
      organizationId: project.partner.org.id,
      projectId,
      results: report.results,
      lessons: report.lessons,
      objectives: [3],
      countries: [project.state.org.country],
      periodStart: '2030-01-01',
      periodEnd: '2030-12-31',
    })
    expect(draft?.whatWasDone).toContain('Curriculum')
    expect(await auditActionsOf(id)).toEqual(['practice.createdFromProject'])
    // Asking again gives the same draft; the State draws its own.
    expect(await createPracticeFromProject(db, implementer, projectId)).toBe(id)
    const fromState = await createPracticeFromProject(db, project.state.member, projectId)
    expect(fromState).not.toBe(id)
    expect((await db.select().from(practices).where(eq(practices.id, fromState)))[0]?.organizationId).toBe(project.state.org.id)

    // Then it is edited and submitted like any other.
    await updatePractice(db, implementer, id, input({ title: 'Orientation courses built with the ministry' }), { submit: true, origin })
    await reviewPractice(db, project.secretariat, id, { decision: 'publish' }, origin)
    expect(await statusOf(id)).toBe('published')
  })
})

describe('search and facets', () => {
  test('find published practices by prefix, without accents, with facet counts and stable pages', async () => {
    const tag = word()
    const first = await published({ title: `Réintégration des migrants de retour ${tag}`, objectives: ['21'], countries: ['MAR'] })
    const second = await published({ title: `Reintegration desks in districts ${tag}`, objectives: ['21', '7'], countries: ['BGD'] })
    const third = await published({ title: `Health insurance enrolment days ${tag}`, objectives: ['15'], countries: ['THA'] })
    await createPractice(db, member.actor, org, input({ title: `Réintégration draft ${tag}`, objectives: ['21'] }))

    const all = await browsePractices(db, practiceQuery({ q: tag }), { facets: true })
    expect(all.total).toBe(3)
    expect(all.facets.objective).toEqual({ '21': 2, '7': 1, '15': 1 })
    expect(all.facets.country).toEqual({ MAR: 1, BGD: 1, THA: 1 })
    expect(all.facets.region?.['002']).toBe(1) // Africa: Morocco
    expect(all.facets.region?.['142']).toBe(2) // Asia: Bangladesh and Thailand

    const unaccented = await browsePractices(db, practiceQuery({ q: `reintegr ${tag}` }))
    expect(unaccented.items.map((i) => i.id).sort()).toEqual([first, second].sort())
    const narrowed = await browsePractices(db, practiceQuery({ q: tag, objective: ['21'], country: ['BGD'] }))
    expect(narrowed.items.map((i) => i.id)).toEqual([second])
    const byRegion = await browsePractices(db, practiceQuery({ q: tag, region: ['142'] }))
    expect(byRegion.items.map((i) => i.id).sort()).toEqual([second, third].sort())

    const pages = [1, 2, 3].map((page) => browsePractices(db, { ...practiceQuery({ q: tag, sort: 'newest' }), page, pageSize: 1 }))
    const seen = (await Promise.all(pages)).flatMap((p) => p.items.map((i) => i.id))
    expect(new Set(seen).size).toBe(3)

    const list = await listLoader(routeArgs(`/practices?q=${tag}&objective=21`))
    expect(list.cards.map((c) => c.id).sort()).toEqual([first, second].sort())
    expect(list.facets.find((f) => f.param === 'objective')?.values.find((v) => v.value === '21')).toMatchObject({ count: 2, selected: true })
    expect(JSON.stringify(list)).not.toMatch(/Private|@/)
  })

  test('bad filters in the address are a 400 naming the parameter', async () => {
    const parsed = parsePracticeParams(new URLSearchParams('objective=24&country=XX&sort=best'))
    expect(parsed.success).toBe(false)
    if (parsed.success) return
    expect(parsed.problems.map((p) => p.parameter).sort()).toEqual(['country', 'objective', 'sort'])
    expect(await thrownStatus(() => listLoader(routeArgs('/practices?objective=0')))).toBe(400)
    expect(await thrownStatus(() => listLoader(routeArgs(`/practices?q=${'x'.repeat(201)}`)))).toBe(400)
  })

  test('each objective page lists its published practices', async () => {
    const tag = word()
    const id = await published({ title: `Objective nineteen practice ${tag}`, objectives: ['19'] })
    const page = await objectiveLoader({ ...routeArgs('/objectives/19'), params: { number: '19' } })
    expect(page.practices.cards.map((c) => c.id)).toContain(id)
    expect(page.practices.total).toBeGreaterThanOrEqual(1)
  })
})

describe('open data', () => {
  test('the API lists published practices in the envelope of /api/v1/requests, with no personal data', async () => {
    const tag = word()
    const id = await published({ title: `Open data practice ${tag}` })
    const returned = await createPractice(db, member.actor, org, input({ title: `Returned practice ${tag}` }), { submit: true, origin })
    await reviewPractice(db, secretariat.actor, returned, { decision: 'return', comment: PRIVATE_COMMENT }, origin)

    const response = await apiListLoader(routeArgs(`/api/v1/practices?q=${tag}&pageSize=5`))
    expect(response.status).toBe(200)
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*')
    expect(response.headers.get('Cache-Control')).toContain('max-age')
    const text = await response.text()
    const body = PracticeApiList.parse(JSON.parse(text))
    expect(body.items.map((i) => i.id)).toEqual([id])
    expect(body).toMatchObject({ total: 1, page: 1, pageSize: 5, links: { next: null, prev: null } })
    expect(body.items[0]).toMatchObject({ objectives: [3, 6], countries: ['BGD'], links: ['https://example.org/report', 'https://example.org/video'], organization: { name: org.name } })
    for (const secret of [member.email, member.displayName, secretariat.displayName, PRIVATE_COMMENT, '@', 'createdBy', 'reviewComment']) expect(text).not.toContain(secret)

    const item = await apiItemLoader(routeArgs(`/api/v1/practices/${id}`, { id }))
    expect(item.status).toBe(200)
    PracticeApiItem.parse(await item.json())
    expect((await apiItemLoader(routeArgs(`/api/v1/practices/${returned}`, { id: returned }))).status).toBe(404)
    expect((await apiItemLoader(routeArgs(`/api/v1/practices/${crypto.randomUUID()}`, { id: crypto.randomUUID() }))).status).toBe(404)
    expect((await apiItemLoader(routeArgs('/api/v1/practices/42', { id: '42' }))).status).toBe(400)

    const bad = await apiListLoader(routeArgs('/api/v1/practices?pageSize=101&objective=abc'))
    expect(bad.status).toBe(400)
    const problem = (await bad.json()) as { issues: { parameter: string }[] }
    expect(problem.issues.map((i) => i.parameter).sort()).toEqual(['objective', 'pageSize'])
  })

  test('the export gives plain rows of published practices only, with the page filters', async () => {
    const tag = word()
    const id = await published({ title: `Exported practice ${tag}`, countries: ['KEN'] })
    await createPractice(db, member.actor, org, input({ title: `Draft not exported ${tag}` }))
    const rows = await publishedPracticesForExport(db, { q: tag })
    expect(rows.map((r) => r.id)).toEqual([id])
    expect(rows[0]).toMatchObject({ countries: ['KEN'], regions: expect.arrayContaining(['002']), organizationName: org.name, projectId: null })
    expect(Object.keys(rows[0] ?? {})).not.toContain('createdBy')
    expect(await publishedPracticesForExport(db, { q: tag, country: ['BGD'] })).toEqual([])
    const [{ n } = { n: 0 }] = await db.execute<{ n: number }>(sql`select count(*)::int as n from practices where status = 'published'`)
    expect((await publishedPracticesForExport(db)).length).toBe(n)
  })
})
