import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { loadDemoDataIfWanted } from '~/demo/load'
import { organizations, practices, projects, requests } from '#db/schema/index'
import { browse as browsePractices } from '~/domain/catalogue/browse.server'
import { practiceQuery } from '~/domain/catalogue/filters'
import { db } from '~/utils/db.server'
import { DEMO_LOAD_TIMEOUT_MS } from './support'

// This file's database starts empty, as `npm start` finds it the first time.
beforeAll(async () => {
  expect(await loadDemoDataIfWanted(db, { embedded: true, setting: 'auto', log: () => {} })).toBe(true)
}, DEMO_LOAD_TIMEOUT_MS)

const all = () =>
  db
    .select({ practice: practices, org: organizations })
    .from(practices)
    .innerJoin(organizations, eq(organizations.id, practices.organizationId))

describe('demo practices', () => {
  test('seven published, one awaiting review, all from verified organisations', async () => {
    const rows = await all()
    expect(rows.filter((r) => r.practice.status === 'published')).toHaveLength(7)
    expect(rows.filter((r) => r.practice.status === 'submitted')).toHaveLength(1)
    for (const { practice, org } of rows) {
      expect(org.verificationStatus, practice.title).toBe('verified')
      expect(practice.submittedAt!.getTime()).toBeLessThan(Date.now() - 86_400_000)
      if (practice.publishedAt) expect(practice.publishedAt.getTime()).toBeGreaterThan(practice.submittedAt!.getTime())
      expect(practice.whatWasDone && practice.results && practice.lessons, practice.title).toBeTruthy()
    }
  })

  test('two are drawn from the closed Moroccan project, with its final report’s results', async () => {
    const [project] = await db
      .select({ id: projects.id, status: projects.status })
      .from(projects)
      .innerJoin(requests, eq(requests.id, projects.requestId))
      .where(eq(requests.key, 'mar-returnee-reintegration'))
    expect(project?.status).toBe('closed')
    const drawn = (await all()).filter((r) => r.practice.projectId === project?.id)
    expect(drawn.map((r) => r.org.slug).sort()).toEqual(['iom', 'mar-maec'])
    for (const { practice } of drawn) {
      expect(practice.status).toBe('published')
      expect(practice.results).toContain('612 returnees')
      expect(practice.objectives).toContain(21)
    }
  })

  test('are found by search and facets, and listed under their objectives', async () => {
    const found = await browsePractices(db, practiceQuery({ q: 'reintegration' }), { facets: true })
    expect(found.total).toBeGreaterThanOrEqual(2)
    expect(found.facets.country?.MAR).toBe(2)
    const underObjective = await browsePractices(db, practiceQuery({ objective: ['7'] }))
    expect(underObjective.total).toBeGreaterThanOrEqual(3)
  })
})
