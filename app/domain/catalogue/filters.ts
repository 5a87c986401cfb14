import { z } from 'zod'
import { offerKinds, type OfferKind, type SupportType } from '#db/schema/enum-values'
import { isCountryCode, isRegionCode } from '../geography/codes'
import { publicOfferStatuses } from '../offers/lifecycle'
import { publicRequestStatuses } from '../requests/lifecycle'
import { isLanguageCode, objectiveNumbers, supportTypes } from '../vocabulary/codes'
import {
  effectiveSort,
  emptyFilters,
  facetParams,
  listingFacets,
  MAX_PAGE,
  MAX_QUERY_LENGTH,
  PAGE_SIZE,
  sorts,
  type BrowseState,
  type FacetParam,
  type Listing,
  type Sort,
} from './params'

/** The filters of the browse pages and the API, validated: one schema for both (messages are translation keys). */

export const MAX_API_PAGE_SIZE = 100

const listOf = (item: z.ZodType<string>, max: number) => z.array(item).max(max, 'browse.errors.tooMany')
const code = (valid: (value: string) => boolean, message: string) => z.string().refine(valid, message)

const objective = z
  .string()
  // One problem per value: a value that is not a number is not also checked against the objectives.
  .regex(/^\d{1,2}$/, { error: 'browse.errors.objective', abort: true })
  .refine((v) => objectiveNumbers.has(Number(v)), 'browse.errors.objective')
const wholeNumber = (max: number, message: string) =>
  z
    .string()
    .regex(/^\d{1,7}$/, message)
    .transform(Number)
    .pipe(z.number().int().min(1, message).max(max, message))

export const publicStatuses: Record<Listing, readonly string[]> = {
  requests: publicRequestStatuses,
  offers: publicOfferStatuses,
  // A practice is public once the secretariat has published it, and until it is withdrawn.
  practices: ['published'],
}
/** Offers that are paused are public, but a visitor looks for what is available now. */
const defaultStatuses: Record<Listing, readonly string[]> = { requests: [], offers: ['active'], practices: [] }

function schemaFor(listing: Listing) {
  return z.object({
    // Control characters cannot be stored or searched; anything else is searched as typed.
    q: z
      .string()
      .max(MAX_QUERY_LENGTH, 'browse.errors.q')
      .transform((v) => v.replace(/\p{Cc}/gu, ' ').trim()),
    sort: z.enum(sorts, { error: 'browse.errors.sort' }).nullable(),
    page: wholeNumber(MAX_PAGE, 'browse.errors.page').optional(),
    pageSize: wholeNumber(MAX_API_PAGE_SIZE, 'browse.errors.pageSize').optional(),
    objective: listOf(objective, 23),
    country: listOf(code(isCountryCode, 'browse.errors.country'), 50),
    region: listOf(code(isRegionCode, 'browse.errors.region'), 30),
    supportType: listOf(code((v) => (supportTypes as readonly string[]).includes(v), 'browse.errors.supportType'), supportTypes.length),
    language: listOf(code(isLanguageCode, 'browse.errors.language'), 20),
    status: listOf(code((v) => publicStatuses[listing].includes(v), `browse.errors.status.${listing}`), publicStatuses[listing].length),
    kind: listing === 'offers' ? listOf(code((v) => (offerKinds as readonly string[]).includes(v), 'browse.errors.kind'), 2) : z.array(z.string()).max(0),
  })
}

const schemas = { requests: schemaFor('requests'), offers: schemaFor('offers'), practices: schemaFor('practices') }
/** The parameters' schema of a listing, for the OpenAPI document (which describes what this module accepts). */
export const browseParamSchema = (listing: Listing) => schemas[listing]

/** What the query builder needs: typed, defaults applied. */
export interface BrowseQuery {
  listing: Listing
  q: string
  sort: Sort
  page: number
  pageSize: number
  objective: number[]
  country: string[]
  region: string[]
  supportType: SupportType[]
  language: string[]
  /** The statuses shown; never empty, always public. */
  status: string[]
  kind: OfferKind[]
}

export interface ParameterProblem {
  parameter: string
  /** The offending value, shortened so a huge value does not make a huge error. */
  value: string | null
  /** A translation key; `value` and `max` fill its placeholders. */
  message: string
  max?: number
}

export type ParsedBrowse =
  | { success: true; query: BrowseQuery; state: BrowseState }
  | { success: false; problems: ParameterProblem[] }

const unique = <T>(values: T[]) => [...new Set(values)]
const shorten = (value: unknown) => (typeof value === 'string' ? (value.length > 40 ? `${value.slice(0, 40)}…` : value) : null)
const normalise: Partial<Record<FacetParam, (v: string) => string>> = {
  country: (v) => v.toUpperCase(),
  language: (v) => v.toLowerCase(),
  supportType: (v) => v.toLowerCase(),
  status: (v) => v.toLowerCase(),
  kind: (v) => v.toLowerCase(),
}

/**
 * Reads the browse parameters of a URL. Unknown parameters are ignored (links from elsewhere carry their
 * own); an empty value is no value, as a GET form sends empty fields; a single-valued parameter given twice
 * counts once.
 */
export function parseBrowseParams(params: URLSearchParams, listing: Listing, options: { api?: boolean } = {}): ParsedBrowse {
  const single = (name: string) => {
    const value = params.get(name)
    return value === null || value.trim() === '' ? undefined : value.trim()
  }
  const raw: Record<string, unknown> = {
    q: params.get('q') ?? '',
    sort: single('sort')?.toLowerCase() ?? null,
    page: single('page'),
    pageSize: single('pageSize'),
    ...Object.fromEntries(
      facetParams.map((name) => [
        name,
        unique(
          params
            .getAll(name)
            .map((v) => v.trim())
            .filter(Boolean)
            .map(normalise[name] ?? ((v) => v)),
        ),
      ]),
    ),
  }
  // A parameter the listing does not offer is ignored, as an unknown one is.
  for (const name of facetParams) if (!listingFacets[listing].includes(name)) raw[name] = []
  if (!options.api) raw.pageSize = undefined

  const parsed = schemas[listing].safeParse(raw)
  if (!parsed.success) {
    return {
      success: false,
      problems: parsed.error.issues.map((issue) => {
        const [parameter, index] = issue.path as [string, number | undefined]
        const given = raw[parameter]
        const value = Array.isArray(given) && typeof index === 'number' ? given[index] : Array.isArray(given) ? null : given
        const max = issue.code === 'too_big' && typeof issue.maximum === 'number' ? Number(issue.maximum) : undefined
        return { parameter, value: shorten(value), message: issue.message, ...(max !== undefined ? { max } : {}) }
      }),
    }
  }
  const v = parsed.data
  const filters = emptyFilters()
  for (const name of facetParams) filters[name] = v[name]
  const state: BrowseState = { q: v.q, sort: v.sort, page: v.page ?? 1, filters }
  return {
    success: true,
    state,
    query: {
      listing,
      q: v.q,
      sort: effectiveSort(v.q, v.sort),
      page: v.page ?? 1,
      pageSize: v.pageSize ?? PAGE_SIZE,
      objective: v.objective.map(Number),
      country: v.country,
      region: v.region,
      supportType: v.supportType as SupportType[],
      language: v.language,
      status: v.status.length ? v.status : [...defaultStatusesOf(listing)],
      kind: v.kind as OfferKind[],
    },
  }
}

/** The statuses a listing shows when the reader has not chosen any. */
export const defaultStatusesOf = (listing: Listing) => (defaultStatuses[listing].length ? defaultStatuses[listing] : publicStatuses[listing])

/** A query built in code (objective pages, tests): everything public, newest first, unless told otherwise. */
export function browseQuery(listing: Listing, choices: Partial<Omit<BrowseQuery, 'listing'>> = {}): BrowseQuery {
  const q = choices.q ?? ''
  return {
    listing,
    q,
    sort: choices.sort ?? effectiveSort(q, null),
    page: 1,
    pageSize: PAGE_SIZE,
    objective: [],
    country: [],
    region: [],
    supportType: [],
    language: [],
    kind: [],
    ...choices,
    status: choices.status?.length ? choices.status : [...defaultStatusesOf(listing)],
  }
}

/** A query of published practices from values as a URL spells them (the objective pages, the export). */
export const practiceQuery = (choices: { q?: string; sort?: Sort; objective?: string[]; country?: string[]; region?: string[] } = {}) =>
  browseQuery('practices', { ...choices, objective: (choices.objective ?? []).map(Number) })

export const parsePracticeParams = (params: URLSearchParams, options: { api?: boolean } = {}) => parseBrowseParams(params, 'practices', options)
