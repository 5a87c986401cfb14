import { z } from 'zod'
import { indicatorLevels, milestoneStatuses, offerKinds, organizationTypes, participantRoles, projectStatuses, supportTypes } from '#db/schema/enum-values'
import { publicOfferStatuses } from '../offers/lifecycle'
import { publicRequestStatuses } from '../requests/lifecycle'
import { supportedLanguages } from '~/utils/i18n'

/**
 * The JSON the open-data API returns, as zod schemas. The OpenAPI document is generated from them and the
 * integration tests parse real responses with them, strictly, so a field added to or dropped from a response
 * without changing these fails the tests: the document cannot drift from what the API says.
 */

const countryCode = z.string().regex(/^[A-Z]{3}$/)
const regionCode = z.string().regex(/^\d{3}$/)
const currencyCode = z.string().regex(/^[A-Z]{3}$/)
const objectiveNumber = z.int().min(1).max(23)
const count = z.int().nonnegative()
const dateTime = z.iso.datetime()
const enumOf = <T extends readonly string[]>(values: T) => z.enum(values as unknown as [T[number], ...T[number][]])

/** Models are registered under a name: the document lists each once, under components.schemas. */
export const models = z.registry<{ id: string }>()
const model = <T extends z.ZodType>(id: string, schema: T) => {
  models.add(schema, { id })
  return schema
}

export const MoneySchema = model('Money', z.strictObject({ amount: z.number(), currency: currencyCode }))

export const LinksSchema = model('PageLinks', z.strictObject({ self: z.url(), next: z.url().nullable(), prev: z.url().nullable() }))

export const ApiErrorSchema = model(
  'Error',
  z.strictObject({
    error: z.string(),
    issues: z.array(z.strictObject({ parameter: z.string(), value: z.string().nullable(), message: z.string() })).optional(),
  }),
)

export const RateLimitedSchema = model('RateLimited', z.strictObject({ error: z.string(), retryAfterSeconds: z.int().positive() }))

const organization = z.strictObject({ name: z.string(), type: z.enum(organizationTypes), country: countryCode.nullable() })

const publicItem = {
  id: z.uuid(),
  url: z.url(),
  title: z.string(),
  summary: z.string(),
  language: z.string().regex(/^[a-z]{2}$/),
  publishedAt: dateTime,
  organization,
  countries: z.array(countryCode),
  regions: z.array(regionCode),
  primaryObjective: objectiveNumber,
  objectives: z.array(objectiveNumber),
  actions: z.array(z.string().regex(/^\d{1,2}\.[a-z]$/)),
  supportTypes: z.array(z.enum(supportTypes)),
  languages: z.array(z.string().regex(/^[a-z]{2}$/)),
}

export const RequestSchema = model(
  'Request',
  z.strictObject({
    ...publicItem,
    status: enumOf(publicRequestStatuses),
    principles: z.array(z.string()),
    budget: MoneySchema.nullable(),
    seeksFunding: z.boolean(),
    startDate: z.iso.date().nullable(),
    durationMonths: z.int().positive().nullable(),
  }),
)
export const RequestDetailSchema = model('RequestDetail', RequestSchema.extend({ description: z.string() }))

export const OfferSchema = model(
  'Offer',
  z.strictObject({
    ...publicItem,
    kind: z.enum(offerKinds),
    status: enumOf(publicOfferStatuses),
    global: z.boolean(),
    servedRegions: z.array(regionCode),
    capacityPersonDays: z.int().positive().nullable(),
    availableFrom: z.iso.date().nullable(),
    availableUntil: z.iso.date().nullable(),
    financing: z.strictObject({ min: MoneySchema, max: MoneySchema }).nullable(),
  }),
)
export const OfferDetailSchema = model('OfferDetail', OfferSchema.extend({ description: z.string(), conditions: z.string().nullable() }))

const progress = z.strictObject({ percent: z.number().min(0).max(100), milestonesDone: count, milestonesTotal: count })

export const ProjectSummarySchema = model(
  'ProjectSummary',
  z.strictObject({
    id: z.uuid(),
    url: z.url(),
    title: z.string(),
    summary: z.string(),
    status: z.enum(projectStatuses),
    iatiStatus: z.int().min(1).max(6),
    publishedAt: dateTime.nullable(),
    state: z.strictObject({ name: z.string() }),
    partners: z.array(z.strictObject({ name: z.string(), role: z.enum(participantRoles) })),
    objectives: z.array(objectiveNumber),
    countries: z.array(countryCode),
    startDate: z.iso.date(),
    endDate: z.iso.date(),
    budget: MoneySchema,
    progress,
  }),
)

export const ProjectDetailSchema = model(
  'Project',
  z.strictObject({
    id: z.uuid(),
    url: z.url(),
    timelineUrl: z.url(),
    requestUrl: z.url(),
    title: z.string(),
    summary: z.string(),
    status: z.enum(projectStatuses),
    iatiStatus: z.int().min(1).max(6),
    publishedAt: dateTime.nullable(),
    objectives: z.array(objectiveNumber),
    countries: z.array(countryCode),
    startDate: z.iso.date(),
    endDate: z.iso.date(),
    startedAt: dateTime.nullable(),
    completedAt: dateTime.nullable(),
    closedAt: dateTime.nullable(),
    cancelReason: z.string().nullable(),
    participants: z.array(z.strictObject({ name: z.string(), role: z.enum(participantRoles), type: z.enum(organizationTypes), country: countryCode.nullable() })),
    budget: z.strictObject({
      amount: z.number(),
      currency: currencyCode,
      sources: z.array(z.strictObject({ label: z.string(), organization: z.string().nullable(), amount: z.number(), currency: currencyCode })),
    }),
    progress,
    milestones: z.array(z.strictObject({ title: z.string(), dueDate: z.iso.date(), status: z.enum(milestoneStatuses), approvedOn: z.iso.date().nullable() })),
    indicators: z.array(
      z.strictObject({
        name: z.string(),
        level: z.enum(indicatorLevels),
        unit: z.string(),
        baseline: z.number(),
        target: z.number(),
        actual: z.number().nullable(),
        achievement: z.number(),
        breakdown: z.array(z.strictObject({ dimension: z.string(), category: z.string(), value: z.number() })),
      }),
    ),
    finalReport: z.strictObject({ results: z.string(), lessons: z.string(), sustainability: z.string() }).nullable(),
    evaluationRating: z.int().min(1).max(5).nullable(),
  }),
)

const page = <T extends z.ZodType>(id: string, item: T) =>
  model(id, z.strictObject({ total: count, page: z.int().positive(), pageSize: z.int().positive(), items: z.array(item), links: LinksSchema }))

export const RequestPageSchema = page('RequestPage', RequestSchema)
export const OfferPageSchema = page('OfferPage', OfferSchema)
export const ProjectPageSchema = page('ProjectPage', ProjectSummarySchema)

const coded = z.array(z.strictObject({ code: z.string(), label: z.string() }))

export const TaxonomySchema = model(
  'Taxonomy',
  z.strictObject({
    language: z.enum(supportedLanguages),
    objectives: z.array(
      z.strictObject({
        number: objectiveNumber,
        shortTitle: z.string(),
        title: z.string(),
        commitments: z.array(z.string()),
        actions: z.array(z.strictObject({ code: z.string(), letter: z.string().regex(/^[a-z]$/), text: z.string() })),
      }),
    ),
    principles: z.array(z.strictObject({ code: z.string(), title: z.string() })),
    supportTypes: coded,
    organizationTypes: coded,
    offerKinds: coded,
    statuses: z.strictObject({ requests: coded, offers: coded }),
    regions: z.array(z.strictObject({ code: regionCode, name: z.string(), level: z.int().min(1).max(3), parent: regionCode.nullable() })),
  }),
)

const flows = { allocated: z.int(), disbursed: z.int() }

export const FundSchema = model(
  'Fund',
  z.strictObject({
    currency: z.literal('USD'),
    units: z.literal('minor'),
    totals: z.strictObject({
      received: z.int(),
      balance: z.int(),
      allocated: z.int(),
      allocatedNotDisbursed: z.int(),
      disbursed: z.int(),
      shortfall: z.int(),
      pledgedOutstanding: z.array(z.strictObject({ currency: currencyCode, amount: z.int() })),
    }),
    contributionsByDonor: z.array(z.strictObject({ donor: z.string().nullable(), anonymous: z.boolean(), received: z.int(), contributions: count })),
    byProject: z.array(z.strictObject({ projectId: z.uuid(), published: z.boolean(), title: z.string().nullable(), url: z.url().nullable(), ...flows })),
    byObjective: z.array(z.strictObject({ objective: objectiveNumber.nullable(), shortTitle: z.string().nullable(), url: z.url().nullable(), ...flows })),
    byCountry: z.array(z.strictObject({ country: countryCode.nullable(), name: z.string().nullable(), ...flows })),
    links: z.strictObject({ page: z.url(), transactions: z.url() }),
  }),
)

/* Parameters that the routes parse with these schemas (the list filters live with the pages that share them). */

export const TaxonomyQuerySchema = z.object({ lang: z.enum(supportedLanguages).optional() })

/** The id in an item's path: always a UUID (anything else is answered with a 400 or a 404). */
export const ItemPathSchema = z.object({ id: z.uuid() })
