import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { offers } from '#db/schema/index'
import { createOffer, offerForReader, transitionOffer, updateOffer } from '~/domain/offers/offers.server'
import { OfferSchema, type OfferInput } from '~/domain/offers/schemas'
import { db } from '~/utils/db.server'
import { createOrganization, createUser } from '../factories'
import { expectDomainError } from './support'

function expertise(overrides: Record<string, unknown> = {}): OfferInput {
  return OfferSchema.parse({
    kind: 'expertise',
    title: 'Migration statistics training for national statistical offices',
    summary: 'Two-week courses and remote coaching on migration data, census modules and surveys.',
    primaryObjective: 1,
    objectives: [],
    actions: ['1.c', '1.g'],
    countries: ['KEN'],
    regions: ['034'],
    supportTypes: ['capacity_building', 'data_research'],
    languages: ['en', 'fr'],
    capacityPersonDays: 120,
    availableFrom: '2027-01-01',
    availableUntil: '2027-12-31',
    financingMin: 1000,
    ...overrides,
  })
}

describe('offers', () => {
  test('an expertise offer keeps chosen regions apart from those derived from countries, and drops financing fields', async () => {
    const { org, owner } = await createOrganization({ type: 'academia', status: 'verified' })
    const id = await createOffer(db, owner.actor, org, expertise(), true)
    const [row] = await db.select().from(offers).where(eq(offers.id, id))
    expect(row).toMatchObject({ status: 'active', servedRegions: ['034'], financingMin: null, financingCurrency: null })
    // Kenya: Eastern Africa (014), Sub-Saharan Africa (202), Africa (002); plus the chosen Southern Asia (034).
    expect(row?.regions).toEqual(['002', '014', '034', '202'])
    expect(row?.publishedAt).toBeInstanceOf(Date)
  })

  test('a financing offer needs an ordered range and a currency', () => {
    const base = { ...expertise(), kind: 'financing' }
    expect(OfferSchema.safeParse({ ...base, financingMin: 50000, financingMax: 250000, financingCurrency: 'USD' }).success).toBe(true)
    const reversed = OfferSchema.safeParse({ ...base, financingMin: 250000, financingMax: 50000, financingCurrency: 'USD' })
    expect(reversed.error?.issues.map((i) => i.path[0])).toContain('financingMax')
    const missing = OfferSchema.safeParse({ ...base, financingMin: undefined, financingMax: 1, financingCurrency: 'USD' })
    expect(missing.error?.issues.map((i) => i.path[0])).toContain('financingMin')
  })

  test('an offer needs somewhere to work: countries, regions or worldwide', () => {
    const result = OfferSchema.safeParse({ ...expertise(), countries: [], regions: [], global: false })
    expect(result.error?.issues.map((i) => i.path[0])).toContain('countries')
    expect(OfferSchema.safeParse({ ...expertise(), countries: [], regions: [], global: 'on' }).success).toBe(true)
  })

  test('draft → active ⇄ paused → closed; closed offers cannot be edited', async () => {
    const { org, owner } = await createOrganization({ type: 'un_entity', status: 'verified' })
    const id = await createOffer(db, owner.actor, org, expertise(), false)
    expect(await offerForReader(db, null, id)).toBeNull()
    expect(await transitionOffer(db, owner.actor, id, 'publish')).toBe('active')
    expect((await offerForReader(db, null, id))?.offer.status).toBe('active')
    expect(await transitionOffer(db, owner.actor, id, 'pause')).toBe('paused')
    await expectDomainError(transitionOffer(db, owner.actor, id, 'pause'), { status: 409 })
    expect(await transitionOffer(db, owner.actor, id, 'resume')).toBe('active')
    expect(await transitionOffer(db, owner.actor, id, 'close')).toBe('closed')
    expect(await offerForReader(db, null, id)).toBeNull()
    await expectDomainError(updateOffer(db, owner.actor, id, expertise()), { status: 409, code: 'offers.closed' })
  })

  test('only members of a verified organisation offer or manage offers', async () => {
    const pending = await createOrganization({ type: 'civil_society', status: 'pending' })
    await expectDomainError(createOffer(db, pending.owner.actor, pending.org, expertise(), true), { status: 403 })
    const { org, owner } = await createOrganization({ type: 'civil_society', status: 'verified' })
    const id = await createOffer(db, owner.actor, org, expertise(), true)
    const stranger = await createUser()
    await expectDomainError(transitionOffer(db, stranger.actor, id, 'close'), { status: 403 })
    // A draft the stranger may not read is not revealed by a step on it: 404, as on its page.
    const draft = await createOffer(db, owner.actor, org, expertise(), false)
    await expectDomainError(transitionOffer(db, stranger.actor, draft, 'publish'), { status: 404 })
    await expectDomainError(updateOffer(db, stranger.actor, draft, expertise()), { status: 404 })
  })
})
