import { z } from 'zod'
import { isCountryCode, isRegionCode } from '../geography/codes'
import { MAX_API_PAGE_SIZE } from '../search/filters'
import { effectiveSort, emptyFilters, MAX_PAGE, MAX_QUERY_LENGTH, PAGE_SIZE, sorts, type BrowseState, type Sort } from '../search/params'
import { objectiveNumbers } from '../vocabulary/codes'

/**
 * The filters of /practices, /api/v1/practices and the CSV export, as they come in a URL: search words,
 * objectives, countries and regions (each repeatable, all must match), order and page. Messages are
 * translation keys shared with the browse pages of requests and offers.
 */

import { practiceFacets, type PracticeFacet } from './facets'

export { practiceFacets, type PracticeFacet }

const listOf = (item: z.ZodType<string>, max: number) => z.array(item).max(max, 'browse.errors.tooMany').default([])
const wholeNumber = (max: number, message: string) =>
  z
    .string()
    .regex(/^\d{1,7}$/, message)
    .transform(Number)
    .pipe(z.number().int().min(1, message).max(max, message))

export const PracticeFilterSchema = z.object({
  q: z
    .string()
    .max(MAX_QUERY_LENGTH, 'browse.errors.q')
    .default('')
    .transform((v) => v.replace(/\p{Cc}/gu, ' ').trim())
    .describe('Search words, matched as prefixes in titles, summaries, what was done, results and lessons.'),
  sort: z.enum(sorts, { error: 'browse.errors.sort' }).optional().describe('relevance (with search words), newest or oldest.'),
  page: wholeNumber(MAX_PAGE, 'browse.errors.page').optional().describe('Page number, from 1.'),
  pageSize: wholeNumber(MAX_API_PAGE_SIZE, 'browse.errors.pageSize').optional().describe('Items per page, at most 100 (API only).'),
  objective: listOf(
    z.string().refine((v) => /^\d{1,2}$/.test(v) && objectiveNumbers.has(Number(v)), 'browse.errors.objective'),
    23,
  ).describe('GCM objective numbers (1–23); a practice must relate to every one given.'),
  country: listOf(z.string().refine(isCountryCode, 'browse.errors.country'), 50).describe('ISO 3166-1 alpha-3 country codes.'),
  region: listOf(z.string().refine(isRegionCode, 'browse.errors.region'), 30).describe('UN M49 region codes.'),
})
export type PracticeFilterParams = z.output<typeof PracticeFilterSchema>

/** What the query needs: typed, defaults applied. */
export interface PracticeQuery {
  q: string
  sort: Sort
  page: number
  pageSize: number
  objective: number[]
  country: string[]
  region: string[]
}

export interface PracticeProblem {
  parameter: string
  value: string | null
  /** A translation key; `value`, `parameter` and `max` fill its placeholders. */
  message: string
  max?: number
}

const shorten = (value: unknown) => (typeof value === 'string' ? (value.length > 40 ? `${value.slice(0, 40)}…` : value) : null)

/**
 * Reads the filters of a URL as the browse pages do: unknown parameters are ignored, empty values are no
 * value, repeated values count once. `pageSize` is for the API only.
 */
export function parsePracticeParams(params: URLSearchParams, options: { api?: boolean } = {}) {
  const single = (name: string) => {
    const value = params.get(name)
    return value === null || value.trim() === '' ? undefined : value.trim()
  }
  const many = (name: string, normalise: (v: string) => string = (v) => v) => [
    ...new Set(
      params
        .getAll(name)
        .map((v) => v.trim())
        .filter(Boolean)
        .map(normalise),
    ),
  ]
  const raw: Record<string, unknown> = {
    q: params.get('q') ?? '',
    sort: single('sort')?.toLowerCase(),
    page: single('page'),
    pageSize: options.api ? single('pageSize') : undefined,
    objective: many('objective'),
    country: many('country', (v) => v.toUpperCase()),
    region: many('region'),
  }
  const parsed = PracticeFilterSchema.safeParse(raw)
  if (!parsed.success) {
    const problems: PracticeProblem[] = parsed.error.issues.map((issue) => {
      const [parameter, index] = issue.path as [string, number | undefined]
      const given = raw[parameter]
      const value = Array.isArray(given) && typeof index === 'number' ? given[index] : Array.isArray(given) ? null : given
      const max = issue.code === 'too_big' && typeof issue.maximum === 'number' ? Number(issue.maximum) : undefined
      return { parameter, value: shorten(value), message: issue.message, ...(max !== undefined ? { max } : {}) }
    })
    return { success: false as const, problems }
  }
  const v = parsed.data
  return { success: true as const, query: practiceQuery(v), state: practiceState(v) }
}

export function practiceQuery(v: Partial<PracticeFilterParams> = {}): PracticeQuery {
  const q = v.q ?? ''
  return {
    q,
    sort: effectiveSort(q, v.sort ?? null),
    page: v.page ?? 1,
    pageSize: v.pageSize ?? PAGE_SIZE,
    objective: (v.objective ?? []).map(Number),
    country: v.country ?? [],
    region: v.region ?? [],
  }
}

/** The search as it lives in the URL, in the shape the browse pages' link helpers (search/params.ts) take. */
function practiceState(v: PracticeFilterParams): BrowseState {
  const filters = emptyFilters()
  for (const name of practiceFacets) filters[name] = v[name]
  return { q: v.q, sort: v.sort ?? null, page: v.page ?? 1, filters }
}
