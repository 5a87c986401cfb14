import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, test } from 'vitest'
import type { ContributionId, MatchId, ProjectId } from '#db/schema/index'
import type { SessionUser } from '~/domain/accounts/sessions.server'
import { browse } from '~/domain/catalogue/browse.server'
import { browseQuery } from '~/domain/catalogue/filters'
import { objectiveCounts } from '~/domain/catalogue/objectives.server'
import { dashboardFigures } from '~/domain/dashboards/dashboards.server'
import { allocate } from '~/domain/fund/allocations.server'
import { recordPledge, recordPledgeReceipt } from '~/domain/fund/contributions.server'
import { fundOverview } from '~/domain/fund/public.server'
import { AllocationSchema, PledgeSchema } from '~/domain/fund/schemas'
import { accounts } from '~/domain/ledger/ledger.server'
import { decideMatch, expressInterest } from '~/domain/matching/matches.server'
import { createOffer } from '~/domain/offers/offers.server'
import { OfferSchema } from '~/domain/offers/schemas'
import { createProjectFromMatch, publishProject, transitionProject } from '~/domain/projects/projects.server'
import { createRequest, transitionRequest } from '~/domain/requests/requests.server'
import { RequestSchema } from '~/domain/requests/schemas'
import { db } from '~/utils/db.server'
import { approveWorkplan, createOrganization, createUser, draftWorkplan, projectOrigin, projectSetup, verifiedParty, type TestParty } from '../factories'
import { callApi } from './open-data-support'

/**
 * A world with one published project (Kenya, objective 3) and, where nobody outside may look, an unpublished one
 * (Moldova, objective 19) that has started and received money, a draft and a submitted request and a draft offer
 * (Tuvalu, objective 23). Every public aggregate must read as if the unpublished things did not exist.
 */
const HIDDEN = { country: 'MDA', objective: 19 }
const DRAFTS = { country: 'TUV', objective: 23 }

let secretariat: SessionUser
let partner: TestParty
let publishedId: ProjectId
let hiddenId: ProjectId

function requestInput(country: string, objective: number) {
  return RequestSchema.parse({
    title: `Labour migration pilot ${randomUUID().slice(0, 6)}`,
    summary: 'Design and pilot a course with the ministry of labour.',
    countries: [country],
    primaryObjective: objective,
    supportTypes: ['capacity_building'],
    languages: ['en'],
  })
}

/** A State's published request, agreed with the partner, set up as a project by the secretariat and started. */
async function startedProject(country: string, objective: number) {
  const { org: state, owner } = await createOrganization({ type: 'state', country, status: 'verified' })
  const requestId = await createRequest(db, owner.actor, state, requestInput(country, objective))
  await transitionRequest(db, owner.actor, requestId, 'submit', { origin: projectOrigin })
  await transitionRequest(db, secretariat, requestId, 'publish', { origin: projectOrigin })
  const matchId = (await expressInterest(db, partner.member, requestId, { providerId: partner.org.id, message: 'We ran the same course elsewhere and can adapt it.' }, projectOrigin)) as MatchId
  await decideMatch(db, owner.actor, matchId, { decision: 'accept', side: 'request' }, projectOrigin)
  const projectId = (await createProjectFromMatch(db, { user: secretariat, matchId, input: projectSetup(), origin: projectOrigin })) as ProjectId
  const project = { state: { org: state, owner: owner.actor, member: owner.actor }, partner, secretariat, requestId, matchId, projectId }
  await draftWorkplan(project)
  await approveWorkplan(project)
  await transitionProject(db, { user: secretariat, projectId, input: { action: 'start' }, origin: projectOrigin })
  return projectId
}

beforeAll(async () => {
  secretariat = (await createUser({ role: 'secretariat' })).actor
  partner = await verifiedParty('civil_society')
  publishedId = await startedProject('KEN', 3)
  hiddenId = await startedProject(HIDDEN.country, HIDDEN.objective)
  await publishProject(db, secretariat, publishedId, true)

  const donor = await verifiedParty('philanthropy')
  const pledge = (await recordPledge(db, donor.member, PledgeSchema.parse({ token: randomUUID(), amount: 1000, currency: 'USD', organizationId: donor.org.id }), projectOrigin)) as ContributionId
  await recordPledgeReceipt(db, secretariat, pledge, { receivedOn: '2030-01-15', amount: 1000, usdAmount: 1000, reference: 'BANK-AGG' })
  await allocate(db, secretariat, AllocationSchema.parse({ projectId: publishedId, pool: accounts.unallocated, amountUsd: 300 }), projectOrigin)
  await allocate(db, secretariat, AllocationSchema.parse({ projectId: hiddenId, pool: accounts.unallocated, amountUsd: 200 }), projectOrigin)

  // Requests and an offer nobody outside may see yet.
  const { org: drafter, owner } = await createOrganization({ type: 'state', country: DRAFTS.country, status: 'verified' })
  await createRequest(db, owner.actor, drafter, requestInput(DRAFTS.country, DRAFTS.objective))
  const submitted = await createRequest(db, owner.actor, drafter, requestInput(DRAFTS.country, DRAFTS.objective))
  await transitionRequest(db, owner.actor, submitted, 'submit', { origin: projectOrigin })
  const offer = OfferSchema.parse({ kind: 'expertise', title: 'Help on census design', summary: 'Advice, training and peer exchange from practitioners.', supportTypes: ['technical_assistance'], languages: ['en'], countries: [DRAFTS.country], primaryObjective: DRAFTS.objective })
  await createOffer(db, partner.member, partner.org, offer, false)
})

describe('public aggregates count published items only', () => {
  test('the dashboards and /api/v1/dashboards: projects, money and the flow', async () => {
    const figures = await dashboardFigures(db, 'en')
    expect(figures.totals).toMatchObject({ projectsUnderWay: 1, projectsCompleted: 0, allocatedUsd: 30_000 })
    expect(figures.objectives.find((o) => o.objective === HIDDEN.objective)).toMatchObject({ projectsUnderWay: 0, allocatedUsd: 0 })
    expect(figures.countries.map((c) => c.country)).not.toContain(HIDDEN.country)
    expect(figures.regions.map((r) => r.region)).not.toContain('151')
    expect(figures.flow.toProjectStart.count).toBe(1)

    const api = (await (await callApi('/dashboards')).json()) as { totals: { projectsUnderWay: number; allocated: { amount: number } }; byCountry: { country: string }[] }
    expect(api.totals).toMatchObject({ projectsUnderWay: 1, allocated: { amount: 300 } })
    expect(api.byCountry.map((c) => c.country)).not.toContain(HIDDEN.country)
  })

  test('the fund (page and /api/v1/fund): money of an unpublished project is not placed on its objectives or countries', async () => {
    const fund = await fundOverview(db, 'en')
    expect(fund.countries.map((c) => c.code)).not.toContain(HIDDEN.country)
    expect(fund.objectives.find((o) => o.number === HIDDEN.objective)).toBeUndefined()
    expect(fund.projects.find((p) => p.id === hiddenId)).toMatchObject({ title: null, published: false })
    // The ledger's totals stay whole: the breakdowns still add up to them.
    const sum = (rows: { allocated: number }[]) => rows.reduce((s, r) => s + r.allocated, 0)
    expect(sum(fund.objectives)).toBe(fund.totals.allocated)
    expect(sum(fund.countries)).toBe(fund.totals.allocated)

    const api = await (await callApi('/fund')).text()
    expect(api).not.toContain(`"${HIDDEN.country}"`)
  })

  test('objective counts, listing facets, the projects API and CSV, and IATI ignore what is not published', async () => {
    expect((await objectiveCounts(db)).get(DRAFTS.objective)).toBeUndefined()
    for (const listing of ['requests', 'offers'] as const) {
      const result = await browse(db, browseQuery(listing), { facets: true })
      expect(Object.keys(result.facets.country ?? {}), listing).not.toContain(DRAFTS.country)
      expect(Object.keys(result.facets.objective ?? {}), listing).not.toContain(String(DRAFTS.objective))
    }
    const projects = (await (await callApi('/projects')).json()) as { total: number; items: { id: string }[] }
    expect(projects.total).toBe(1)
    expect(projects.items.map((p) => p.id)).toEqual([publishedId])
    expect(await (await callApi('/projects.csv')).text()).not.toContain(hiddenId)
    expect(await (await callApi('/iati/activities.xml')).text()).not.toContain(hiddenId)
  })
})
