import { expect } from 'vitest'
import type { OfferStatus, RequestStatus } from '#db/schema/index'
import type { Organization } from '~/domain/organizations/organizations.server'
import { browse } from '~/domain/catalogue/browse.server'
import { browseQuery, type BrowseQuery } from '~/domain/catalogue/filters'
import type { PublicRequest } from '~/domain/catalogue/items.server'
import { db, type Db } from '~/utils/db.server'
import { createOrganization, insertOffer as insertOfferRow, insertRequest as insertRequestRow, uniqueSuffix } from '../factories'

/**
 * What the browse and search tests share: a State that asks and a partner that offers, requests and offers with
 * the fields a test cares about, and the search itself.
 */

// Each test writes rows carrying a word of its own and searches for it, so tests never see each other's rows.
export const uniqueWord = () => `w${uniqueSuffix()}`

let organizations: Promise<{ state: Organization; partner: Organization }> | undefined
/** The State and the partner, made once per test file on first use. */
export function searchOrganizations() {
  organizations ??= (async () => ({
    state: (await createOrganization({ type: 'state', country: 'BGD', status: 'verified', name: `Ministry of Labour ${uniqueSuffix()}` })).org,
    partner: (await createOrganization({ type: 'academia', status: 'verified', name: `Migration Data Lab ${uniqueSuffix()}` })).org,
  }))()
  return organizations
}

interface RequestFields {
  title: string
  summary?: string
  description?: string
  countries?: string[]
  objectives?: number[]
  supportTypes?: string[]
  languages?: string[]
  status?: RequestStatus
  publishedAt?: Date | null
}

/** A request of the test file's State (`into` a transaction when given). */
export async function insertRequest(fields: RequestFields, into?: Db) {
  const [primaryObjective, ...others] = fields.objectives ?? [20]
  const status = fields.status ?? 'published'
  const publishedAt = fields.publishedAt !== undefined ? fields.publishedAt : status === 'draft' || status === 'submitted' ? null : new Date()
  const form = {
    title: fields.title,
    summary: fields.summary ?? 'Support sought to strengthen national capacities.',
    description: fields.description ?? '',
    countries: fields.countries ?? ['BGD'],
    primaryObjective,
    objectives: others,
    supportTypes: fields.supportTypes ?? ['technical_assistance'],
    languages: fields.languages ?? ['en'],
    budgetAmount: 150000,
    budgetCurrency: 'USD',
    contactName: 'Private Contact Person',
    contactEmail: 'private.contact@example.org',
  }
  return insertRequestRow(form, { organizationId: (await searchOrganizations()).state.id, status, publishedAt }, into)
}

export async function insertOffer(fields: { title: string; kind?: 'expertise' | 'financing'; status?: OfferStatus; objectives?: number[]; publishedAt?: Date }) {
  const [primaryObjective, ...others] = fields.objectives ?? [1]
  const kind = fields.kind ?? 'expertise'
  const form = {
    kind,
    title: fields.title,
    summary: 'Training and coaching for national statistical offices.',
    primaryObjective,
    objectives: others,
    countries: ['KEN'],
    supportTypes: ['capacity_building'],
    languages: ['en'],
    ...(kind === 'financing' ? { financingMin: 50000, financingMax: 250000, financingCurrency: 'USD' } : {}),
  }
  const status = fields.status ?? 'active'
  const publishedAt = status === 'draft' ? null : (fields.publishedAt ?? new Date())
  return insertOfferRow(form, { organizationId: (await searchOrganizations()).partner.id, status, publishedAt })
}

export const search = (q: string, choices: Partial<BrowseQuery> = {}) => browse<PublicRequest>(db, browseQuery('requests', { q, ...choices }), { facets: true })
export const ids = (result: { items: { id: string }[] }) => result.items.map((i) => i.id)

export const routeArgs = (path: string, headers: Record<string, string> = {}) => ({
  request: new Request(`http://localhost${path}`, { headers }),
  params: {},
  context: { cspNonce: '' },
})

/** Runs a loader expecting it to throw a Response; returns its status and text. */
export async function thrownResponse(run: () => Promise<unknown>) {
  const thrown = await run().then(
    () => null,
    (e: unknown) => e,
  )
  expect(thrown, 'the loader answered instead of throwing').toBeInstanceOf(Response)
  const response = thrown as Response
  return { status: response.status, text: await response.text() }
}
