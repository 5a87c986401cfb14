import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { milestones, projectDocuments, projects, type IndicatorId, type MilestoneId, type ProjectId } from '#db/schema/index'
import { checkedMediaType, documentForParty, maxDocumentBytes, safeFileName } from '~/domain/projects/documents.server'
import { EvidenceSchema, IndicatorSchema, MilestoneSchema, ReviewSchema } from '~/domain/projects/schemas'
import {
  addIndicator,
  addMilestone,
  removeIndicator,
  removeMilestone,
  reviewMilestone,
  reviewWorkplan,
  startMilestone,
  submitMilestone,
  submitWorkplan,
  updateMilestone,
  waiveMilestone,
} from '~/domain/projects/workplan.server'
import { db } from '~/utils/db.server'
import {
  activeProject,
  auditActionsOf,
  createTestProject,
  draftWorkplan,
  evidenceInput,
  indicatorInput,
  milestoneInput,
  noticeKindsOf,
  projectOrigin as origin,
  sampleFiles,
  type ActiveProject,
} from '../factories'
import { expectDomainError } from './support'

const milestoneRow = async (id: MilestoneId) => (await db.select().from(milestones).where(eq(milestones.id, id)))[0]
const documentsOfMilestone = (id: MilestoneId) => db.select().from(projectDocuments).where(eq(projectDocuments.milestoneId, id))
const firstMilestone = (project: ActiveProject) => {
  const id = project.milestoneIds[0]
  if (!id) throw new Error('the factory drafts milestones')
  return id
}

describe('drafting the workplan', () => {
  test('a due date outside the project’s dates is refused on the dueDate field; the boundaries are accepted', async () => {
    const project = await createTestProject()
    const implementer = project.partner.member
    for (const dueDate of ['2029-12-31', '2031-01-01']) {
      const error = await expectDomainError(addMilestone(db, implementer, project.projectId, milestoneInput({ dueDate })), { status: 400, code: 'validation.dueOutsideProject' })
      expect(error.field).toBe('dueDate')
    }
    // The secretariat may shape the plan too.
    expect(await addMilestone(db, project.secretariat, project.projectId, milestoneInput({ dueDate: '2030-01-01' }))).toEqual(expect.any(String))
    const last = (await addMilestone(db, implementer, project.projectId, milestoneInput({ dueDate: '2030-12-31' }))) as MilestoneId
    await expectDomainError(updateMilestone(db, { user: implementer, projectId: project.projectId, milestoneId: last, input: milestoneInput({ dueDate: '2031-02-01' }) }), { status: 400, code: 'validation.dueOutsideProject' })
    const positions = await db.select({ position: milestones.position }).from(milestones).where(eq(milestones.projectId, project.projectId)).orderBy(milestones.position)
    expect(positions.map((p) => p.position)).toEqual([1, 2])
  })

  test('tranches together may reach the budget but not exceed it (400 on trancheAmount)', async () => {
    const project = await createTestProject({ budgetAmount: 100000 })
    const implementer = project.partner.member
    const first = (await addMilestone(db, implementer, project.projectId, milestoneInput({ trancheAmount: 60000 }))) as MilestoneId
    await addMilestone(db, implementer, project.projectId, milestoneInput({ trancheAmount: 40000 }))
    const error = await expectDomainError(addMilestone(db, implementer, project.projectId, milestoneInput({ trancheAmount: 0.01 })), { status: 400, code: 'validation.tranchesExceedBudget' })
    expect(error.field).toBe('trancheAmount')
    // Editing a milestone counts the others, not its own old tranche.
    await updateMilestone(db, { user: implementer, projectId: project.projectId, milestoneId: first, input: milestoneInput({ trancheAmount: 60000 }) })
    await expectDomainError(updateMilestone(db, { user: implementer, projectId: project.projectId, milestoneId: first, input: milestoneInput({ trancheAmount: 60000.01 }) }), { status: 400, code: 'validation.tranchesExceedBudget' })
    expect((await milestoneRow(first))?.trancheAmount).toBe(6000000)
    expect(MilestoneSchema.safeParse({ ...milestoneInput(), trancheAmount: 0 }).success).toBe(false)
  })

  test('submitting needs at least one milestone and one indicator', async () => {
    const project = await createTestProject()
    const implementer = project.partner.member
    await expectDomainError(submitWorkplan(db, implementer, project.projectId, origin), { status: 409, code: 'projects.workplanNeedsMilestones' })
    await addMilestone(db, implementer, project.projectId, milestoneInput())
    await expectDomainError(submitWorkplan(db, implementer, project.projectId, origin), { status: 409, code: 'projects.workplanNeedsIndicators' })
    await addIndicator(db, implementer, project.projectId, indicatorInput())
    await submitWorkplan(db, implementer, project.projectId, origin)
    expect(await noticeKindsOf(project.secretariat.id)).toContain('workplanSubmitted')
    await expectDomainError(submitWorkplan(db, implementer, project.projectId, origin), { status: 409, code: 'lifecycle.notAllowed' })
  })

  test('once submitted the plan is locked; returned with a comment it opens again; approved it is the plan', async () => {
    const project = await createTestProject()
    const implementer = project.partner.member
    const { milestoneIds, indicatorIds } = await draftWorkplan(project)
    const [milestoneId, indicatorId] = [milestoneIds[0] as MilestoneId, indicatorIds[0] as IndicatorId]
    await submitWorkplan(db, implementer, project.projectId, origin)
    const locked = { status: 409, code: 'projects.workplanLocked' }
    await expectDomainError(addMilestone(db, implementer, project.projectId, milestoneInput()), locked)
    await expectDomainError(updateMilestone(db, { user: implementer, projectId: project.projectId, milestoneId, input: milestoneInput() }), locked)
    await expectDomainError(removeMilestone(db, implementer, project.projectId, milestoneId), locked)
    await expectDomainError(addIndicator(db, implementer, project.projectId, indicatorInput()), locked)
    await expectDomainError(removeIndicator(db, implementer, project.projectId, indicatorId), locked)

    expect(ReviewSchema.safeParse({ decision: 'return' }).error?.issues[0]?.path).toEqual(['comment'])
    expect(ReviewSchema.safeParse({ decision: 'return', comment: '   ' }).success).toBe(false)
    expect(ReviewSchema.safeParse({ decision: 'maybe' }).success).toBe(false)
    const returned = ReviewSchema.parse({ decision: 'return', comment: 'Add a baseline survey before the pilot.' })
    expect(await reviewWorkplan(db, { user: project.secretariat, projectId: project.projectId, input: returned, origin })).toBe('returned')
    const [row] = await db.select().from(projects).where(eq(projects.id, project.projectId))
    expect(row).toMatchObject({ workplanStatus: 'returned', workplanComment: 'Add a baseline survey before the pilot.', workplanApprovedAt: null })
    expect(await noticeKindsOf(implementer.id)).toContain('workplan.returned')

    await removeIndicator(db, implementer, project.projectId, indicatorId)
    await addIndicator(db, implementer, project.projectId, indicatorInput({ name: 'Baseline survey respondents', level: 'outcome' }))
    await submitWorkplan(db, implementer, project.projectId, origin)
    expect(await reviewWorkplan(db, { user: project.secretariat, projectId: project.projectId, input: { decision: 'approve' }, origin })).toBe('approved')
    const [approved] = await db.select().from(projects).where(eq(projects.id, project.projectId))
    expect(approved?.workplanApprovedAt).toBeInstanceOf(Date)
    await expectDomainError(addMilestone(db, implementer, project.projectId, milestoneInput()), locked)
    await expectDomainError(reviewWorkplan(db, { user: project.secretariat, projectId: project.projectId, input: returned, origin }), { status: 409, code: 'lifecycle.notAllowed' })
    expect(await auditActionsOf(project.projectId)).toEqual(expect.arrayContaining(['workplan.submitted', 'workplan.returned', 'indicator.removed', 'workplan.approved']))
  })

  test('the forms reject garbage with field errors', () => {
    const milestone = MilestoneSchema.safeParse({ title: 'x', deliverable: '', dueDate: '31/03/2030', trancheAmount: '-5' })
    expect(new Set(milestone.error?.issues.map((i) => i.path[0]))).toEqual(new Set(['title', 'deliverable', 'dueDate', 'trancheAmount']))
    const indicator = IndicatorSchema.safeParse({ level: 'galaxy', name: 'ab', unit: '', baseline: 'none', target: '1', disaggregation: ['shoe_size'] })
    expect(new Set(indicator.error?.issues.map((i) => i.path[0]))).toEqual(new Set(['level', 'name', 'unit', 'baseline', 'disaggregation']))
    const flat = IndicatorSchema.safeParse({ level: 'output', name: 'Workers trained', unit: 'people', baseline: '5', target: '5' })
    expect(flat.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['target', 'validation.targetEqualsBaseline']])
  })

  test('unknown milestones and indicators are 404, including another project’s', async () => {
    const [a, b] = [await createTestProject(), await createTestProject()]
    const { milestoneIds, indicatorIds } = await draftWorkplan(b)
    const foreignMilestone = milestoneIds[0] as MilestoneId
    await expectDomainError(updateMilestone(db, { user: a.partner.member, projectId: a.projectId, milestoneId: foreignMilestone, input: milestoneInput() }), { status: 404 })
    await expectDomainError(removeMilestone(db, a.partner.member, a.projectId, randomUUID() as MilestoneId), { status: 404 })
    await expectDomainError(removeIndicator(db, a.partner.member, a.projectId, indicatorIds[0] as IndicatorId), { status: 404 })
    await expectDomainError(addMilestone(db, a.partner.member, randomUUID() as ProjectId, milestoneInput()), { status: 404 })
    expect(await milestoneRow(foreignMilestone)).toBeDefined()
  })
})

describe('milestones: submitted with evidence, reviewed by the secretariat', () => {
  test('planned → in progress → submitted with a PDF → returned with a comment → resubmitted → approved', async () => {
    const project = await activeProject()
    const implementer = project.partner.member
    const milestoneId = firstMilestone(project)
    await startMilestone(db, implementer, project.projectId, milestoneId)
    expect((await milestoneRow(milestoneId))?.status).toBe('in_progress')
    await expectDomainError(startMilestone(db, implementer, project.projectId, milestoneId), { status: 409, code: 'lifecycle.notAllowed' })

    await submitMilestone(db, { user: implementer, projectId: project.projectId, milestoneId, input: evidenceInput(), file: sampleFiles.pdf(), origin })
    expect(await milestoneRow(milestoneId)).toMatchObject({ status: 'submitted', evidence: 'The curriculum was validated with the ministry on 20 March.', evidenceLinks: ['https://example.org/curriculum'] })
    const [doc] = await documentsOfMilestone(milestoneId)
    expect(doc).toMatchObject({ mediaType: 'application/pdf', fileName: 'curriculum.pdf', projectId: project.projectId, uploadedBy: implementer.id })
    expect(doc?.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(await noticeKindsOf(project.secretariat.id)).toContain('milestoneSubmitted')
    await expectDomainError(submitMilestone(db, { user: implementer, projectId: project.projectId, milestoneId, input: evidenceInput(), file: null, origin }), { status: 409, code: 'lifecycle.notAllowed' })

    const comment = 'The trainer guide is missing; please attach it.'
    expect(await reviewMilestone(db, { user: project.secretariat, projectId: project.projectId, milestoneId, input: { decision: 'return', comment }, origin })).toBe('returned')
    expect(await milestoneRow(milestoneId)).toMatchObject({ status: 'returned', reviewComment: comment, decidedBy: project.secretariat.id, approvedAt: null })
    for (const person of [project.partner.member, project.partner.owner]) expect(await noticeKindsOf(person.id)).toContain('milestone.returned')

    await submitMilestone(db, { user: implementer, projectId: project.projectId, milestoneId, input: evidenceInput({ evidence: 'Curriculum and trainer guide attached.' }), file: sampleFiles.png(), origin })
    expect((await documentsOfMilestone(milestoneId)).map((d) => d.mediaType).sort()).toEqual(['application/pdf', 'image/png'])
    expect(await reviewMilestone(db, { user: project.secretariat, projectId: project.projectId, milestoneId, input: { decision: 'approve' }, origin })).toBe('approved')
    const approved = await milestoneRow(milestoneId)
    expect(approved?.approvedAt).toBeInstanceOf(Date)
    expect(await noticeKindsOf(implementer.id)).toContain('milestone.approved')
    await expectDomainError(reviewMilestone(db, { user: project.secretariat, projectId: project.projectId, milestoneId, input: { decision: 'approve' }, origin }), { status: 409, code: 'lifecycle.notAllowed' })
    expect(await auditActionsOf(milestoneId)).toEqual(['milestone.started', 'milestone.submitted', 'milestone.returned', 'milestone.submitted', 'milestone.approved'])
  })

  test('evidence is required and links must be web addresses', () => {
    expect(EvidenceSchema.safeParse({ evidence: '' }).error?.issues[0]?.path).toEqual(['evidence'])
    expect(EvidenceSchema.safeParse({ evidence: 'Delivered as planned, see the report.', links: 'javascript:alert(1)' }).success).toBe(false)
    expect(EvidenceSchema.safeParse({ evidence: 'Delivered as planned, see the report.', links: 'ftp://example.org/x' }).success).toBe(false)
    expect(EvidenceSchema.parse({ evidence: 'Delivered as planned, see the report.', links: ' https://a.example/1\n\nhttp://b.example/2 ' }).links).toEqual(['https://a.example/1', 'http://b.example/2'])
  })

  test('milestones are submitted only while the project is active', async () => {
    const project = await createTestProject()
    const { milestoneIds } = await draftWorkplan(project)
    await expectDomainError(submitMilestone(db, { user: project.partner.member, projectId: project.projectId, milestoneId: milestoneIds[0] as MilestoneId, input: evidenceInput(), file: null, origin }), { status: 409, code: 'projects.notActive' })
  })

  test('the secretariat waives a milestone that no longer applies; the implementer hears of it', async () => {
    const project = await activeProject()
    const milestoneId = firstMilestone(project)
    await waiveMilestone(db, { user: project.secretariat, projectId: project.projectId, milestoneId, reason: 'The ministry delivered it with its own staff.', origin })
    expect(await milestoneRow(milestoneId)).toMatchObject({ status: 'waived', reviewComment: 'The ministry delivered it with its own staff.' })
    expect(await noticeKindsOf(project.partner.member.id)).toContain('milestone.waived')
    await expectDomainError(waiveMilestone(db, { user: project.secretariat, projectId: project.projectId, milestoneId, reason: 'Twice.', origin }), { status: 409, code: 'lifecycle.notAllowed' })
    await expectDomainError(startMilestone(db, project.partner.member, project.projectId, milestoneId), { status: 409, code: 'lifecycle.notAllowed' })
  })
})

describe('evidence files are checked by their content', () => {
  test.each([
    ['a PDF', sampleFiles.pdf, 'application/pdf'],
    ['a PNG', sampleFiles.png, 'image/png'],
    ['a UTF-8 CSV', sampleFiles.csv, 'text/csv'],
  ])('%s is accepted', async (_label, file, mediaType) => {
    const project = await activeProject()
    const milestoneId = firstMilestone(project)
    await submitMilestone(db, { user: project.partner.member, projectId: project.projectId, milestoneId, input: evidenceInput(), file: file(), origin })
    const [doc] = await documentsOfMilestone(milestoneId)
    expect(doc?.mediaType).toBe(mediaType)
    expect(Buffer.from(doc?.content ?? []).equals(Buffer.from(file().bytes))).toBe(true)
    expect((await documentForParty(db, project.state.member, project.projectId, doc!.id)).sha256).toBe(doc?.sha256)
  })

  test.each([
    ['an ELF binary named .pdf', sampleFiles.elfNamedPdf, 'projects.fileType'],
    ['a Windows executable named .pdf', sampleFiles.exeNamedPdf, 'projects.fileType'],
    ['an HTML page named .pdf', sampleFiles.htmlNamedPdf, 'projects.fileType'],
    ['Latin-1 text named .csv', () => ({ name: 'list.csv', bytes: Buffer.from('nom;ville\nAïcha;Dakar\n', 'latin1') }), 'projects.fileType'],
    ['an empty file', () => ({ name: 'empty.pdf', bytes: new Uint8Array(0) }), 'projects.fileEmpty'],
    ['10 MB and one byte', () => ({ name: 'big.pdf', bytes: Buffer.concat([sampleFiles.pdf().bytes, Buffer.alloc(maxDocumentBytes + 1 - sampleFiles.pdf().bytes.byteLength)]) }), 'projects.fileTooLarge'],
  ])('%s is refused (422) and the milestone stays unsubmitted', async (_label, file, code) => {
    const project = await activeProject()
    const milestoneId = firstMilestone(project)
    const error = await expectDomainError(submitMilestone(db, { user: project.partner.member, projectId: project.projectId, milestoneId, input: evidenceInput(), file: file(), origin }), { status: 422, code })
    expect(error.field).toBe('file')
    expect((await milestoneRow(milestoneId))?.status).toBe('planned')
    expect(await documentsOfMilestone(milestoneId)).toEqual([])
  })

  test('exactly 10 MB is still accepted; file names cannot climb out of their folder', async () => {
    const pdf = sampleFiles.pdf().bytes
    expect(await checkedMediaType({ name: 'big.pdf', bytes: Buffer.concat([pdf, Buffer.alloc(maxDocumentBytes - pdf.byteLength)]) })).toBe('application/pdf')
    expect(safeFileName('../../etc/passwd')).not.toContain('/')
    expect(safeFileName('a\u0000b<script>.pdf')).toBe('a_b_script_.pdf')
  })
})
