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

interface FactorValue {
  value: number
  reason: MatchReason | null
}

/**
 * Reasons are made only when asked for (`explain`): ranking thousands of candidates needs their values, and only
 * the few kept need sentences. The hot path allocates no lists: shared codes are counted, and listed only to explain.
 */
type Explain = boolean

const round = (n: number) => Math.round(n * 10_000) / 10_000

function countShared<T>(a: readonly T[], b: readonly T[], from = 0) {
  let n = 0
  for (let i = from; i < a.length; i++) if (b.includes(a[i]!)) n++
  return n
}
const listShared = <T>(a: readonly T[], b: readonly T[], from = 0) => a.slice(from).filter((x) => b.includes(x))

/** Days the request's period and the offer's availability have in common, or null when either has no dates. */
function overlap(request: RequestFeatures, offer: OfferFeatures) {
  const period = requestPeriod(request)
  const window = period && offerWindow(offer)
  if (!period || !window) return null
  const days = Math.min(period.end, window.end) - Math.max(period.start, window.start) + 1
  return { days: Math.max(0, days), length: period.end - period.start + 1 }
}

/** The first hard filter the pair fails, or null when it may be suggested. */
export function failedHardFilter(request: RequestFeatures, offer: OfferFeatures, context: Pick<MatchContext, 'declinedBefore'>): HardFilter | null {
  if (offer.organizationId === request.organizationId) return 'ownOrganization'
  if (offer.status !== 'active') return 'offerNotActive'
  if (context.declinedBefore) return 'declinedBefore'
  if (countShared(request.languages, offer.languages) === 0) return 'noCommonLanguage'
  const common = overlap(request, offer)
  if (common && common.days === 0) return 'notAvailable'
  return null
}

/** The request's primary objective counts most: shared as the offer's own primary 1, listed by the offer 0.8. */
function objectiveFit(request: RequestFeatures, offer: OfferFeatures, explain: Explain): FactorValue {
  const primary = request.objectives[0]
  if (primary === undefined) return { value: 0, reason: null }
  const primaryHit = offer.objectives[0] === primary ? grades.primaryAsPrimary : offer.objectives.includes(primary) ? grades.primaryListed : 0
  const others = request.objectives.length - 1
  const sharedOthers = countShared(request.objectives, offer.objectives, 1)
  const value = others === 0 ? primaryHit : grades.primaryShare * primaryHit + (grades.othersShare * sharedOthers) / others
  if (!explain || value === 0) return { value, reason: null }
  const listed = listShared(request.objectives, offer.objectives, 1)
  return { value, reason: primaryHit > 0 ? matchReason.sharedPrimaryObjective(primary, listed) : matchReason.sharedOtherObjectives(listed) }
}

/** A shared action with a request naming one is a full match; a request naming many needs three in common. */
function actionFit(request: RequestFeatures, offer: OfferFeatures, explain: Explain): FactorValue {
  const shared = countShared(request.actions, offer.actions)
  if (shared === 0) return { value: 0, reason: null }
  const value = Math.min(1, shared / Math.min(request.actions.length, grades.actionsForFull))
  return { value, reason: explain ? matchReason.sharedActions(listShared(request.actions, offer.actions)) : null }
}

/** Same country > same sub-region (M49 levels 2 and 3) > same region (level 1) > an offer open to the world. */
function geographyFit(request: RequestFeatures, offer: OfferFeatures, explain: Explain): FactorValue {
  const country = request.countries.find((c) => offer.countries.includes(c))
  if (country) return { value: grades.geography.country, reason: explain ? matchReason.sameCountry(country) : null }
  // The most specific shared region names the reason: Eastern Africa (level 3) before Sub-Saharan Africa (2).
  let best: string | undefined
  let bestLevel = 0
  for (const code of request.regions) {
    const level = regionLevel(code) ?? 0
    if (level > bestLevel && offer.regions.includes(code)) [best, bestLevel] = [code, level]
  }
  if (best && bestLevel >= 2) return { value: grades.geography.subRegion, reason: explain ? matchReason.subRegion(best) : null }
  if (best) return { value: grades.geography.region, reason: explain ? matchReason.region(best) : null }
  if (offer.global) return { value: grades.geography.global, reason: explain ? matchReason.globalOffer() : null }
  return { value: 0, reason: null }
}

const seeksFinancing = (request: RequestFeatures) => request.seeksFunding || request.supportTypes.includes('financing')

/** The kinds of support the request seeks that this kind of offer can give, and how many of them it gives. */
function supportFit(request: RequestFeatures, offer: OfferFeatures, explain: Explain): FactorValue {
  const sought = offer.kind === 'financing' ? (seeksFinancing(request) ? ['financing'] : []) : request.supportTypes.filter((s) => s !== 'financing')
  const shared = countShared(sought, offer.supportTypes)
  if (shared === 0) return { value: 0, reason: null }
  return { value: shared / sought.length, reason: explain ? matchReason.supportTypes(listShared(sought, offer.supportTypes)) : null }
}

/** Expertise offers are neutral; a financing offer fits when the budget lies in its range and its money is there. */
function financingFit(request: RequestFeatures, offer: OfferFeatures, context: MatchContext, explain: Explain): FactorValue {
  const range = offer.kind === 'financing' ? financingRangeOf(offer) : null
  if (!range) return { value: NEUTRAL, reason: null }
  const budget = budgetOf(request)
  const min = { amount: range.min, currency: range.currency }
  const max = { amount: range.max, currency: range.currency }
  let budgetValue = 1
  let reason = explain ? matchReason.noBudgetGiven() : null
  if (!budget) budgetValue = NEUTRAL
  else if (budget.currency !== range.currency) {
    budgetValue = NEUTRAL
    reason = explain ? matchReason.budgetOtherCurrency(budget, range.currency) : null
  } else if (budget.amount < range.min) {
    budgetValue = (grades.budgetOutsideRange * budget.amount) / range.min
    reason = explain ? matchReason.budgetBelowRange(budget, min) : null
  } else if (budget.amount > range.max) {
    // A budget above the range can still be part-financed.
    budgetValue = (grades.budgetOutsideRange * range.max) / budget.amount
    reason = explain ? matchReason.budgetAboveRange(budget, max) : null
  } else reason = explain ? matchReason.budgetWithinRange(budget, min, max) : null
  const fund = context.fundAvailable === null ? NEUTRAL : context.fundAvailable ? 1 : 0
  const value = grades.budgetShare * budgetValue + grades.fundShare * fund
  if (!seeksFinancing(request)) return { value: value * grades.noFundingSought, reason: explain ? matchReason.noFundingSought() : null }
  if (context.fundAvailable === false) return { value, reason: explain ? matchReason.fundsCommitted() : null }
  return { value, reason }
}

function timingFit(request: RequestFeatures, offer: OfferFeatures, explain: Explain): FactorValue {
  const common = overlap(request, offer)
  if (!common) return { value: NEUTRAL, reason: null }
  const share = common.days / common.length
  if (!explain || share === 0) return { value: share, reason: null }
  return { value: share, reason: share >= 0.999 ? matchReason.availableThroughout() : matchReason.availablePartly(share) }
}

function textFit(request: RequestFeatures, offer: OfferFeatures, context: MatchContext, explain: Explain): FactorValue {
  if (!sameLanguage(request, offer)) return { value: NEUTRAL, reason: null }
  const value = Math.min(1, Math.max(0, context.textRelevance))
  return { value, reason: explain && value >= REASON_THRESHOLD.text ? matchReason.similarText() : null }
}

function trackRecordFit(context: MatchContext, explain: Explain): FactorValue {
  const count = Math.max(0, context.trackRecord)
  return { value: Math.min(1, count / 3), reason: explain && count > 0 ? matchReason.trackRecord(count) : null }
}

function factorValues(request: RequestFeatures, offer: OfferFeatures, context: MatchContext, explain: Explain): Record<MatchFactorName, FactorValue> {
  return {
    objectives: objectiveFit(request, offer, explain),
    actions: actionFit(request, offer, explain),
    geography: geographyFit(request, offer, explain),
    supportTypes: supportFit(request, offer, explain),
    financing: financingFit(request, offer, context, explain),
    timing: timingFit(request, offer, explain),
    text: textFit(request, offer, context, explain),
    trackRecord: trackRecordFit(context, explain),
  }
}

/** The score: contributions (rounded as stored) added in the order of `factorNames`, so both paths agree to the bit. */
function total(contributions: readonly number[]) {
  let sum = 0
  for (const c of contributions) sum += c
  return round(Math.min(1, Math.max(0, sum)))
}

/** The weighted factors of an eligible pair, each with its reason (hard filters are the caller's, see `evaluateMatch`). */
export function scoreMatch(request: RequestFeatures, offer: OfferFeatures, context: MatchContext, weights: MatchWeights = matchWeights): ScoredMatch {
  const values = factorValues(request, offer, context, true)
  const factors = factorNames.map((factor) => ({ factor, contribution: round(values[factor].value * weights[factor]), reason: values[factor].reason }))
  return { score: total(factors.map((f) => f.contribution)), factors }
}

/** The same score as `scoreMatch`, without the sentences: for ranking many candidates. */
export function scoreOnly(request: RequestFeatures, offer: OfferFeatures, context: MatchContext, weights: MatchWeights = matchWeights): number {
  const values = factorValues(request, offer, context, false)
  return total(factorNames.map((factor) => round(values[factor].value * weights[factor])))
}

export type MatchEvaluation = ({ eligible: true } & ScoredMatch) | { eligible: false; filter: HardFilter }

/** Hard filters, then the score: what the matching service does with every pair. */
export function evaluateMatch(request: RequestFeatures, offer: OfferFeatures, context: MatchContext, weights: MatchWeights = matchWeights): MatchEvaluation {
  const filter = failedHardFilter(request, offer, context)
  return filter ? { eligible: false, filter } : { eligible: true, ...scoreMatch(request, offer, context, weights) }
}
