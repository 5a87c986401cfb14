import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { auditLog, emailOutbox, requestReviews, requests } from '#db/schema/index'
import {
  createRequest,
  requestForReader,
  screeningQueue,
  transitionRequest,
  updateRequest,
} from '~/domain/requests/requests.server'
import { RequestSchema, type RequestInput } from '~/domain/requests/schemas'
import { db } from '~/utils/db.server'
import { createOrganization, createUser } from '../factories'
import { expectDomainError } from './support'

const origin = 'http://hub.test'

function validInput(overrides: Partial<Record<string, unknown>> = {}): RequestInput {
  return RequestSchema.parse({
    title: 'Lowering remittance costs through digital channels',
    summary: 'Technical assistance to design a national strategy that brings remittance costs below 3 per cent.',
    countries: ['BGD'],
    primaryObjective: 20,
    objectives: [19],
    actions: ['20.a', '19.c'],
    principles: ['gender_responsive'],
    supportTypes: ['technical_assistance'],
    languages: ['en'],
    budgetAmount: 150000,
    budgetCurrency: 'USD',
    seeksFunding: 'on',
    startDate: '2027-03-01',
    durationMonths: 12,
    contactName: 'Rahim Chowdhury',
    contactEmail: 'rahim@example.org',
    ...overrides,
  })
}

async function stateFocalPoint() {
  const { org, owner } = await createOrganization({ type: 'state', country: 'BGD', status: 'verified' })
  return { org, user: owner.actor }
}

describe('request input', () => {
  test('stores the primary objective first, derives regions and keeps money in minor units', async () => {
    const { org, user } = await stateFocalPoint()
    const id = await createRequest(db, user, org, validInput())
    const [row] = await db.select().from(requests).where(eq(requests.id, id))
    expect(row).toMatchObject({
      status: 'draft',
      objectives: [20, 19],
      primaryObjective: 20,
      budgetAmount: 15_000_000,
      budgetCurrency: 'USD',
      seeksFunding: true,
      createdBy: user.id,
    })
    // Bangladesh: Southern Asia (034) in Asia (142).
    expect(row?.regions).toEqual(['034', '142'])
  })

  test.each([
    ['an unknown objective', { primaryObjective: 99 }, 'primaryObjective'],
    ['an action outside the chosen objectives', { actions: ['1.a'] }, 'actions'],
    ['an unknown country', { countries: ['XYZ'] }, 'countries'],
    ['no country', { countries: [] }, 'countries'],
    ['a budget without currency', { budgetCurrency: undefined }, 'budgetCurrency'],
    ['an unknown currency', { budgetCurrency: 'ABC' }, 'budgetCurrency'],
    ['a malformed date', { startDate: '01/03/2027' }, 'startDate'],
    ['an over-long title', { title: 'x'.repeat(201) }, 'title'],
    ['an unknown support type', { supportTypes: ['money'] }, 'supportTypes'],
    ['an unknown language', { languages: ['qq'] }, 'languages'],
  ])('rejects %s', (_label, overrides, field) => {
    const result = RequestSchema.safeParse({ ...validInput(), seeksFunding: 'on', ...overrides })
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((i) => i.path[0])).toContain(field)
  })
})

describe('who may draft', () => {
  test('only members of a verified State or local authority', async () => {
    const pending = await createOrganization({ type: 'state', country: 'NPL', status: 'pending' })
    await expectDomainError(createRequest(db, pending.owner.actor, pending.org, validInput()), { status: 403, code: 'requests.organizationNotVerified' })

    const partner = await createOrganization({ type: 'civil_society', status: 'verified' })
    await expectDomainError(createRequest(db, partner.owner.actor, partner.org, validInput()), { status: 403, code: 'requests.onlyStates' })

    const { org } = await stateFocalPoint()
    const outsider = await createUser()
    await expectDomainError(createRequest(db, outsider.actor, org, validInput()), { status: 403 })
  })
})

describe('screening', () => {
  test('submit → return with comments → answer and resubmit → publish, each step audited', async () => {
    const { org, user } = await stateFocalPoint()
    const secretariat = (await createUser({ role: 'secretariat' })).actor
    const id = await createRequest(db, user, org, validInput())

    await transitionRequest(db, user, id, 'submit', { origin })
    expect((await screeningQueue(db, secretariat)).map((r) => r.id)).toContain(id)

    await transitionRequest(db, secretariat, id, 'return', { origin, message: 'Please state the expected results.' })
    const returned = await requestForReader(db, user, id)
    expect(returned?.request.status).toBe('returned')
    // The State is told by email, with a link to its request.
    const emails = await db.select().from(emailOutbox).where(eq(emailOutbox.template, 'requestEmails.returned'))
    expect(emails.some((e) => e.textBody.includes('Please state the expected results.') && e.textBody.includes(`${origin}/requests/${id}`))).toBe(true)

    await updateRequest(db, user, id, validInput({ summary: 'Expected result: remittance costs below 3 per cent by 2028, with a national strategy adopted.' }))
    await transitionRequest(db, user, id, 'submit', { origin, message: 'Results are now stated in the summary.' })
    await transitionRequest(db, secretariat, id, 'publish', { origin })

    const [row] = await db.select().from(requests).where(eq(requests.id, id))
    expect(row?.status).toBe('published')
    expect(row?.publishedAt).toBeInstanceOf(Date)

    const thread = await db.select().from(requestReviews).where(eq(requestReviews.requestId, id))
    expect(thread.map((r) => r.kind)).toEqual(['returned', 'answered'])
    const audit = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, id))
    expect(audit.map((a) => a.action)).toEqual(['request.created', 'request.submit', 'request.return', 'request.updated', 'request.submit', 'request.publish'])
  })

  test('the State cannot publish its own request, and the secretariat cannot submit it', async () => {
    const { org, user } = await stateFocalPoint()
    const secretariat = (await createUser({ role: 'secretariat' })).actor
    const id = await createRequest(db, user, org, validInput())
    await expectDomainError(transitionRequest(db, secretariat, id, 'submit', { origin }), { status: 403 })
    await transitionRequest(db, user, id, 'submit', { origin })
    await expectDomainError(transitionRequest(db, user, id, 'publish', { origin }), { status: 403 })
  })

  test('steps out of order are refused with 409 and change nothing', async () => {
    const { org, user } = await stateFocalPoint()
    const secretariat = (await createUser({ role: 'secretariat' })).actor
    const id = await createRequest(db, user, org, validInput())
    await expectDomainError(transitionRequest(db, secretariat, id, 'publish', { origin }), { status: 409, code: 'lifecycle.notAllowed' })
    const [row] = await db.select({ status: requests.status }).from(requests).where(eq(requests.id, id))
    expect(row?.status).toBe('draft')
  })

  test('a return needs comments', async () => {
    const { org, user } = await stateFocalPoint()
    const secretariat = (await createUser({ role: 'secretariat' })).actor
    const id = await createRequest(db, user, org, validInput())
    await transitionRequest(db, user, id, 'submit', { origin })
    await expectDomainError(transitionRequest(db, secretariat, id, 'return', { origin }), { status: 400 })
  })

  test('a submitted or published request can no longer be edited', async () => {
    const { org, user } = await stateFocalPoint()
    const id = await createRequest(db, user, org, validInput())
    await transitionRequest(db, user, id, 'submit', { origin })
    await expectDomainError(updateRequest(db, user, id, validInput({ title: 'A different title for the request' })), { status: 409, code: 'requests.notEditable' })
  })

  test('withdrawal by the State ends the request', async () => {
    const { org, user } = await stateFocalPoint()
    const id = await createRequest(db, user, org, validInput())
    await transitionRequest(db, user, id, 'withdraw', { origin })
    const [row] = await db.select().from(requests).where(eq(requests.id, id))
    expect(row?.status).toBe('withdrawn')
    expect(row?.closedAt).toBeInstanceOf(Date)
    await expectDomainError(transitionRequest(db, user, id, 'submit', { origin }), { status: 409 })
  })
})

describe('who may read', () => {
  test('drafts are private to the State and the secretariat; the public sees published requests without contacts', async () => {
    const { org, user } = await stateFocalPoint()
    const secretariat = (await createUser({ role: 'secretariat' })).actor
    const stranger = (await createUser()).actor
    const id = await createRequest(db, user, org, validInput())
    expect(await requestForReader(db, null, id)).toBeNull()
    expect(await requestForReader(db, stranger, id)).toBeNull()
    expect((await requestForReader(db, user, id))?.privileged).toBe(true)
    expect((await requestForReader(db, secretariat, id))?.privileged).toBe(true)

    await transitionRequest(db, user, id, 'submit', { origin })
    await transitionRequest(db, secretariat, id, 'publish', { origin })
    const visitor = await requestForReader(db, null, id)
    expect(visitor?.privileged).toBe(false)
  })
})
