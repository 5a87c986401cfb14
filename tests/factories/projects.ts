import { deflateSync } from 'node:zlib'
import { asc, eq } from 'drizzle-orm'
import { auditLog, notifications, type IndicatorId, type MatchId, type MilestoneId, type ProjectId, type RequestId, type UserId } from '#db/schema/index'
import type { organizations } from '#db/schema/index'
import type { SessionUser } from '~/domain/accounts/sessions.server'
import { decideMatch, expressInterest } from '~/domain/matching/matches.server'
import { createProjectFromMatch, transitionProject } from '~/domain/projects/projects.server'
import { EvidenceSchema, FinalReportSchema, IndicatorSchema, MilestoneSchema, ProgressUpdateSchema, ProjectSetupSchema } from '~/domain/projects/schemas'
import { addIndicator, addMilestone, reviewMilestone, reviewWorkplan, submitMilestone, submitWorkplan } from '~/domain/projects/workplan.server'
import type { Upload } from '~/domain/projects/documents.server'
import { createRequest, transitionRequest } from '~/domain/requests/requests.server'
import { RequestSchema } from '~/domain/requests/schemas'
import { db } from '~/utils/db.server'
import { addMember, createOrganization } from './organizations'
import { uniqueSuffix } from './unique'
import { createUser } from './users'

export const projectOrigin = 'http://hub.test'

/** A verified organisation with its owner and one plain member (who acts in the tests). */
export interface TestParty {
  org: typeof organizations.$inferSelect
  owner: SessionUser
  member: SessionUser
}

export async function verifiedParty(type: 'state' | 'civil_society' | 'philanthropy' = 'civil_society'): Promise<TestParty> {
  const { org, owner } = await createOrganization({ type, status: 'verified' })
  const member = await createUser()
  await addMember(org.id, member.id, 'member')
  return { org, owner: owner.actor, member: member.actor }
}

export interface TestMatch {
  state: TestParty
  partner: TestParty
  secretariat: SessionUser
  requestId: RequestId
  matchId: MatchId
}

/**
 * A State's published request and a partner's interest in it; unless `agreed: false`, the State accepts, so the
 * match is agreed and the request matched (through the matching domain, as in life).
 */
export async function testMatch(options: { agreed?: boolean } = {}): Promise<TestMatch> {
  const [state, partner] = [await verifiedParty('state'), await verifiedParty('civil_society')]
  const secretariat = (await createUser({ role: 'secretariat' })).actor
  const request = RequestSchema.parse({
    title: `Pre-departure orientation ${uniqueSuffix()}`,
    summary: 'Design and pilot a pre-departure orientation course for women domestic workers.',
    countries: [state.org.country ?? 'KEN'],
    primaryObjective: 3,
    supportTypes: ['capacity_building'],
    languages: ['en'],
  })
  const requestId = await createRequest(db, state.member, state.org, request)
  await transitionRequest(db, state.member, requestId, 'submit', { origin: projectOrigin })
  await transitionRequest(db, secretariat, requestId, 'publish', { origin: projectOrigin })
  const message = 'We have run orientation courses in three countries and can adapt them.'
  const matchId = (await expressInterest(db, partner.member, requestId, { providerId: partner.org.id, message }, projectOrigin)) as MatchId
  if (options.agreed !== false) await decideMatch(db, state.member, matchId, { decision: 'accept', side: 'request' }, projectOrigin)
  return { state, partner, secretariat, requestId, matchId }
}

/** The project's dates: all of 2030, so tests choose `today` relative to fixed due dates. */
export const projectDates = { startDate: '2030-01-01', endDate: '2030-12-31' } as const

export function projectSetup(overrides: Record<string, unknown> = {}) {
  return ProjectSetupSchema.parse({
    title: `Orientation course ${uniqueSuffix()}`,
    summary: 'A pilot pre-departure course, delivered with the ministry of labour.',
    ...projectDates,
    budgetAmount: 100000,
    budgetCurrency: 'USD',
    reportingMonths: 3,
    ...overrides,
  })
}

export interface TestProject extends TestMatch {
  projectId: ProjectId
}

/** A project in inception, created by the secretariat from an agreed match. */
export async function createTestProject(setup: Record<string, unknown> = {}): Promise<TestProject> {
  const match = await testMatch()
  const projectId = (await createProjectFromMatch(db, { user: match.secretariat, matchId: match.matchId, input: projectSetup(setup), origin: projectOrigin })) as ProjectId
  return { ...match, projectId }
}

export const milestoneInput = (overrides: Record<string, unknown> = {}) =>
  MilestoneSchema.parse({ title: `Curriculum ${uniqueSuffix()}`, deliverable: 'A validated curriculum and trainer guide', dueDate: '2030-03-31', ...overrides })

export const indicatorInput = (overrides: Record<string, unknown> = {}) =>
  IndicatorSchema.parse({ level: 'output', name: 'Workers trained before departure', unit: 'people', baseline: 0, target: 200, ...overrides })

export const evidenceInput = (overrides: Record<string, unknown> = {}) =>
  EvidenceSchema.parse({ evidence: 'The curriculum was validated with the ministry on 20 March.', links: 'https://example.org/curriculum', ...overrides })

/** A progress update for the first quarter of 2030, with these indicator values. */
export const progressUpdateInput = (values: { indicatorId: string; value?: number; breakdown?: unknown[] }[] = [], overrides: Record<string, unknown> = {}) =>
  ProgressUpdateSchema.parse({ periodStart: '2030-01-01', periodEnd: '2030-03-31', narrative: 'Two courses held in Dhaka; the third moved to April.', values, ...overrides })

export const finalReportInput = (overrides: Record<string, unknown> = {}) =>
  FinalReportSchema.parse({
    results: 'Two hundred and twelve workers trained in four districts.',
    lessons: 'Courses in the evening reached more women than courses by day.',
    sustainability: 'The ministry runs the course from its own budget from 2031.',
    ...overrides,
  })

export interface Workplan {
  milestoneIds: MilestoneId[]
  indicatorIds: IndicatorId[]
}

/** The implementer drafts milestones (default: due 31 March and 30 September) and indicators (default: one). */
export async function draftWorkplan(project: TestProject, plan: { milestones?: Record<string, unknown>[]; indicators?: Record<string, unknown>[] } = {}): Promise<Workplan> {
  const implementer = project.partner.member
  const milestoneIds: MilestoneId[] = []
  for (const m of plan.milestones ?? [{ dueDate: '2030-03-31' }, { dueDate: '2030-09-30' }]) {
    milestoneIds.push((await addMilestone(db, implementer, project.projectId, milestoneInput(m))) as MilestoneId)
  }
  const indicatorIds: IndicatorId[] = []
  for (const i of plan.indicators ?? [{}]) indicatorIds.push((await addIndicator(db, implementer, project.projectId, indicatorInput(i))) as IndicatorId)
  return { milestoneIds, indicatorIds }
}

export async function approveWorkplan(project: TestProject) {
  await submitWorkplan(db, project.partner.member, project.projectId, projectOrigin)
  await reviewWorkplan(db, { user: project.secretariat, projectId: project.projectId, input: { decision: 'approve' }, origin: projectOrigin })
}

export type ActiveProject = TestProject & Workplan

/** A project whose workplan is approved and which the secretariat has started. */
export async function activeProject(plan: Parameters<typeof draftWorkplan>[1] = {}, setup: Record<string, unknown> = {}): Promise<ActiveProject> {
  const project = await createTestProject(setup)
  const workplan = await draftWorkplan(project, plan)
  await approveWorkplan(project)
  await transitionProject(db, { user: project.secretariat, projectId: project.projectId, input: { action: 'start' }, origin: projectOrigin })
  return { ...project, ...workplan }
}

export async function submitTestMilestone(project: ActiveProject, milestoneId: MilestoneId, file: Upload | null = null) {
  await submitMilestone(db, { user: project.partner.member, projectId: project.projectId, milestoneId, input: evidenceInput(), file, origin: projectOrigin })
}

export async function approveTestMilestone(project: ActiveProject, milestoneId: MilestoneId) {
  await submitTestMilestone(project, milestoneId)
  await reviewMilestone(db, { user: project.secretariat, projectId: project.projectId, milestoneId, input: { decision: 'approve' }, origin: projectOrigin })
}

/** Every milestone approved, then completed by the secretariat. */
export async function completedProject(plan: Parameters<typeof draftWorkplan>[1] = {}): Promise<ActiveProject> {
  const project = await activeProject(plan)
  for (const id of project.milestoneIds) await approveTestMilestone(project, id)
  await transitionProject(db, { user: project.secretariat, projectId: project.projectId, input: { action: 'complete' }, origin: projectOrigin })
  return project
}

/** The kinds of notification this person received, oldest first. */
export async function noticeKindsOf(userId: UserId) {
  const rows = await db.select({ kind: notifications.kind }).from(notifications).where(eq(notifications.userId, userId)).orderBy(asc(notifications.createdAt))
  return rows.map((r) => r.kind)
}

/** The audit actions recorded about an entity (a project, milestone or progress update), in order. */
export async function auditActionsOf(entityId: string) {
  const rows = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, entityId)).orderBy(asc(auditLog.id))
  return rows.map((r) => r.action)
}

/** Small real files, recognised by their bytes. */
export const sampleFiles = {
  pdf: (): Upload => ({
    name: 'curriculum.pdf',
    bytes: Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'),
  }),
  png: (): Upload => ({ name: 'photo.png', bytes: onePixelPng() }),
  csv: (): Upload => ({ name: 'attendance.csv', bytes: Buffer.from('name,district,completed\nAïcha,Dhaka,oui\nRahim,Sylhet,yes\n', 'utf8') }),
  elfNamedPdf: (): Upload => {
    const bytes = Buffer.alloc(64)
    Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(bytes)
    return { name: 'report.pdf', bytes }
  },
  exeNamedPdf: (): Upload => {
    const bytes = Buffer.alloc(128)
    bytes.write('MZ')
    return { name: 'report.pdf', bytes }
  },
  htmlNamedPdf: (): Upload => ({ name: 'report.pdf', bytes: Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>') }),
}

function onePixelPng() {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc32 = (buf: Buffer) => {
    let c = 0xffffffff
    for (const byte of buf) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(1, 0)
  header.writeUInt32BE(1, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from([0, 0x1f, 0x77, 0xb4]))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}
