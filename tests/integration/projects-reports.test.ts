import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { progressUpdates, projects, type ProgressUpdateId, type ProjectId } from '#db/schema/index'
import { transitionProject } from '~/domain/projects/projects.server'
import { describeProject } from '~/domain/projects/public.server'
import {
  approvedValuesOf,
  evaluateProject,
  finalReportOf,
  progressUpdatesOf,
  progressUpdateWithValues,
  reviewFinalReport,
  reviewProgressUpdate,
  saveFinalReport,
  saveProgressUpdate,
} from '~/domain/projects/reports.server'
import { EvaluationSchema, FinalReportSchema, ProgressUpdateSchema } from '~/domain/projects/schemas'
import { db } from '~/utils/db.server'
import {
  activeProject,
  auditActionsOf,
  completedProject,
  createTestProject,
  finalReportInput,
  noticeKindsOf,
  progressUpdateInput,
  projectOrigin as origin,
  type ActiveProject,
} from '../factories'
import { expectDomainError } from './support'

const described = async (id: ProjectId) => {
  const [row] = await db.select().from(projects).where(eq(projects.id, id))
  if (!row) throw new Error('project missing')
  return describeProject(db, row)
}
const indicatorOf = (project: ActiveProject) => {
  const id = project.indicatorIds[0]
  if (!id) throw new Error('the factory drafts an indicator')
  return id
}
const save = (project: ActiveProject, updateId: ProgressUpdateId | null, value: number | undefined, submit: boolean, overrides: Record<string, unknown> = {}) =>
  saveProgressUpdate(db, { user: project.partner.member, projectId: project.projectId, updateId, input: progressUpdateInput([{ indicatorId: indicatorOf(project), value }], overrides), submit, origin }) as Promise<ProgressUpdateId>
const statusOf = async (id: ProgressUpdateId) => (await db.select({ status: progressUpdates.status }).from(progressUpdates).where(eq(progressUpdates.id, id)))[0]?.status

describe('progress updates', () => {
  test('drafted, edited, submitted, then locked; the secretariat approves and only then its values count', async () => {
    const project = await activeProject()
    const updateId = await save(project, null, 40, false)
    expect(await statusOf(updateId)).toBe('draft')
    await save(project, updateId, 120, false, { estimatedPercent: '35' })
    const { update, values } = await progressUpdateWithValues(db, project.projectId, updateId)
    expect(update).toMatchObject({ status: 'draft', estimatedPercent: 35, createdBy: project.partner.member.id })
    expect(values.map((v) => v.value)).toEqual([120])

    await save(project, updateId, 200, true)
    expect(await statusOf(updateId)).toBe('pending')
    expect(await noticeKindsOf(project.secretariat.id)).toContain('updateSubmitted')
    await expectDomainError(save(project, updateId, 10, false), { status: 409, code: 'projects.updateLocked' })
    await expectDomainError(save(project, updateId, 10, true), { status: 409, code: 'projects.updateLocked' })
    expect((await progressUpdateWithValues(db, project.projectId, updateId)).values.map((v) => v.value)).toEqual([200])

    // Pending: the value (the full target) does not move progress, nor the estimate typed in.
    let view = await described(project.projectId)
    expect(view.progress.percent).toBe(0)
    expect(view.indicators[0]).toMatchObject({ actual: null, achievement: 0 })
    expect(await approvedValuesOf(db, [project.projectId])).toEqual([])

    expect(await reviewProgressUpdate(db, { user: project.secretariat, projectId: project.projectId, updateId, input: { decision: 'approve' }, origin })).toBe('approved')
    view = await described(project.projectId)
    expect(view.indicators[0]).toMatchObject({ actual: 200, achievement: 1 })
    expect(view.progress.percent).toBe(50) // milestones 0/2, indicator fully achieved
    expect(await noticeKindsOf(project.state.member.id)).toContain('update.approved')
    expect(await auditActionsOf(updateId)).toEqual(['update.saved', 'update.saved', 'update.submitted', 'update.approved'])
    await expectDomainError(reviewProgressUpdate(db, { user: project.secretariat, projectId: project.projectId, updateId, input: { decision: 'approve' }, origin }), { status: 409, code: 'lifecycle.notAllowed' })
  })

  test('a returned update carries the comment, does not count, and can be corrected and resubmitted', async () => {
    const project = await activeProject()
    const updateId = await save(project, null, 150, true)
    const comment = 'Please split the numbers by sex as the plan says.'
    expect(await reviewProgressUpdate(db, { user: project.secretariat, projectId: project.projectId, updateId, input: { decision: 'return', comment }, origin })).toBe('returned')
    const [row] = await db.select().from(progressUpdates).where(eq(progressUpdates.id, updateId))
    expect(row).toMatchObject({ status: 'returned', reviewComment: comment, approvedAt: null })
    expect(await noticeKindsOf(project.partner.member.id)).toContain('update.returned')
    expect((await described(project.projectId)).indicators[0]?.actual).toBeNull()

    await save(project, updateId, 150, true)
    expect(await statusOf(updateId)).toBe('pending')
  })

  test('the latest approved period is the actual, with its breakdown', async () => {
    const project = await activeProject()
    const indicatorId = indicatorOf(project)
    const breakdown = [
      { dimension: 'sex', category: 'female', value: 60 },
      { dimension: 'sex', category: 'male', value: 40 },
    ]
    const second = (await saveProgressUpdate(db, { user: project.partner.member, projectId: project.projectId, updateId: null, input: progressUpdateInput([{ indicatorId, value: 100, breakdown }], { periodStart: '2030-04-01', periodEnd: '2030-06-30' }), submit: true, origin })) as ProgressUpdateId
    const first = await save(project, null, 30, true)
    for (const id of [second, first]) await reviewProgressUpdate(db, { user: project.secretariat, projectId: project.projectId, updateId: id, input: { decision: 'approve' }, origin })
    const indicator = (await described(project.projectId)).indicators[0]
    expect(indicator).toMatchObject({ actual: 100, achievement: 0.5, breakdown })
    expect((await progressUpdatesOf(db, project.projectId)).map((u) => u.periodEnd)).toEqual(['2030-06-30', '2030-03-31'])
  })

  test('values for an indicator of another project, or an unknown one, are refused (400 on values) and nothing is saved', async () => {
    const [project, other] = [await activeProject(), await activeProject()]
    for (const indicatorId of [indicatorOf(other), randomUUID()]) {
      const error = await expectDomainError(
        saveProgressUpdate(db, { user: project.partner.member, projectId: project.projectId, updateId: null, input: progressUpdateInput([{ indicatorId, value: 5 }]), submit: true, origin }),
        { status: 400 },
      )
      expect(error.field).toBe('values')
    }
    expect(await progressUpdatesOf(db, project.projectId)).toEqual([])
    // Blank values are skipped rather than refused.
    const updateId = await save(project, null, undefined, false)
    expect((await progressUpdateWithValues(db, project.projectId, updateId)).values).toEqual([])
    // Another project's update cannot be edited or reviewed through this one.
    const foreign = await save(other, null, 5, true)
    await expectDomainError(save(project, foreign, 5, true), { status: 404 })
    await expectDomainError(reviewProgressUpdate(db, { user: project.secretariat, projectId: project.projectId, updateId: foreign, input: { decision: 'approve' }, origin }), { status: 404 })
    await expectDomainError(progressUpdateWithValues(db, project.projectId, foreign), { status: 404 })
    expect(await statusOf(foreign)).toBe('pending')
  })

  test('progress is reported once the project has started, and not after it is cancelled', async () => {
    const inception = await createTestProject()
    await expectDomainError(saveProgressUpdate(db, { user: inception.partner.member, projectId: inception.projectId, updateId: null, input: progressUpdateInput(), submit: false, origin }), { status: 409, code: 'projects.notReporting' })
    const project = await activeProject()
    await transitionProject(db, { user: project.secretariat, projectId: project.projectId, input: { action: 'cancel', reason: 'Funding withdrawn by the donor.' }, origin })
    await expectDomainError(save(project, null, 5, false), { status: 409, code: 'projects.notReporting' })
  })

  // Like a milestone's due date, a period is checked against the project's dates: a typo such as 2099 would
  // otherwise silence every later progress-update reminder (the next update is due a period after the last end).
  test('a reporting period outside the project’s dates is refused (400)', async () => {
    const project = await activeProject()
    const error = await expectDomainError(save(project, null, 5, true, { periodStart: '2099-01-01', periodEnd: '2099-12-31' }), { status: 400, code: 'validation.periodOutsideProject' })
    expect(error.field).toBe('periodEnd')
  })

  test('the form rejects garbage with field errors', () => {
    const result = ProgressUpdateSchema.safeParse({
      periodStart: '2030-04-01',
      periodEnd: '2030-03-01',
      narrative: 'short',
      estimatedPercent: '101',
      values: [
        { indicatorId: 'not-a-uuid', value: 'x' },
        { indicatorId: randomUUID(), value: '3', breakdown: [{ dimension: 'sex', category: 'teenager', value: '3' }] },
      ],
    })
    const paths = result.error?.issues.map((i) => i.path.join('.')) ?? []
    expect(paths).toEqual(expect.arrayContaining(['narrative', 'estimatedPercent', 'values.0.indicatorId', 'values.0.value']))
    // The cross-field checks run once the fields themselves are valid.
    const crossed = ProgressUpdateSchema.safeParse({ periodStart: '2030-04-01', periodEnd: '2030-03-01', narrative: 'A narrative long enough.', values: [{ indicatorId: randomUUID(), value: '3', breakdown: [{ dimension: 'sex', category: 'teenager', value: '3' }] }] })
    expect(crossed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['periodEnd', 'validation.endBeforeStart'],
      ['values.0.breakdown.0', 'validation.choice'],
    ])
  })
})

describe('final report and evaluation', () => {
  test('neither is possible before the project is completed', async () => {
    const project = await activeProject()
    await expectDomainError(saveFinalReport(db, { user: project.partner.member, projectId: project.projectId, input: finalReportInput(), submit: false, origin }), { status: 409, code: 'projects.finalReportTooEarly' })
    await expectDomainError(evaluateProject(db, { user: project.state.member, projectId: project.projectId, input: { rating: 3, comment: 'Too early to say really.' }, origin }), { status: 409, code: 'projects.evaluationTooEarly' })
    await expectDomainError(reviewFinalReport(db, { user: project.secretariat, projectId: project.projectId, input: { decision: 'approve' }, origin }), { status: 404 })
  })

  test('drafted, submitted, returned with a comment, resubmitted, approved: only then public', async () => {
    const project = await completedProject()
    const implementer = project.partner.member
    expect(await saveFinalReport(db, { user: implementer, projectId: project.projectId, input: finalReportInput(), submit: false, origin })).toBe('draft')
    expect(await saveFinalReport(db, { user: implementer, projectId: project.projectId, input: finalReportInput({ lessons: 'Evening courses reached more women than day courses.' }), submit: true, origin })).toBe('pending')
    expect(await noticeKindsOf(project.secretariat.id)).toContain('finalReportSubmitted')
    await expectDomainError(saveFinalReport(db, { user: implementer, projectId: project.projectId, input: finalReportInput(), submit: false, origin }), { status: 409, code: 'projects.reportLocked' })
    expect((await described(project.projectId)).finalReport).toBeNull()

    const comment = 'Please add the figures per district.'
    expect(await reviewFinalReport(db, { user: project.secretariat, projectId: project.projectId, input: { decision: 'return', comment }, origin })).toBe('returned')
    expect((await finalReportOf(db, project.projectId)).report).toMatchObject({ status: 'returned', reviewComment: comment })
    expect(await noticeKindsOf(implementer.id)).toContain('finalReport.returned')

    expect(await saveFinalReport(db, { user: implementer, projectId: project.projectId, input: finalReportInput({ results: 'Dhaka 80, Sylhet 52, Khulna 40, Rajshahi 40 workers trained.' }), submit: true, origin })).toBe('pending')
    expect(await reviewFinalReport(db, { user: project.secretariat, projectId: project.projectId, input: { decision: 'approve' }, origin })).toBe('approved')
    const { report } = await finalReportOf(db, project.projectId)
    expect(report?.approvedAt).toBeInstanceOf(Date)
    expect((await described(project.projectId)).finalReport).toEqual({
      results: 'Dhaka 80, Sylhet 52, Khulna 40, Rajshahi 40 workers trained.',
      lessons: finalReportInput().lessons,
      sustainability: finalReportInput().sustainability,
    })
    expect(await auditActionsOf(project.projectId)).toEqual(expect.arrayContaining(['finalReport.saved', 'finalReport.submitted', 'finalReport.returned', 'finalReport.approved']))
  })

  test('the State evaluates once; a second evaluation is refused (409); the secretariat is told', async () => {
    const project = await completedProject()
    await evaluateProject(db, { user: project.state.member, projectId: project.projectId, input: { rating: 4, comment: 'Useful, and delivered on time.' }, origin })
    await expectDomainError(evaluateProject(db, { user: project.state.owner, projectId: project.projectId, input: { rating: 1, comment: 'Changing our mind now.' }, origin }), { status: 409, code: 'projects.alreadyEvaluated' })
    expect((await finalReportOf(db, project.projectId)).evaluation).toMatchObject({ rating: 4, createdBy: project.state.member.id })
    expect((await described(project.projectId)).evaluationRating).toBe(4)
    expect(await noticeKindsOf(project.secretariat.id)).toContain('projectEvaluated')
    expect(await auditActionsOf(project.projectId)).toContain('project.evaluated')
  })

  test('the forms reject garbage with field errors', () => {
    expect(EvaluationSchema.safeParse({ rating: '6', comment: 'fine' }).error?.issues.map((i) => i.path[0])).toEqual(['rating', 'comment'])
    expect(EvaluationSchema.safeParse({ rating: '2.5', comment: 'A considered comment.' }).success).toBe(false)
    expect(new Set(FinalReportSchema.safeParse({ results: '', lessons: 'short' }).error?.issues.map((i) => i.path[0]))).toEqual(new Set(['results', 'lessons', 'sustainability']))
  })
})
