import objectiveData from '#db/vocabulary/objectives.json' with { type: 'json' }

/**
 * Generated import files for benchmarks and load tests (not for people to read): any number of valid requests
 * and offers spread over the 23 objectives, 60 States and a handful of partners. Deterministic for a given seed,
 * so two runs import the same rows (and a second import only updates).
 */

const states = [
  'BGD', 'NPL', 'PHL', 'IDN', 'LKA', 'PAK', 'IND', 'VNM', 'KHM', 'JOR', 'LBN', 'IRQ', 'KGZ', 'TJK', 'UZB',
  'MAR', 'TUN', 'EGY', 'NER', 'MLI', 'SEN', 'GHA', 'NGA', 'ETH', 'KEN', 'UGA', 'ZMB', 'ZAF', 'MOZ', 'SOM',
  'MEX', 'GTM', 'HND', 'SLV', 'ECU', 'COL', 'PER', 'CHL', 'BRA', 'JAM', 'HTI', 'DOM', 'CRI', 'PAN', 'ARG',
  'MDA', 'ALB', 'MKD', 'GEO', 'ARM', 'PRT', 'ESP', 'ITA', 'GRC', 'FJI', 'TON', 'VUT', 'WSM', 'PNG', 'KIR',
]
const partnerTypes = ['un_entity', 'civil_society', 'academia', 'migrant_diaspora', 'private_sector', 'trade_union'] as const

const topics = [
  'labour migration governance', 'remittance costs', 'pre-departure orientation', 'reintegration of returnees',
  'consular protection', 'missing migrants', 'climate displacement', 'skills recognition', 'recruitment fees',
  'migration statistics', 'civil registration', 'border management', 'counter-trafficking', 'migrant health',
  'social protection portability', 'diaspora investment', 'alternatives to detention', 'information campaigns',
]
const verbs = ['Strengthening', 'Digitising', 'Piloting', 'Scaling up', 'Reforming', 'Assessing', 'Training staff on']
const places = ['at national level', 'in border districts', 'in the capital region', 'along the main corridor', 'in secondary cities']
const languages = ['en', 'fr', 'es', 'ar', 'pt', 'ru']
const supportTypes = ['technical_assistance', 'capacity_building', 'policy_advice', 'data_research', 'peer_exchange']

/** A small, fast, seedable generator (mulberry32). */
function random(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function syntheticImport(options: { requests: number; offers?: number; seed?: number; prefix?: string }) {
  const next = random(options.seed ?? 42)
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!
  const prefix = options.prefix ?? 'syn'
  const objectivesAndActions = () => {
    const primary = pick(objectiveData)
    const second = pick(objectiveData)
    const objectives = primary.number === second.number ? [primary.number] : [primary.number, second.number]
    return { objectives, actions: [pick(primary.actions).code], topic: primary.shortTitle }
  }
  const text = (topic: string) => {
    const title = `${pick(verbs)} ${pick(topics)} ${pick(places)}`
    return {
      title,
      summary: `${title}: support for ${topic.toLowerCase()}, with a focus on ${pick(topics)}.`,
      description: `The ministry seeks a partner to work on ${pick(topics)} and ${pick(topics)} ${pick(places)}. ${topic}.`,
    }
  }

  const organizations = [
    ...states.map((country) => ({ key: `${prefix}-state-${country.toLowerCase()}`, name: `Ministry of Labour and Migration (${country})`, type: 'state', country, verified: true })),
    ...partnerTypes.map((type) => ({ key: `${prefix}-partner-${type.replace('_', '-')}`, name: `Partner (${type})`, type, verified: true })),
    { key: `${prefix}-donor`, name: 'Generated donor foundation', type: 'philanthropy', verified: true },
  ]
  const requests = Array.from({ length: options.requests }, (_, i) => {
    const { objectives, actions, topic } = objectivesAndActions()
    const country = states[i % states.length]!
    const status = next() < 0.85 ? 'published' : pick(['draft', 'submitted', 'returned', 'closed'])
    return {
      key: `${prefix}-r${i + 1}`,
      organization: `${prefix}-state-${country.toLowerCase()}`,
      ...text(topic),
      countries: [country],
      objectives,
      actions,
      principles: ['people_centred'],
      supportTypes: [pick(supportTypes)],
      languages: [pick(languages)],
      budget: { amount: 10_000 * (1 + Math.floor(next() * 100)), currency: next() < 0.8 ? 'USD' : 'EUR' },
      seeksFunding: next() < 0.5,
      startDate: `2027-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-01`,
      durationMonths: 6 + Math.floor(next() * 30),
      status,
    }
  })
  const offers = Array.from({ length: options.offers ?? 0 }, (_, i) => {
    const { objectives, actions, topic } = objectivesAndActions()
    const financing = i % 5 === 4
    return {
      key: `${prefix}-o${i + 1}`,
      organization: financing ? `${prefix}-donor` : `${prefix}-partner-${pick(partnerTypes).replace('_', '-')}`,
      kind: financing ? 'financing' : 'expertise',
      ...text(topic),
      objectives,
      actions,
      countries: [],
      regions: [pick(['002', '019', '142', '150', '009'])],
      supportTypes: [financing ? 'financing' : pick(supportTypes)],
      languages: [pick(languages)],
      ...(financing ? { financing: { min: 50_000, max: 500_000, currency: 'USD' } } : {}),
      status: 'active',
    }
  })
  return { organizations, requests, offers }
}
