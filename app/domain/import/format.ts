import { z } from 'zod'
import { offerStatuses, organizationTypes, requestStatuses, type RequestStatus } from '#db/schema/enum-values'
import { isCountryCode } from '../geography/codes'
import { OfferSchema } from '../offers/schemas'
import { OrganizationSchema } from '../organizations/schemas'
import { RequestSchema } from '../requests/schemas'

/**
 * The bulk-import file (example: app/demo/hub-demo.json): organisations, requests and offers, each upserted by
 * `key` (an organisation's key is its import key, which also becomes the slug of one the import creates). The
 * shape is strict; the values of every record are then checked by the very schema its form uses,
 * so an import can store nothing a person could not have typed.
 */

/** Value fields the form schema validates; the file schema only passes them on. */
const formField = z.unknown().optional()

const oneOf = (values: readonly string[]) => ({ error: `Use one of: ${values.join(', ')}.` })

export const organizationKey = z
  .string({ error: 'validation.required' })
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Use lower-case letters, digits and hyphens, e.g. "bgd-mewoe".')
  .max(80, 'validation.tooLong')

const recordKey = z
  .string({ error: 'validation.required' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/, 'Use letters, digits and . _ : / - (no spaces).')
  .max(100, 'validation.tooLong')

/** A date (YYYY-MM-DD, read as midnight UTC) or an ISO 8601 timestamp with its offset. */
const moment = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'Enter a date as YYYY-MM-DD or an ISO 8601 timestamp.' })
  .transform((value) => new Date(value))
  .optional()

/** Issue paths of a form schema, as the import file spells them (null: not reported). */
type PathMap = Record<string, (string | number)[] | null>

function addFormIssues(ctx: z.RefinementCtx, issues: readonly z.core.$ZodIssue[], renamed: PathMap) {
  const seen = new Set<string>()
  for (const issue of issues) {
    const [field, ...rest] = issue.path
    const target = typeof field === 'string' ? renamed[field] : undefined
    if (target === null) continue
    const path = target ? [...target, ...rest] : issue.path
    const id = `${path.join('.')}|${issue.message}`
    if (seen.has(id)) continue
    seen.add(id)
    ctx.addIssue({ code: 'custom', path: path as (string | number)[], message: issue.message })
  }
}

/**
 * The file lists the primary objective first; the form has it as a field of its own. A missing or empty list
 * is reported once, on `objectives`.
 */
function primaryObjectiveOf(ctx: z.RefinementCtx, objectives: unknown) {
  if (Array.isArray(objectives) && objectives.length > 0) return { primaryObjective: objectives[0], primaryPath: ['objectives', 0] }
  ctx.addIssue({ code: 'custom', path: ['objectives'], message: 'validation.objectivesRequired' })
  return { primaryObjective: undefined, primaryPath: null }
}

const OrganizationRecord = z
  .object({
    key: organizationKey,
    name: formField,
    type: z.enum(organizationTypes, oneOf(organizationTypes)),
    country: formField,
    website: formField,
    description: formField,
    verified: z.boolean().default(false),
  })
  .strict()
  .transform((record, ctx) => {
    const parsed = OrganizationSchema.safeParse({
      name: record.name,
      type: record.type,
      country: record.country,
      website: record.website,
      description: record.description,
    })
    // The form only checks the shape of the code; an import must name a real country.
    const unknownCountry = typeof record.country === 'string' && record.country !== '' && !isCountryCode(record.country.trim().toUpperCase())
    if (unknownCountry) ctx.addIssue({ code: 'custom', path: ['country'], message: 'validation.country' })
    if (!parsed.success) addFormIssues(ctx, parsed.error.issues, {})
    if (!parsed.success || unknownCountry) return z.NEVER
    return { key: record.key, verified: record.verified, ...parsed.data }
  })

/** Published statuses need a publication date; only closed ones have a closing date. */
const publishedRequestStatuses: readonly RequestStatus[] = ['published', 'matched', 'in_project', 'completed']
const closedRequestStatuses: readonly RequestStatus[] = ['withdrawn', 'closed']

interface Stamps {
  submittedAt?: Date
  publishedAt?: Date
  closedAt?: Date
}

/** Adds an issue for each timestamp the status does not allow or that comes out of order; true when all is well. */
function checkStamps(ctx: z.RefinementCtx, stamps: Stamps, allowed: Record<keyof Stamps, boolean>, status: string) {
  let ok = true
  for (const field of ['submittedAt', 'publishedAt', 'closedAt'] as const) {
    if (stamps[field] && !allowed[field]) {
      ctx.addIssue({ code: 'custom', path: [field], message: `A record with status "${status}" has no ${field}.` })
      ok = false
    }
  }
  const order = (['submittedAt', 'publishedAt', 'closedAt'] as const).filter((f) => stamps[f])
  for (let i = 1; i < order.length; i++) {
    const [before, after] = [order[i - 1]!, order[i]!]
    if (stamps[after]! < stamps[before]!) {
      ctx.addIssue({ code: 'custom', path: [after], message: `${after} must not come before ${before}.` })
      ok = false
    }
  }
  return ok
}

const RequestRecord = z
  .object({
    key: recordKey,
    organization: organizationKey,
    status: z.enum(requestStatuses, oneOf(requestStatuses)).default('draft'),
    /** The language the texts are written in (ISO 639-1); English when not given. */
    language: formField,
    title: formField,
    summary: formField,
    description: formField,
    countries: formField,
    objectives: formField,
    actions: formField,
    principles: formField,
    supportTypes: formField,
    languages: formField,
    budget: z.object({ amount: formField, currency: formField }).strict().optional(),
    seeksFunding: z.boolean().default(false),
    startDate: formField,
    durationMonths: formField,
    contact: z.object({ name: formField, email: formField, phone: formField }).strict().optional(),
    submittedAt: moment,
    publishedAt: moment,
    closedAt: moment,
  })
  .strict()
  .transform((record, ctx) => {
    const { status, submittedAt, publishedAt, closedAt } = record
    const stampsOk = checkStamps(ctx, { submittedAt, publishedAt, closedAt }, {
      submittedAt: status !== 'draft',
      publishedAt: publishedRequestStatuses.includes(status) || closedRequestStatuses.includes(status),
      closedAt: closedRequestStatuses.includes(status),
    }, status)
    const { primaryObjective, primaryPath } = primaryObjectiveOf(ctx, record.objectives)
    const parsed = RequestSchema.safeParse({
      title: record.title,
      summary: record.summary,
      language: record.language,
      description: record.description,
      countries: record.countries,
      // The whole list, primary included: requestColumns keeps the primary first once, and issue indices
      // stay those of the file.
      objectives: record.objectives,
      primaryObjective,
      actions: record.actions,
      principles: record.principles,
      supportTypes: record.supportTypes,
      languages: record.languages,
      budgetAmount: record.budget?.amount,
      budgetCurrency: record.budget?.currency,
      seeksFunding: record.seeksFunding,
      startDate: record.startDate,
      durationMonths: record.durationMonths,
      contactName: record.contact?.name,
      contactEmail: record.contact?.email,
      contactPhone: record.contact?.phone,
    })
    if (!parsed.success) {
      addFormIssues(ctx, parsed.error.issues, {
        primaryObjective: primaryPath,
        budgetAmount: ['budget', 'amount'],
        budgetCurrency: ['budget', 'currency'],
        contactName: ['contact', 'name'],
        contactEmail: ['contact', 'email'],
        contactPhone: ['contact', 'phone'],
      })
    }
    if (!parsed.success || !stampsOk) return z.NEVER
    return { key: record.key, organization: record.organization, status, submittedAt, publishedAt, closedAt, input: parsed.data }
  })

const OfferRecord = z
  .object({
    key: recordKey,
    organization: organizationKey,
    status: z.enum(offerStatuses, oneOf(offerStatuses)).default('draft'),
    kind: formField,
    /** The language the texts are written in (ISO 639-1); English when not given. */
    language: formField,
    title: formField,
    summary: formField,
    description: formField,
    objectives: formField,
    actions: formField,
    countries: formField,
    regions: formField,
    global: z.boolean().default(false),
    supportTypes: formField,
    languages: formField,
    capacityPersonDays: formField,
    availableFrom: formField,
    availableUntil: formField,
    financing: z.object({ min: formField, max: formField, currency: formField }).strict().optional(),
    conditions: formField,
    publishedAt: moment,
    closedAt: moment,
  })
  .strict()
  .transform((record, ctx) => {
    const { status, publishedAt, closedAt } = record
    let ok = checkStamps(ctx, { publishedAt, closedAt }, { submittedAt: false, publishedAt: status !== 'draft', closedAt: status === 'closed' }, status)
    // The form quietly drops a range typed on an expertise offer; in a file it is a mistake worth reporting.
    if (record.financing !== undefined && record.kind !== 'financing') {
      ctx.addIssue({ code: 'custom', path: ['financing'], message: 'Only an offer of kind "financing" has a financing range.' })
      ok = false
    }
    const { primaryObjective, primaryPath } = primaryObjectiveOf(ctx, record.objectives)
    const parsed = OfferSchema.safeParse({
      kind: record.kind,
      title: record.title,
      summary: record.summary,
      language: record.language,
      description: record.description,
      objectives: record.objectives, // the whole list, as for requests
      primaryObjective,
      actions: record.actions,
      countries: record.countries,
      regions: record.regions,
      global: record.global,
      supportTypes: record.supportTypes,
      languages: record.languages,
      capacityPersonDays: record.capacityPersonDays,
      availableFrom: record.availableFrom,
      availableUntil: record.availableUntil,
      financingMin: record.financing?.min,
      financingMax: record.financing?.max,
      financingCurrency: record.financing?.currency,
      conditions: record.conditions,
    })
    if (!parsed.success) {
      addFormIssues(ctx, parsed.error.issues, {
        primaryObjective: primaryPath,
        financingMin: ['financing', 'min'],
        financingMax: ['financing', 'max'],
        financingCurrency: ['financing', 'currency'],
      })
    }
    if (!parsed.success || !ok) return z.NEVER
    return { key: record.key, organization: record.organization, status, publishedAt, closedAt, input: parsed.data }
  })

function checkUniqueKeys(ctx: z.RefinementCtx, collection: string, records: readonly { key: string }[]) {
  const first = new Map<string, number>()
  records.forEach((record, index) => {
    const earlier = first.get(record.key)
    if (earlier === undefined) first.set(record.key, index)
    else ctx.addIssue({ code: 'custom', path: [collection, index, 'key'], message: `Duplicate key: ${collection}[${earlier}] has the same key.` })
  })
}

export const ImportFileSchema = z
  .object({
    organizations: z.array(OrganizationRecord).default([]),
    requests: z.array(RequestRecord).default([]),
    offers: z.array(OfferRecord).default([]),
  })
  .strict()
  .superRefine((file, ctx) => {
    checkUniqueKeys(ctx, 'organizations', file.organizations)
    checkUniqueKeys(ctx, 'requests', file.requests)
    checkUniqueKeys(ctx, 'offers', file.offers)
  })

export type ImportFile = z.output<typeof ImportFileSchema>
export type OrganizationEntry = ImportFile['organizations'][number]
export type RequestEntry = ImportFile['requests'][number]
export type OfferEntry = ImportFile['offers'][number]
