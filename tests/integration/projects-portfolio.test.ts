import { randomUUID } from 'node:crypto'
import { and, eq, like } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { notifications, remindersSent, type ProgressUpdateId, type ProjectId, type UserId } from '#db/schema/index'
import { postProjectMessage, publishProject, transitionProject } from '~/domain/projects/projects.server'
import { portfolio, projectSummaries } from '~/domain/projects/portfolio.server'
import { publicProject } from '~/domain/projects/public.server'
import { sendDueReminders } from '~/domain/projects/reminders.server'
import { reviewProgressUpdate, saveFinalReport, saveProgressUpdate } from '~/domain/projects/reports.server'
import { projectTimeline } from '~/domain/projects/timeline.server'
import { reviewMilestone, submitMilestone } from '~/domain/projects/workplan.server'
import { db } from '~/utils/db.server'
import {
  activeProject,
  approveTestMilestone,
  completedProject,
  evidenceInput,
  finalReportInput,
  progressUpdateInput,
  projectOrigin as origin,
  submitTestMilestone,
  type ActiveProject,
} from '../factories'

const later = [{ dueDate: '2030-06-30' }, { dueDate: '2030-09-30' }]
const submitUpdate = (project: ActiveProject, value = 50) =>
  saveProgressUpdate(db, { user: project.partner.member, projectId: project.projectId, updateId: null, input: progressUpdateInput([{ indicatorId: project.indicatorIds[0]!, value }]), submit: true, origin }) as Promise<ProgressUpdateId>

/** Notifications of this kind a person received about this project. */
async function noticesAbout(userId: UserId, projectId: ProjectId, kind: string) {
  return db
    .select({ kind: notifications.kind, values: notifications.values })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, kind), like(notifications.link, `/projects/${projectId}/%`)))
}

describe('the timeline', () => {
  test('visitors see the public story in order; the parties also see interests, drafts and submissions', async () => {
    const project = await activeProject()
    const [first] = project.milestoneIds
    if (!first) throw new Error('the factory drafts milestones')
    await submitTestMilestone(project, first)
    await transitionProject(db, { user: project.secretariat, projectId: project.projectId, input: { action: 'hold', reason: 'Waiting for the new minister.' }, origin })
    await transitionProject(db, { user: project.secretariat, projectId: project.projectId, input: { action: 'resume' }, origin })
    const updateId = await submitUpdate(project)
    await reviewProgressUpdate(db, { user: project.secretariat, projectId: project.projectId, updateId, input: { decision: 'approve' }, origin })
    // Approved after the hold, the resumption and the update: the story must follow the dates, not the kind of record.
    await reviewMilestone(db, { user: project.secretariat, projectId: project.projectId, milestoneId: first, input: { decision: 'approve' }, origin })

    const publicEvents = await projectTimeline(db, project.projectId, 'public')
    expect(publicEvents.map((e) => e.kind)).toEqual([
      'requestPublished',
      'matchAgreed',
      'projectCreated',
      'workplanApproved',
      'projectStarted',
      'projectOnHold',
      'projectResumed',
      'updateApproved',
      'milestoneApproved',
    ])
    expect(publicEvents.every((e) => e.public)).toBe(true)

    const partyEvents = await projectTimeline(db, project.projectId, 'party')
    const kinds = partyEvents.map((e) => e.kind)
    expect(kinds).toEqual(expect.arrayContaining(['requestDrafted', 'requestSubmitted', 'interest', 'milestoneSubmitted', 'updateSubmitted']))
    expect(kinds.indexOf('requestDrafted')).toBeLessThan(kinds.indexOf('requestPublished'))
    expect(kinds.indexOf('milestoneSubmitted')).toBeLessThan(kinds.indexOf('projectOnHold'))
    expect(kinds.indexOf('updateSubmitted')).toBeLessThan(kinds.indexOf('updateApproved'))
    const times = partyEvents.map((e) => e.at.getTime())
    expect(times).toEqual([...times].sort((a, b) => a - b))
    expect(partyEvents.find((e) => e.kind === 'interest')?.values).toEqual({ provider: project.partner.org.name })
    expect(await projectTimeline(db, randomUUID() as ProjectId, 'party')).toEqual([])
  })
})

describe('due reminders', () => {
  test('a milestone due in 7 days: one before-7 reminder to the implementer, not twice the same day, not to others', async () => {
    const project = await activeProject()
    const today = '2030-03-24' // the first milestone is due on 31 March
    expect(await sendDueReminders(db, origin, today)).toBeGreaterThanOrEqual(1)
    expect(await sendDueReminders(db, origin, today)).toBe(0)
    const claimed = await db.select().from(remindersSent).where(like(remindersSent.subject, `${project.projectId}:%`))
    expect(claimed.map((r) => [r.subject, r.step])).toEqual([[`${project.projectId}:milestone:${project.milestoneIds[0]}:2030-03-31`, 'before-7']])

    for (const person of [project.partner.member, project.partner.owner]) {
      const notices = await noticesAbout(person.id, project.projectId, 'reminder.due.milestone')
      expect(notices).toHaveLength(1)
      expect(notices[0]?.values).toMatchObject({ date: '2030-03-31', title: expect.any(String), milestone: expect.any(String) })
    }
    expect(await noticesAbout(project.state.member.id, project.projectId, 'reminder.due.milestone')).toEqual([])
    expect(await noticesAbout(project.secretariat.id, project.projectId, 'reminder.due.milestone')).toEqual([])

    // The next day is still step before-7: nothing new. The day before, step before-1: one more.
    await sendDueReminders(db, origin, '2030-03-25')
    expect(await noticesAbout(project.partner.member.id, project.projectId, 'reminder.due.milestone')).toHaveLength(1)
    await sendDueReminders(db, origin, '2030-03-30')
    expect(await noticesAbout(project.partner.member.id, project.projectId, 'reminder.due.milestone')).toHaveLength(2)
  })

  test('overdue milestones and updates alert the implementer and the secretariat', async () => {
    const project = await activeProject()
    await sendDueReminders(db, origin, '2030-04-03')
    for (const person of [project.partner.member, project.secretariat]) {
      expect(await noticesAbout(person.id, project.projectId, 'reminder.overdue.milestone')).toHaveLength(1)
      expect(await noticesAbout(person.id, project.projectId, 'reminder.overdue.progressUpdate')).toHaveLength(1)
    }
    expect(await noticesAbout(project.state.member.id, project.projectId, 'reminder.overdue.milestone')).toEqual([])
  })

  test('a completed project is reminded of its final report until it is submitted; a cancelled one of nothing', async () => {
    const done = await completedProject()
    const cancelled = await activeProject()
    await transitionProject(db, { user: cancelled.secretariat, projectId: cancelled.projectId, input: { action: 'cancel', reason: 'The ministry ended the programme.' }, origin })
    await sendDueReminders(db, origin, '2031-02-22') // the report is due 60 days after 31 December
    expect(await noticesAbout(done.partner.member.id, done.projectId, 'reminder.due.finalReport')).toHaveLength(1)
    await saveFinalReport(db, { user: done.partner.member, projectId: done.projectId, input: finalReportInput(), submit: true, origin })
    await sendDueReminders(db, origin, '2031-03-05')
    expect(await noticesAbout(done.partner.member.id, done.projectId, 'reminder.overdue.finalReport')).toEqual([])
    expect(await db.select().from(remindersSent).where(like(remindersSent.subject, `${cancelled.projectId}:%`))).toEqual([])
  })
})

describe('the portfolio', () => {
  test('progress, next due and overdue per project, the ones at risk first', async () => {
    const onTrack = await activeProject({ milestones: later })
    await approveTestMilestone(onTrack, onTrack.milestoneIds[0]!)
    await submitUpdate(onTrack) // pending: counts as reported, but not towards progress
    const late = await activeProject()
    const held = await activeProject({ milestones: later })
    await transitionProject(db, { user: held.secretariat, projectId: held.projectId, input: { action: 'hold', reason: 'Security situation in the region.' }, origin })

    const today = '2030-04-15'
    const organizationIds = [onTrack, late, held].map((p) => p.state.org.id)
    const { total, items } = await portfolio(db, { organizationIds }, today)
    expect(total).toBe(3)
    expect(items.map((p) => p.id)).toEqual([late.projectId, held.projectId, onTrack.projectId])
    const [lateSummary, heldSummary, onTrackSummary] = items
    expect(lateSummary).toMatchObject({ overdue: 2, risk: 23, nextDue: { kind: 'milestone', dueDate: '2030-03-31', overdue: true } })
    expect(heldSummary).toMatchObject({ status: 'on_hold', overdue: 0, risk: 5, nextDue: { kind: 'milestone', dueDate: '2030-06-30' } })
    expect(onTrackSummary).toMatchObject({ overdue: 0, risk: 0, nextDue: { dueDate: '2030-06-30' }, progress: { percent: 25, milestonesDone: 1, milestonesTotal: 2 } })
    expect(onTrackSummary?.due.map((d) => d.kind).sort()).toEqual(['milestone', 'progressUpdate'])
    expect(onTrackSummary?.partners).toEqual([{ name: onTrack.partner.org.name, role: 'implementing' }])
    expect(onTrackSummary?.state).toBe(onTrack.state.org.name)

    // The plain list is newest first; filters narrow it.
    expect((await projectSummaries(db, { organizationIds }, today)).items.map((p) => p.id)).toEqual([held.projectId, late.projectId, onTrack.projectId])
    expect((await projectSummaries(db, { organizationIds, status: 'on_hold' }, today)).items.map((p) => p.id)).toEqual([held.projectId])
    expect((await projectSummaries(db, { organizationIds: [] }, today)).total).toBe(0)
    expect((await projectSummaries(db, { organizationIds, publishedOnly: true }, today)).total).toBe(0)
    await publishProject(db, onTrack.secretariat, onTrack.projectId, true)
    expect((await projectSummaries(db, { organizationIds, publishedOnly: true }, today)).items.map((p) => p.id)).toEqual([onTrack.projectId])
  })
})

describe('the public page', () => {
  test('shows objectives, partners, progress and results — never evidence, comments, people or the thread', async () => {
    const project = await activeProject()
    const [first, second] = project.milestoneIds
    if (!first || !second) throw new Error('the factory drafts milestones')
    const evidence = 'Confidential: attendance sheets with workers’ passport numbers.'
    await submitMilestone(db, { user: project.partner.member, projectId: project.projectId, milestoneId: first, input: evidenceInput({ evidence }), file: null, origin })
    const comment = 'Remove the passport numbers before resubmitting.'
    await reviewMilestone(db, { user: project.secretariat, projectId: project.projectId, milestoneId: first, input: { decision: 'return', comment }, origin })
    await postProjectMessage(db, { user: project.state.member, projectId: project.projectId, body: 'Private note: the minister prefers Sylhet.', origin })
    await transitionProject(db, { user: project.secretariat, projectId: project.projectId, input: { action: 'hold', reason: 'Internal dispute about the venue.' }, origin })
    await publishProject(db, project.secretariat, project.projectId, true)

    const page = await publicProject(db, project.projectId)
    expect(page).toMatchObject({ id: project.projectId, status: 'on_hold', iatiStatus: 6, objectives: [3], cancelReason: null })
    expect(page?.milestones.map((m) => m.status)).toEqual(['returned', 'planned'])
    expect(page?.participants.map((p) => p.role).sort()).toEqual(['accountable', 'implementing'])
    const text = JSON.stringify(page)
    for (const secret of [evidence, comment, 'Private note', 'Internal dispute', project.partner.member.email, project.state.member.email, project.partner.member.displayName]) {
      expect(text).not.toContain(secret)
    }

    await publishProject(db, project.secretariat, project.projectId, false)
    expect(await publicProject(db, project.projectId)).toBeNull()
  })
})
