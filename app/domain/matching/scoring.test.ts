import { describe, expect, it } from 'vitest'
import { translator } from '~/utils/i18n.server'
import { defaultContext, type MatchContext, type OfferFeatures, type RequestFeatures } from './features'
import { reasonText } from './reasons'
import { evaluateMatch, failedHardFilter, scoreMatch, scoreOnly } from './scoring'
import { factorNames, matchWeights } from './weights'

/** A request from Bangladesh on remittances (objective 20, then 19), and an offer that fits it on most counts. */
const request = (changes: Partial<RequestFeatures> = {}): RequestFeatures => ({
  id: 'r1',
  organizationId: 'bgd',
  objectives: [20, 19],
  actions: ['20.a'],
  countries: ['BGD'],
  regions: ['034', '142'],
  supportTypes: ['technical_assistance', 'data_research'],
  languages: ['en', 'bn'],
  budgetAmount: 15_000_000,
  budgetCurrency: 'USD',
  seeksFunding: true,
  startDate: '2027-03-01',
  durationMonths: 12,
  ...changes,
})

const offer = (changes: Partial<OfferFeatures> = {}): OfferFeatures => ({
  id: 'o1',
  organizationId: 'partner',
  kind: 'expertise',
  status: 'active',
  objectives: [20],
  actions: ['20.a'],
  countries: [],
  regions: ['034', '142'],
  global: false,
  supportTypes: ['technical_assistance'],
  languages: ['en'],
  availableFrom: null,
  availableUntil: null,
  financingMin: null,
  financingMax: null,
  financingCurrency: null,
  ...changes,
})

const financing = (min: number, max: number, currency = 'USD', changes: Partial<OfferFeatures> = {}) =>
  offer({ kind: 'financing', supportTypes: ['financing'], financingMin: min, financingMax: max, financingCurrency: currency, ...changes })

const context = (changes: Partial<MatchContext> = {}): MatchContext => ({ ...defaultContext, ...changes })
const score = (o: OfferFeatures, r = request(), c = context()) => scoreMatch(r, o, c).score
const factor = (o: OfferFeatures, name: string, r = request(), c = context()) => scoreMatch(r, o, c).factors.find((f) => f.factor === name)!
const english = translator('en')
const french = translator('fr')
const sentence = (o: OfferFeatures, name: string, r = request(), c = context(), language = 'en') => {
  const reason = factor(o, name, r, c).reason
  return reason ? reasonText(reason, language, language === 'fr' ? french : english) : null
}

describe('weights', () => {
  it('sum to 1, so a score is at most 1', () => {
    expect(factorNames.reduce((sum, f) => sum + matchWeights[f], 0)).toBeCloseTo(1, 10)
  })

  it('give a score in [0, 1] that is the sum of the contributions', () => {
    for (const o of [offer(), offer({ objectives: [5], actions: [], regions: [], global: true }), financing(1, 2)]) {
      const { score: total, factors } = scoreMatch(request(), o, context({ textRelevance: 1, trackRecord: 9 }))
      expect(total).toBeGreaterThanOrEqual(0)
      expect(total).toBeLessThanOrEqual(1)
      expect(total).toBeCloseTo(factors.reduce((sum, f) => sum + f.contribution, 0), 4)
      for (const f of factors) expect(f.contribution).toBeLessThanOrEqual(matchWeights[f.factor as keyof typeof matchWeights] + 1e-9)
    }
  })
})

describe('hard filters', () => {
  it('let a fitting pair through', () => {
    expect(failedHardFilter(request(), offer(), context())).toBeNull()
    expect(evaluateMatch(request(), offer(), context()).eligible).toBe(true)
  })

  it('never match an organisation with its own request', () => {
    expect(failedHardFilter(request(), offer({ organizationId: 'bgd' }), context())).toBe('ownOrganization')
  })

  it('suggest active offers only', () => {
    for (const status of ['draft', 'paused', 'closed'] as const) expect(failedHardFilter(request(), offer({ status }), context())).toBe('offerNotActive')
  })

  it('leave out a pair declined before', () => {
    expect(evaluateMatch(request(), offer(), context({ declinedBefore: true }))).toEqual({ eligible: false, filter: 'declinedBefore' })
  })

  it('need a language in common', () => {
    expect(failedHardFilter(request(), offer({ languages: ['fr', 'ar'] }), context())).toBe('noCommonLanguage')
    expect(failedHardFilter(request(), offer({ languages: ['fr', 'bn'] }), context())).toBeNull()
  })

  it('need the availability to overlap the request’s period when both have one', () => {
    // The request runs from 1 March 2027 to 29 February 2028 (12 months).
    expect(failedHardFilter(request(), offer({ availableUntil: '2027-02-28' }), context())).toBe('notAvailable')
    expect(failedHardFilter(request(), offer({ availableFrom: '2028-03-01' }), context())).toBe('notAvailable')
    expect(failedHardFilter(request(), offer({ availableUntil: '2027-03-01' }), context())).toBeNull()
    expect(failedHardFilter(request(), offer({ availableFrom: '2028-02-29' }), context())).toBeNull()
    expect(failedHardFilter(request({ startDate: null }), offer({ availableUntil: '2020-01-01' }), context())).toBeNull()
  })
})

describe('objectives', () => {
  it('count the request’s primary objective more than a secondary one', () => {
    expect(score(offer({ objectives: [20] }))).toBeGreaterThan(score(offer({ objectives: [19] })))
    expect(factor(offer({ objectives: [20] }), 'objectives').contribution).toBeCloseTo(0.65 * 0.3, 4)
    expect(factor(offer({ objectives: [19] }), 'objectives').contribution).toBeCloseTo(0.35 * 0.3, 4)
  })

  it('count the primary objective most when it is the offer’s own primary', () => {
    expect(factor(offer({ objectives: [20, 19] }), 'objectives').contribution).toBe(0.3)
    expect(factor(offer({ objectives: [19, 20] }), 'objectives').contribution).toBeCloseTo((0.65 * 0.8 + 0.35) * 0.3, 4)
  })

  it('explain which objectives are shared', () => {
    expect(sentence(offer({ objectives: [20] }), 'objectives')).toBe('Both on objective 20: Promote faster, safer and cheaper transfer of remittances and foster financial inclusion')
    expect(sentence(offer({ objectives: [20, 19] }), 'objectives')).toMatch(/^Both on objective 20: .*; also on objective 19$/)
    expect(sentence(offer({ objectives: [19] }), 'objectives')).toMatch(/^Works on objective 19: Create conditions .*, another objective of the request$/)
    expect(factor(offer({ objectives: [5] }), 'objectives')).toEqual({ factor: 'objectives', contribution: 0, reason: null })
  })
})

describe('actions', () => {
  it('reward shared GCM actions', () => {
    expect(factor(offer(), 'actions').contribution).toBe(0.1)
    expect(factor(offer({ actions: ['20.b'] }), 'actions').contribution).toBe(0)
    expect(sentence(offer({ actions: ['20.a', '20.b'] }), 'actions')).toBe('Both on GCM action 20.a')
  })

  it('need three shared actions for the full value when the request names many', () => {
    const many = request({ actions: ['20.a', '20.b', '20.c', '20.d'] })
    expect(factor(offer({ actions: ['20.a'] }), 'actions', many).contribution).toBeCloseTo(0.1 / 3, 4)
    expect(factor(offer({ actions: ['20.a', '20.b', '20.c'] }), 'actions', many).contribution).toBe(0.1)
  })
})

describe('geography', () => {
  const sameCountry = offer({ countries: ['BGD'], regions: ['034', '142'] })
  const subRegion = offer({ countries: ['NPL'], regions: ['034', '142'] })
  const region = offer({ regions: ['142'] })
  const global = offer({ regions: [], global: true })
  const elsewhere = offer({ regions: ['002'] })

  it('ranks the same country over the same sub-region over the same region over a global offer', () => {
    const scores = [sameCountry, subRegion, region, global, elsewhere].map((o) => score(o))
    for (let i = 1; i < scores.length; i++) expect(scores[i - 1]).toBeGreaterThan(scores[i]!)
  })

  it('says where the offer works, naming the most specific place in common', () => {
    expect(sentence(sameCountry, 'geography')).toBe('Works in Bangladesh')
    expect(sentence(subRegion, 'geography')).toBe('Works in Southern Asia')
    expect(sentence(region, 'geography')).toBe('Works in the region: Asia')
    expect(sentence(global, 'geography')).toBe('Offered worldwide')
    expect(sentence(elsewhere, 'geography')).toBeNull()
    // Kenya: Eastern Africa (intermediate region) is named rather than Sub-Saharan Africa.
    const kenya = request({ countries: ['KEN'], regions: ['014', '202', '002'] })
    expect(sentence(offer({ regions: ['002', '014', '202'] }), 'geography', kenya)).toBe('Works in Eastern Africa')
  })
})

describe('support types', () => {
  it('count the share of the kinds of support sought that the offer gives', () => {
    expect(factor(offer({ supportTypes: ['technical_assistance'] }), 'supportTypes').contribution).toBe(0.05)
    expect(factor(offer({ supportTypes: ['technical_assistance', 'data_research'] }), 'supportTypes').contribution).toBe(0.1)
    expect(factor(offer({ supportTypes: ['peer_exchange'] }), 'supportTypes').contribution).toBe(0)
    expect(sentence(offer({ supportTypes: ['technical_assistance', 'data_research'] }), 'supportTypes')).toBe('Provides the technical assistance and data and research sought')
  })

  it('match financing offers with requests that seek funding', () => {
    expect(factor(financing(1, 2), 'supportTypes').contribution).toBe(0.1)
    expect(factor(financing(1, 2), 'supportTypes', request({ seeksFunding: false })).contribution).toBe(0)
  })
})

describe('financing fit', () => {
  it('is neutral for expertise offers', () => {
    expect(factor(offer(), 'financing')).toEqual({ factor: 'financing', contribution: 0.05, reason: null })
  })

  it('rewards a budget inside the offer’s range, and says so with the amounts', () => {
    const inside = financing(5_000_000, 25_000_000)
    expect(factor(inside, 'financing').contribution).toBeCloseTo(0.1 * (0.8 + 0.2 * 0.5), 4)
    expect(sentence(inside, 'financing')).toBe('Budget USD 150,000 within the offer’s USD 50,000–250,000')
    expect(sentence(inside, 'financing', request(), context(), 'fr')).toMatch(/^Budget de USD 150\s000 compris dans la fourchette de l’offre \(USD 50\s000–250\s000\)$/)
  })

  it('gives less to a budget outside the range, the less the further it is', () => {
    const inside = factor(financing(5_000_000, 25_000_000), 'financing').contribution
    const justAbove = factor(financing(1_000_000, 12_000_000), 'financing').contribution
    const farAbove = factor(financing(100_000, 1_000_000), 'financing').contribution
    const below = factor(financing(30_000_000, 60_000_000), 'financing').contribution
    expect(inside).toBeGreaterThan(justAbove)
    expect(justAbove).toBeGreaterThan(farAbove)
    expect(inside).toBeGreaterThan(below)
    expect(sentence(financing(1_000_000, 12_000_000), 'financing')).toBe('Budget USD 150,000 above the offer’s maximum of USD 120,000: part-financing')
    expect(sentence(financing(30_000_000, 60_000_000), 'financing')).toBe('Budget USD 150,000 below the offer’s minimum of USD 300,000')
  })

  it('does not compare amounts in different currencies', () => {
    expect(factor(financing(5_000_000, 25_000_000, 'EUR'), 'financing').contribution).toBeCloseTo(0.1 * (0.8 * 0.5 + 0.1), 4)
    expect(sentence(financing(5_000_000, 25_000_000, 'EUR'), 'financing')).toBe('Budget USD 150,000; the offer finances in EUR')
  })

  it('counts the fund’s availability when it is known', () => {
    const inside = financing(5_000_000, 25_000_000)
    const available = factor(inside, 'financing', request(), context({ fundAvailable: true })).contribution
    const unknown = factor(inside, 'financing', request(), context({ fundAvailable: null })).contribution
    const committed = factor(inside, 'financing', request(), context({ fundAvailable: false })).contribution
    expect(available).toBeGreaterThan(unknown)
    expect(unknown).toBeGreaterThan(committed)
    expect(sentence(inside, 'financing', request(), context({ fundAvailable: false }))).toBe('The offer’s funds are committed for now')
  })

  it('weighs little for a request that does not seek funding', () => {
    const r = request({ seeksFunding: false })
    expect(factor(financing(5_000_000, 25_000_000), 'financing', r).contribution).toBeCloseTo(0.1 * 0.9 * 0.3, 4)
    expect(sentence(financing(5_000_000, 25_000_000), 'financing', r)).toBe('The request does not seek funding')
  })
})

describe('timing', () => {
  it('is neutral when either side gave no dates', () => {
    expect(factor(offer(), 'timing').contribution).toBe(0.025)
    expect(factor(offer({ availableFrom: '2027-01-01' }), 'timing', request({ startDate: null })).contribution).toBe(0.025)
  })

  it('rewards availability over the whole period of the request', () => {
    const whole = offer({ availableFrom: '2027-01-01', availableUntil: '2028-12-31' })
    const half = offer({ availableFrom: '2027-09-01', availableUntil: '2028-12-31' })
    expect(factor(whole, 'timing').contribution).toBe(0.05)
    expect(factor(half, 'timing').contribution).toBeCloseTo(0.05 * (182 / 366), 3)
    expect(sentence(whole, 'timing')).toBe('Available for the whole period of the request')
    expect(sentence(half, 'timing')).toBe('Available for 50% of the period of the request')
  })
})

describe('text relevance and track record', () => {
  it('take the text ranking as given, explained from a threshold on', () => {
    expect(factor(offer(), 'text', request(), context({ textRelevance: 0.6 })).contribution).toBeCloseTo(0.06, 4)
    expect(sentence(offer(), 'text', request(), context({ textRelevance: 0.6 }))).toBe('Similar wording in titles and summaries')
    expect(sentence(offer(), 'text', request(), context({ textRelevance: 0.1 }))).toBeNull()
  })

  it('count completed projects on the same objectives, up to three', () => {
    expect(factor(offer(), 'trackRecord').contribution).toBe(0)
    expect(factor(offer(), 'trackRecord', request(), context({ trackRecord: 1 })).contribution).toBeCloseTo(0.05 / 3, 4)
    expect(factor(offer(), 'trackRecord', request(), context({ trackRecord: 5 })).contribution).toBe(0.05)
    expect(sentence(offer(), 'trackRecord', request(), context({ trackRecord: 2 }))).toBe('Completed 2 projects on these objectives')
  })
})

describe('scoreOnly', () => {
  it('gives exactly the score of scoreMatch, without the reasons', () => {
    const distinctWeights = Object.fromEntries(factorNames.map((factor, i) => [factor, (i + 1) / 36])) as typeof matchWeights
    // A seeded generator: the same pairs every run.
    let seed = 7
    const next = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31)
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!
    const some = <T>(list: readonly T[]) => list.filter(() => next() < 0.4)
    for (let i = 0; i < 500; i++) {
      const r = request({
        objectives: [pick([1, 2, 20]), ...some([5, 6, 19, 21])],
        actions: some(['1.a', '20.a', '20.b', '21.h']),
        countries: [pick(['BGD', 'KEN', 'MEX'])],
        regions: some(['034', '142', '014', '202', '002', '419']),
        budgetAmount: pick([null, 1_000_000, 30_000_000]),
        budgetCurrency: 'USD',
        seeksFunding: next() < 0.5,
        startDate: pick([null, '2027-01-31', '2027-06-15']),
        durationMonths: pick([null, 1, 18]),
      })
      const o = next() < 0.3 ? financing(5_000_000, 25_000_000, pick(['USD', 'EUR'])) : offer()
      Object.assign(o, {
        objectives: [pick([1, 2, 20, 21]), ...some([5, 6, 19])],
        actions: some(['1.a', '20.a', '20.b', '21.h']),
        countries: some(['BGD', 'KEN', 'MEX']),
        regions: some(['034', '142', '014', '202', '002', '419']),
        global: next() < 0.2,
        availableFrom: pick([null, '2027-03-01']),
        availableUntil: pick([null, '2028-01-01']),
      })
      const c = context({ textRelevance: next(), trackRecord: pick([0, 1, 4]), fundAvailable: pick([null, true, false]) })
      expect(scoreOnly(r, o, c)).toBe(scoreMatch(r, o, c).score)
      // Weights that differ from factor to factor, so a factor weighed with another's weight shows.
      expect(scoreOnly(r, o, c, distinctWeights)).toBe(scoreMatch(r, o, c, distinctWeights).score)
    }
  })
})
