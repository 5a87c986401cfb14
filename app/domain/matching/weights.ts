/**
 * How much each factor weighs in a suggestion's score. A factor's value is in [0, 1]; its contribution is value
 * × weight, and the score is the sum of contributions, so with weights summing to 1 the score is in [0, 1].
 * One object, read by the scorer and shown to the secretariat as is.
 */
export const matchWeights = {
  /** Shared GCM objectives; the request's primary objective counts most (see objectiveFit). */
  objectives: 0.3,
  /** Shared GCM actions, the finer grain under the objectives. */
  actions: 0.1,
  /** Where the offer works: same country 1, same sub-region 0.7, same region 0.4, a global offer 0.25 (grades.geography). */
  geography: 0.2,
  /** Share of the kinds of support the request seeks that the offer provides. */
  supportTypes: 0.1,
  /** Financing offers: the request's budget inside the offer's range, and the fund's availability. Expertise: neutral. */
  financing: 0.1,
  /** Share of the request's period the offer is available (neutral when either side gave no dates). */
  timing: 0.05,
  /** Full-text ranking of the request's words against the offer (PostgreSQL ts_rank, normalised). */
  text: 0.1,
  /** The provider's completed projects on the same objectives (none until projects exist). */
  trackRecord: 0.05,
} as const

export type MatchFactorName = keyof typeof matchWeights
export type MatchWeights = Record<MatchFactorName, number>

export const factorNames = Object.keys(matchWeights) as MatchFactorName[]

/**
 * The values inside the factors, here beside the weights so the two read together (and so the SQL that
 * pre-ranks candidates, candidates.server.ts, uses the very same numbers as the scorer).
 */
export const grades = {
  /** The request's primary objective as the offer's own primary, or listed among the offer's objectives. */
  primaryAsPrimary: 1,
  primaryListed: 0.8,
  /** With other objectives, the primary makes this share of the value and the share of others in common the rest. */
  primaryShare: 0.65,
  othersShare: 0.35,
  /** Shared actions for a full value (fewer when the request names fewer). */
  actionsForFull: 3,
  geography: { country: 1, subRegion: 0.7, region: 0.4, global: 0.25 },
  /** A budget outside the offer's range: this much of the value, scaled by how near it is. */
  budgetOutsideRange: 0.7,
  /** Financing fit: the budget's part and the fund's part. */
  budgetShare: 0.8,
  fundShare: 0.2,
  /** A financing offer for a request that does not seek funding keeps this much of its financing fit. */
  noFundingSought: 0.3,
} as const

/** Value given to a factor that cannot tell one candidate from another (no dates, no budget, expertise offer). */
export const NEUTRAL = 0.5

/** The text relevance from which its reason is worth showing to a person (below it, the factor stays silent). */
export const REASON_THRESHOLD = { text: 0.25 } as const

/**
 * ts_rank of an OR query of the request's words averages, over those words, how strongly each occurs in the
 * offer (1 for a title word, 0.4 summary, 0.2 description). An offer that takes up about a third of the
 * request's words in its summary ranks near 0.15: that is treated as fully related.
 */
export const TEXT_RANK_SCALE = 0.15
export const normaliseTextRank = (rank: number) => Math.min(1, Math.max(0, rank) / TEXT_RANK_SCALE)
