import { eq, inArray } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { loadDemoDataIfWanted } from '~/demo/load'
import { demoProjectAccounts } from '~/demo/projects'
import { emailOutbox, matches, memberships, milestones, notifications, organizations, progressUpdates, projects, requests, users, type ProjectStatus } from '#db/schema/index'
import { projectSummaries, type ProjectSummary } from '~/domain/projects/portfolio.server'
import { isoDay } from '~/domain/projects/progress'
import { describeProject, publicProject } from '~/domain/projects/public.server'
import { approvedValuesOf, finalReportOf } from '~/domain/projects/reports.server'
import { projectTimeline } from '~/domain/projects/timeline.server'
import { db } from '~/utils/db.server'
import { DEMO_LOAD_TIMEOUT_MS } from './support'

// This file's database starts empty, as `npm start` finds it the first time.
const today = isoDay(new Date())
let summaries: ProjectSummary[]
beforeAll(async () => {
  expect(await loadDemoDataIfWanted(db, { embedded: true, setting: 'auto', log: () => {} })).toBe(true)
  summaries = (await projectSummaries(db, {}, today)).items
}, DEMO_LOAD_TIMEOUT_MS)

const rows = () =>
  db
    .select({ project: projects, requestKey: requests.key, request: requests })
    .from(projects)
    .innerJoin(requests, eq(requests.id, projects.requestId))

async function only(status: ProjectStatus) {
  const found = (await rows()).filter((r) => r.project.status === status)
  expect(found, status).toHaveLength(1)
  return found[0]!
}

describe('demo projects', () => {
  test('show every stage of a project’s life', () => {
    const statuses = new Set(summaries.map((s) => s.status))
    for (const status of ['inception', 'active', 'on_hold', 'completed', 'closed'] as const) expect(statuses, status).toContain(status)
    expect(new Set(summaries.flatMap((s) => s.countries)).size).toBeGreaterThanOrEqual(6)
    expect(new Set(summaries.map((s) => s.budgetCurrency))).toEqual(new Set(['USD', 'EUR']))
  })

  test('the Bangladesh project is active with approved, submitted and overdue milestones, and progress under way', async () => {
    const [row] = (await rows()).filter((r) => r.requestKey === 'bgd-returnee-reintegration')
    expect(row?.project.status).toBe('active')
    const summary = summaries.find((s) => s.id === row!.project.id)!
    const statuses = (await db.select({ status: milestones.status }).from(milestones).where(eq(milestones.projectId, row!.project.id))).map((m) => m.status)
    expect(statuses.filter((s) => s === 'approved').length).toBeGreaterThanOrEqual(1)
    expect(statuses).toContain('submitted')
    expect(summary.due.filter((d) => d.kind === 'milestone' && d.overdue).length).toBeGreaterThanOrEqual(1)
    expect(summary.progress.percent).toBeGreaterThanOrEqual(1)
    expect(summary.progress.percent).toBeLessThanOrEqual(99)
    // Approved values count, some broken down by sex and age.
    const values = await approvedValuesOf(db, [row!.project.id])
    const dimensions = new Set(values.flatMap((v) => v.breakdown.map((b) => b.dimension)))
    expect(dimensions).toEqual(new Set(['sex', 'age']))
    for (const v of values) {
      for (const dimension of dimensions) {
        const parts = v.breakdown.filter((b) => b.dimension === dimension)
        if (parts.length) expect(parts.reduce((sum, b) => sum + b.value, 0), dimension).toBe(v.value)
      }
    }
  })

  test('another active project owes a progress update, and one awaits the secretariat’s review', async () => {
    const active = summaries.filter((s) => s.status === 'active')
    expect(active.some((s) => s.due.some((d) => d.kind === 'progressUpdate' && d.overdue))).toBe(true)
    const pending = await db.select().from(progressUpdates).where(eq(progressUpdates.status, 'pending'))
    expect(pending).toHaveLength(1)
  })

  test('the project on hold says why, the completed one awaits approval of its final report', async () => {
    const held = await only('on_hold')
    expect(held.project.holdReason).toMatch(/\w{5}/)
    const completed = await only('completed')
    const done = await db.select({ status: milestones.status }).from(milestones).where(eq(milestones.projectId, completed.project.id))
    expect(done.length).toBeGreaterThan(0)
    expect(done.every((m) => m.status === 'approved')).toBe(true)
    expect((await finalReportOf(db, completed.project.id)).report?.status).toBe('pending')
    expect(completed.request.status).toBe('completed')
  })

  test('the project in inception has its workplan awaiting approval and is not public', async () => {
    const inception = await only('inception')
    expect(inception.project.workplanStatus).toBe('pending')
    expect(inception.project.publishedAt).toBeNull()
    expect(await publicProject(db, inception.project.id)).toBeNull()
    expect(inception.project.startDate > today).toBe(true)
  })

  test('the closed project has an approved final report and the State’s evaluation', async () => {
    const closed = await only('closed')
    const { report, evaluation } = await finalReportOf(db, closed.project.id)
    expect(report?.status).toBe('approved')
    expect(evaluation?.rating).toBeGreaterThanOrEqual(1)
    const described = await publicProject(db, closed.project.id)
    expect(described?.finalReport?.results).toBe(report?.results)
    expect(described?.evaluationRating).toBe(evaluation?.rating)
  })

  test('every published project has its public page; most are published', async () => {
    const published = (await rows()).filter((r) => r.project.publishedAt)
    expect(published.length).toBeGreaterThanOrEqual(summaries.length - 1)
    for (const { project } of published) {
      const page = await publicProject(db, project.id)
      expect(page, project.title).toEqual(await describeProject(db, project))
      expect(page?.participants.some((p) => p.role === 'implementing')).toBe(true)
      expect(page?.indicators.length).toBeGreaterThan(0)
      expect(page?.budget.sources.map((s) => s.label)).toContain('Migration MPTF start-up fund')
    }
  })

  test('the closed project’s story runs in order from the request’s publication to its closure', async () => {
    const closed = await only('closed')
    const events = await projectTimeline(db, closed.project.id, 'public')
    const kinds = events.map((e) => e.kind)
    expect(kinds[0]).toBe('requestPublished')
    expect(kinds.at(-1)).toBe('projectClosed')
    const times = events.map((e) => e.at.getTime())
    expect(times).toEqual([...times].sort((a, b) => a - b))
    const first = (kind: string) => kinds.indexOf(kind)
    const order = ['requestPublished', 'matchAgreed', 'projectCreated', 'workplanApproved', 'projectStarted', 'milestoneApproved', 'projectCompleted', 'finalReportApproved', 'projectEvaluated', 'projectClosed']
    for (const kind of order) expect(kinds, kind).toContain(kind)
    expect(order.map(first)).toEqual([...order.map(first)].sort((a, b) => a - b))
    expect(kinds.lastIndexOf('milestoneApproved')).toBeLessThan(first('projectCompleted'))
    const party = await projectTimeline(db, closed.project.id, 'party')
    expect(party[0]?.kind).toBe('requestDrafted')
  })

  test('dates read like months of work: in order, in the past, milestones inside the project’s dates', async () => {
    const now = Date.now()
    for (const { project, request } of await rows()) {
      const [match] = await db.select().from(matches).where(eq(matches.id, project.matchId))
      const steps = [request.createdAt, request.submittedAt, request.publishedAt, match?.agreedAt, project.createdAt, project.workplanApprovedAt, project.startedAt, project.completedAt, project.closedAt]
      const known = steps.filter((d): d is Date => d instanceof Date).map((d) => d.getTime())
      expect(known, project.title).toEqual([...known].sort((a, b) => a - b))
      expect(Math.max(...known, project.updatedAt.getTime())).toBeLessThan(now)
      expect(project.createdAt.getTime()).toBeLessThan(now - 30 * 86_400_000)
      expect(request.startDate).toBe(project.startDate)
      if (project.startedAt) expect(isoDay(project.startedAt)).toBe(project.startDate)
      for (const m of await db.select().from(milestones).where(eq(milestones.projectId, project.id))) {
        expect(m.dueDate >= project.startDate && m.dueDate <= project.endDate, m.title).toBe(true)
        if (m.approvedAt) expect(m.submittedAt!.getTime()).toBeLessThan(m.approvedAt.getTime())
      }
      for (const u of await db.select().from(progressUpdates).where(eq(progressUpdates.projectId, project.id))) {
        expect(u.periodEnd < isoDay(u.submittedAt!)).toBe(true)
        if (u.approvedAt) expect(u.submittedAt!.getTime()).toBeLessThan(u.approvedAt.getTime())
      }
    }
  })

  test('the parties have accounts, and the load sent no email: only the secretariat’s notices of pending work remain', async () => {
    for (const account of demoProjectAccounts) {
      const [row] = await db
        .select({ role: memberships.role })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
        .where(eq(users.email, account.email))
      expect(row, account.email).toEqual({ role: 'owner' })
    }
    expect(await db.select().from(emailOutbox)).toEqual([])
    const notices = await db.select({ kind: notifications.kind, userId: notifications.userId, createdAt: notifications.createdAt }).from(notifications)
    expect(new Set(notices.map((n) => n.kind))).toEqual(new Set(['workplanSubmitted', 'milestoneSubmitted', 'updateSubmitted', 'finalReportSubmitted']))
    const staff = await db.select({ id: users.id }).from(users).where(inArray(users.platformRole, ['secretariat', 'admin']))
    for (const n of notices) {
      expect(staff.map((s) => s.id)).toContain(n.userId)
      expect(n.createdAt.getTime()).toBeLessThan(Date.now() - 3_600_000)
    }
  })
})
