import type { MatchFactor } from '#db/schema/matching'
import { budgetOf, financingRangeOf, offerWindow, regionLevel, requestPeriod, sameLanguage, type MatchContext, type OfferFeatures, type RequestFeatures } from './features'
import { matchReason, type MatchReason } from './reasons'
import { factorNames, grades, matchWeights, NEUTRAL, REASON_THRESHOLD, type MatchFactorName, type MatchWeights } from './weights'

/**
 * The matching service's scorer: a pure function of a request, an offer and what the database knows about the
 * pair. Hard filters decide whether the pair may be suggested at all; then each factor gives a value in [0, 1]
 * and a reason, weighted by `matchWeights`. The candidate queries apply the same hard filters in SQL.
 */

export const hardFilters = ['ownOrganization', 'offerNotActive', 'declinedBefore', 'noCommonLanguage', 'notAvailable'] as const
export type HardFilter = (typeof hardFilters)[number]

export interface ScoredMatch {
  score: number
  factors: MatchFactor[]
}

/**
 * Where a factor leaves its reason when one is asked for (`scoreMatch`). Ranking thousands of candidates
 * (`scoreOnly`) passes null: it needs only the values, and the hot path allocates nothing per pair (shared codes
 * are counted, and listed only to explain).
 */
type Why = { reason: MatchReason | null } | null

/** A factor: its value in [0, 1] for the pair, and its reason left in `why` when asked for. */
type Factor = (request: RequestFeatures, offer: OfferFeatures, context: MatchContext, why: Why) => number

const round = (n: number) => Math.round(n * 10_000) / 10_000

function countShared<T>(a: readonly T[], b: readonly T[], from = 0) {
  let n = 0
  for (let i = from; i < a.length; i++) if (b.includes(a[i]!)) n++
  return n
}
const listShared = <T>(a: readonly T[], b: readonly T[], from = 0) => a.slice(from).filter((x) => b.includes(x))

/** Days the request's period and the offer's availability have in common (0 when none), or null when either has no dates. */
function daysInCommon(request: RequestFeatures, offer: OfferFeatures) {
  const period = requestPeriod(request)
  const window = period && offerWindow(offer)
  if (!period || !window) return null
  return Math.max(0, Math.min(period.end, window.end) - Math.max(period.start, window.start) + 1)
}

/** The first hard filter the pair fails, or null when it may be suggested. */
export function failedHardFilter(request: RequestFeatures, offer: OfferFeatures, context: Pick<MatchContext, 'declinedBefore'>): HardFilter | null {
  if (offer.organizationId === request.organizationId) return 'ownOrganization'
  if (offer.status !== 'active') return 'offerNotActive'
  if (context.declinedBefore) return 'declinedBefore'
  if (countShared(request.languages, offer.languages) === 0) return 'noCommonLanguage'
  if (daysInCommon(request, offer) === 0) return 'notAvailable'
  return null
}

/** The request's primary objective counts most: shared as the offer's own primary 1, listed by the offer 0.8. */
const objectiveFit: Factor = (request, offer, _context, why) => {
  const primary = request.objectives[0]
  if (primary === undefined) return 0
  const primaryHit = offer.objectives[0] === primary ? grades.primaryAsPrimary : offer.objectives.includes(primary) ? grades.primaryListed : 0
  const others = request.objectives.length - 1
  const sharedOthers = countShared(request.objectives, offer.objectives, 1)
  const value = others === 0 ? primaryHit : grades.primaryShare * primaryHit + (grades.othersShare * sharedOthers) / others
  if (why && value !== 0) {
    const listed = listShared(request.objectives, offer.objectives, 1)
    why.reason = primaryHit > 0 ? matchReason.sharedPrimaryObjective(primary, listed) : matchReason.sharedOtherObjectives(listed)
  }
  return value
}

/** A shared action with a request naming one is a full match; a request naming many needs three in common. */
const actionFit: Factor = (request, offer, _context, why) => {
  const shared = countShared(request.actions, offer.actions)
  if (shared === 0) return 0
  if (why) why.reason = matchReason.sharedActions(listShared(request.actions, offer.actions))
  return Math.min(1, shared / Math.min(request.actions.length, grades.actionsForFull))
}

/** Same country > same sub-region (M49 levels 2 and 3) > same region (level 1) > an offer open to the world. */
const geographyFit: Factor = (request, offer, _context, why) => {
  for (const country of request.countries) {
    if (!offer.countries.includes(country)) continue
    if (why) why.reason = matchReason.sameCountry(country)
    return grades.geography.country
  }
  // The most specific shared region names the reason: Eastern Africa (level 3) before Sub-Saharan Africa (2).
  let best: string | undefined
  let bestLevel = 0
  for (const code of request.regions) {
    if (!offer.regions.includes(code)) continue
    const level = regionLevel(code) ?? 0
    if (level > bestLevel) [best, bestLevel] = [code, level]
  }
  if (best && bestLevel >= 2) {
    if (why) why.reason = matchReason.subRegion(best)
    return grades.geography.subRegion
  }
  if (best) {
    if (why) why.reason = matchReason.region(best)
    return grades.geography.region
  }
  if (offer.global) {
    if (why) why.reason = matchReason.globalOffer()
    return grades.geography.global
  }
  return 0
}

const seeksFinancing = (request: RequestFeatures) => request.seeksFunding || request.supportTypes.includes('financing')

/** The kinds of support the request seeks that this kind of offer can give: financing from a financing offer, the rest from others. */
const soughtFrom = (request: RequestFeatures, offer: OfferFeatures) =>
  offer.kind === 'financing' ? (seeksFinancing(request) ? ['financing'] : []) : request.supportTypes.filter((s) => s !== 'financing')

/** The share of the kinds of support sought from this kind of offer (soughtFrom) that it gives. */
const supportFit: Factor = (request, offer, _context, why) => {
  let sought = 0
  let shared = 0
  if (offer.kind === 'financing') {
    if (seeksFinancing(request)) [sought, shared] = [1, offer.supportTypes.includes('financing') ? 1 : 0]
  } else {
    for (const type of request.supportTypes) {
      if (type === 'financing') continue
      sought++
      if (offer.supportTypes.includes(type)) shared++
    }
  }
  if (shared === 0) return 0
  if (why) why.reason = matchReason.supportTypes(listShared(soughtFrom(request, offer), offer.supportTypes))
  return shared / sought
}

/** Expertise offers are neutral; a financing offer fits when the budget lies in its range and its money is there. */
const financingFit: Factor = (request, offer, context, why) => {
  const range = offer.kind === 'financing' ? financingRangeOf(offer) : null
  if (!range) return NEUTRAL
  const budget = budgetOf(request)
  let budgetValue = 1
  if (!budget || budget.currency !== range.currency) budgetValue = NEUTRAL
  else if (budget.amount < range.min) budgetValue = (grades.budgetOutsideRange * budget.amount) / range.min
  // A budget above the range can still be part-financed.
  else if (budget.amount > range.max) budgetValue = (grades.budgetOutsideRange * range.max) / budget.amount
  const fund = context.fundAvailable === null ? NEUTRAL : context.fundAvailable ? 1 : 0
  const value = grades.budgetShare * budgetValue + grades.fundShare * fund
  if (why) why.reason = financingReason(request, range, context)
  return seeksFinancing(request) ? value : value * grades.noFundingSought
}

function financingReason(request: RequestFeatures, range: NonNullable<ReturnType<typeof financingRangeOf>>, context: MatchContext): MatchReason {
  if (!seeksFinancing(request)) return matchReason.noFundingSought()
  if (context.fundAvailable === false) return matchReason.fundsCommitted()
  const budget = budgetOf(request)
  const min = { amount: range.min, currency: range.currency }
  const max = { amount: range.max, currency: range.currency }
  if (!budget) return matchReason.noBudgetGiven()
  if (budget.currency !== range.currency) return matchReason.budgetOtherCurrency(budget, range.currency)
  if (budget.amount < range.min) return matchReason.budgetBelowRange(budget, min)
  if (budget.amount > range.max) return matchReason.budgetAboveRange(budget, max)
  return matchReason.budgetWithinRange(budget, min, max)
}

const timingFit: Factor = (request, offer, _context, why) => {
  const days = daysInCommon(request, offer)
  if (days === null) return NEUTRAL
  const period = requestPeriod(request)!
  const share = days / (period.end - period.start + 1)
  if (why && share !== 0) why.reason = share >= 0.999 ? matchReason.availableThroughout() : matchReason.availablePartly(share)
  return share
}

const textFit: Factor = (request, offer, context, why) => {
  if (!sameLanguage(request, offer)) return NEUTRAL
  const value = Math.min(1, Math.max(0, context.textRelevance))
  if (why && value >= REASON_THRESHOLD.text) why.reason = matchReason.similarText()
  return value
}

const trackRecordFit: Factor = (_request, _offer, context, why) => {
  const count = Math.max(0, context.trackRecord)
  if (why && count > 0) why.reason = matchReason.trackRecord(count)
  return Math.min(1, count / 3)
}

const factors: Record<MatchFactorName, Factor> = {
  objectives: objectiveFit,
  actions: actionFit,
  geography: geographyFit,
  supportTypes: supportFit,
  financing: financingFit,
  timing: timingFit,
  text: textFit,
  trackRecord: trackRecordFit,
}

/** The score: contributions (rounded as stored) added in the order of `factorNames`, so both paths agree to the bit. */
const total = (sum: number) => round(Math.min(1, Math.max(0, sum)))

/** The weighted factors of an eligible pair, each with its reason (hard filters are the caller's, see `evaluateMatch`). */
export function scoreMatch(request: RequestFeatures, offer: OfferFeatures, context: MatchContext, weights: MatchWeights = matchWeights): ScoredMatch {
  let sum = 0
  const scored = factorNames.map((factor) => {
    const why = { reason: null }
    const contribution = round(factors[factor](request, offer, context, why) * weights[factor])
    sum += contribution
    return { factor, contribution, reason: why.reason }
  })
  return { score: total(sum), factors: scored }
}

/**
 * The same score as `scoreMatch`, without the sentences: for ranking many candidates. The factors are written
 * out in the order of `factorNames` rather than looked up, so each call can be inlined (the full refresh scores
 * millions of pairs); the tests compare the two on generated pairs.
 */
export function scoreOnly(request: RequestFeatures, offer: OfferFeatures, context: MatchContext, weights: MatchWeights = matchWeights): number {
  let sum = 0
  sum += round(objectiveFit(request, offer, context, null) * weights.objectives)
  sum += round(actionFit(request, offer, context, null) * weights.actions)
  sum += round(geographyFit(request, offer, context, null) * weights.geography)
  sum += round(supportFit(request, offer, context, null) * weights.supportTypes)
  sum += round(financingFit(request, offer, context, null) * weights.financing)
  sum += round(timingFit(request, offer, context, null) * weights.timing)
  sum += round(textFit(request, offer, context, null) * weights.text)
  sum += round(trackRecordFit(request, offer, context, null) * weights.trackRecord)
  return total(sum)
}

export type MatchEvaluation = ({ eligible: true } & ScoredMatch) | { eligible: false; filter: HardFilter }

/** Hard filters, then the score: what the matching service does with every pair. */
export function evaluateMatch(request: RequestFeatures, offer: OfferFeatures, context: MatchContext, weights: MatchWeights = matchWeights): MatchEvaluation {
  const filter = failedHardFilter(request, offer, context)
  return filter ? { eligible: false, filter } : { eligible: true, ...scoreMatch(request, offer, context, weights) }
}
