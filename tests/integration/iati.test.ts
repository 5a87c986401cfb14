import { isNotNull } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { projects } from '#db/schema/index'
import { evenPercentages, iatiActivitiesXml, iatiIdentifier } from '~/domain/open-data/iati'
import { db } from '~/utils/db.server'
import { callApi, hiddenProjectTitle, PRIVATE, seedOpenData, type OpenDataWorld } from './open-data-support'
import { childrenNamed, parseXmlTree, type XmlNode } from '../support/xml-tree'

/** The sequences of the IATI 2.03 activity schema (iati-activities-schema.xsd) for the elements the Hub writes. */
const sequence: Record<string, string[]> = {
  'iati-activity': [
    'iati-identifier', 'reporting-org', 'title', 'description', 'participating-org', 'other-identifier', 'activity-status', 'activity-date', 'contact-info',
    'activity-scope', 'recipient-country', 'recipient-region', 'location', 'sector', 'tag', 'country-budget-items', 'humanitarian-scope', 'policy-marker',
    'collaboration-type', 'default-flow-type', 'default-finance-type', 'default-aid-type', 'default-tied-status', 'budget', 'planned-disbursement',
    'capital-spend', 'transaction', 'document-link', 'related-activity', 'legacy-data', 'conditions', 'result', 'crs-add', 'fss',
  ],
  transaction: ['transaction-type', 'transaction-date', 'value', 'description', 'provider-org', 'receiver-org', 'disbursement-channel', 'sector', 'recipient-country', 'recipient-region', 'flow-type', 'finance-type', 'aid-type', 'tied-status'],
  budget: ['period-start', 'period-end', 'value'],
  result: ['title', 'description', 'document-link', 'reference', 'indicator'],
  indicator: ['title', 'description', 'document-link', 'reference', 'baseline', 'period'],
  period: ['period-start', 'period-end', 'target', 'actual'],
  'document-link': ['title', 'description', 'category', 'language', 'document-date'],
}
/** Attributes the schema requires, by element. */
const required: Record<string, string[]> = {
  'iati-activities': ['version'],
  'reporting-org': ['ref', 'type'],
  'participating-org': ['role'],
  'activity-status': ['code'],
  'activity-date': ['type', 'iso-date'],
  'recipient-country': ['code'],
  'recipient-region': ['code'],
  sector: ['code'],
  tag: ['code', 'vocabulary'],
  budget: [],
  'period-start': ['iso-date'],
  'period-end': ['iso-date'],
  'transaction-type': ['code'],
  'transaction-date': ['iso-date'],
  'document-link': ['url', 'format'],
  category: ['code'],
  result: ['type'],
  indicator: ['measure'],
  baseline: ['year'],
  dimension: ['name', 'value'],
}

const child = (node: XmlNode, name: string) => childrenNamed(node, name)[0]
const narrative = (node: XmlNode | undefined) => (node ? child(node, 'narrative')?.text : undefined)

function checkStructure(node: XmlNode) {
  const order = sequence[node.name]
  if (order) {
    const positions = node.children.map((c) => order.indexOf(c.name))
    expect(positions, `${node.name} holds only elements of its sequence: ${node.children.map((c) => c.name)}`).not.toContain(-1)
    expect(positions, `${node.name}'s children are in the schema's order`).toEqual([...positions].sort((a, b) => a - b))
  }
  for (const attribute of required[node.name] ?? []) expect(node.attributes[attribute], `${node.name}/@${attribute}`).toBeTruthy()
  node.children.forEach(checkStructure)
}

let world: OpenDataWorld
let xml: string
let activities: Map<string, XmlNode>

beforeAll(async () => {
  world = await seedOpenData()
  const response = await callApi('/iati/activities.xml')
  expect(response.status).toBe(200)
  expect(response.headers.get('Content-Type')).toBe('application/xml; charset=utf-8')
  xml = await response.text()
  const root = parseXmlTree(xml)
  activities = new Map(childrenNamed(root, 'iati-activity').map((a) => [child(a, 'iati-identifier')!.text, a]))
})

describe('GET /api/v1/iati/activities.xml', () => {
  test('is well-formed IATI 2.03 with every published project once and no unpublished one', async () => {
    const root = parseXmlTree(xml)
    expect(root.name).toBe('iati-activities')
    expect(root.attributes.version).toBe('2.03')
    expect(Number.isNaN(Date.parse(root.attributes['generated-datetime']!))).toBe(false)
    const published = await db.select({ id: projects.id }).from(projects).where(isNotNull(projects.publishedAt))
    expect([...activities.keys()].sort()).toEqual(published.map((p) => iatiIdentifier(p.id)).sort())
    expect(childrenNamed(root, 'iati-activity')).toHaveLength(published.length)
    expect(activities.has(iatiIdentifier(world.hiddenId))).toBe(false)
    expect(xml).not.toContain(world.hiddenId)
    expect(xml).not.toContain(hiddenProjectTitle(world.word))
  })

  test('elements follow the schema’s order and carry the attributes it requires', () => {
    checkStructure(parseXmlTree(xml))
  })

  test('an active project: organisations by role, status, dates, countries, objectives, budget', () => {
    const a = activities.get(iatiIdentifier(world.activeId))!
    expect(a.attributes).toMatchObject({ 'default-currency': 'USD', 'xml:lang': 'en' })
    expect(child(a, 'reporting-org')!.attributes).toMatchObject({ ref: 'XM-GCM-HUB', type: '40' })
    expect(narrative(child(a, 'title'))).toBe(`Orientation & <pre-departure> course ${world.word}`)
    const orgs = childrenNamed(a, 'participating-org').map((o) => [o.attributes.role, o.attributes.type, narrative(o)])
    expect(orgs).toEqual(
      expect.arrayContaining([
        ['1', '60', world.donor.name],
        ['1', '40', expect.stringContaining('Connection Hub')],
        ['2', '10', world.state.name],
        ['4', '22', world.partner.name],
      ]),
    )
    expect(child(a, 'activity-status')!.attributes.code).toBe('2')
    expect(childrenNamed(a, 'activity-date').map((d) => [d.attributes.type, d.attributes['iso-date']])).toEqual([
      ['1', '2030-01-01'],
      ['2', expect.stringMatching(/^\d{4}-\d\d-\d\d$/)],
      ['3', '2030-12-31'],
    ])
    const countries = childrenNamed(a, 'recipient-country')
    expect(countries.map((c) => c.attributes.code)).toEqual(['BD', 'NP', 'KE'])
    expect(countries.reduce((sum, c) => sum + Number(c.attributes.percentage), 0)).toBeCloseTo(100, 6)
    const tags = childrenNamed(a, 'tag')
    expect(tags.map((t) => [t.attributes.vocabulary, t.attributes.code])).toEqual([['99', '3']])
    expect(tags[0]!.attributes['vocabulary-uri']).toMatch(/^https:\/\/.*A\/RES\/73\/195/)
    expect(narrative(tags[0])).toMatch(/information/i)
    const budget = child(a, 'budget')!
    expect(budget.attributes).toMatchObject({ type: '1', status: '1' })
    expect(child(budget, 'value')!.attributes).toMatchObject({ currency: 'USD', 'value-date': '2030-01-01' })
    expect(child(budget, 'value')!.text).toBe('150000.00')
  })

  test('the fund’s ledger as transactions: incoming funds, commitment, disbursement; no donor who is a person is named', () => {
    const a = activities.get(iatiIdentifier(world.activeId))!
    const transactions = childrenNamed(a, 'transaction').map((t) => ({
      type: child(t, 'transaction-type')!.attributes.code,
      value: child(t, 'value')!.text,
      currency: child(t, 'value')!.attributes.currency,
      provider: narrative(child(t, 'provider-org')),
      receiver: narrative(child(t, 'receiver-org')),
      description: narrative(child(t, 'description')),
    }))
    expect(transactions).toEqual([
      expect.objectContaining({ type: '1', value: '300.00', currency: 'USD', provider: 'Anonymous donor' }),
      expect.objectContaining({ type: '2', value: '1000.00', provider: expect.stringContaining('Connection Hub'), receiver: world.partner.name }),
      expect.objectContaining({ type: '3', value: '400.00', receiver: world.partner.name, description: expect.stringMatching(/^DSB-/) }),
    ])
    for (const name of PRIVATE.names) expect(xml).not.toContain(name)
  })

  test('a closed project: actual end, results with baseline, target and approved actuals, broken down', () => {
    const a = activities.get(iatiIdentifier(world.closedId))!
    expect(child(a, 'activity-status')!.attributes.code).toBe('4')
    expect(childrenNamed(a, 'activity-date').map((d) => d.attributes.type)).toEqual(['1', '2', '3', '4'])
    expect(childrenNamed(a, 'transaction')).toEqual([])
    const result = child(a, 'result')!
    expect(result.attributes.type).toBe('1')
    const indicator = child(result, 'indicator')!
    expect(indicator.attributes.measure).toBe('1')
    expect(narrative(child(indicator, 'title'))).toBe('Workers trained before departure')
    expect(child(indicator, 'baseline')!.attributes).toMatchObject({ year: '2030', value: '0' })
    const period = child(indicator, 'period')!
    expect(child(period, 'target')!.attributes.value).toBe('400')
    const actuals = childrenNamed(period, 'actual').map((x) => [x.attributes.value, child(x, 'dimension')?.attributes.value ?? null])
    expect(actuals).toEqual([
      ['320', null],
      ['250', 'female'],
      ['70', 'male'],
    ])
  })
})

test('country shares are even and add up to exactly 100', () => {
  expect(evenPercentages(1)).toEqual(['100'])
  expect(evenPercentages(3)).toEqual(['33.34', '33.33', '33.33'])
  for (const n of [2, 6, 7, 9, 13]) expect(evenPercentages(n).reduce((s, p) => s + Math.round(Number(p) * 100), 0)).toBe(10_000)
})

test('a control character pasted into a title does not break the file', () => {
  const xml = iatiActivitiesXml([
    {
      projectId: '3f8e2a1c-5b7d-4e9f-8a6b-2c1d0e9f8a7b',
      title: 'Bell\u0007 and escape\u001b in a title',
      summary: 'Summary',
      status: 'inception',
      updatedAt: new Date('2030-01-01T00:00:00Z'),
      url: 'https://hub.example.org/projects/3f8e2a1c-5b7d-4e9f-8a6b-2c1d0e9f8a7b',
      dates: { plannedStart: '2030-01-01', plannedEnd: '2030-12-31', actualStart: null, actualEnd: null },
      participants: [],
      fundedByHub: false,
      countries: [],
      regions: ['142'],
      objectives: [],
      budget: { amount: 100, currency: 'JPY' },
      transactions: [],
      indicators: [],
    },
  ])
  const root = parseXmlTree(xml)
  const activity = child(root, 'iati-activity')!
  expect(narrative(child(activity, 'title'))).toBe('Bell  and escape  in a title')
  expect(child(activity, 'recipient-region')!.attributes).toEqual({ code: '142', vocabulary: '2', percentage: '100' })
  expect(child(child(activity, 'budget')!, 'value')!.text).toBe('100')
  expect(root.attributes['generated-datetime']).toBe('2030-01-01T00:00:00.000Z')
})
