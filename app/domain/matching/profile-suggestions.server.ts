import { and, desc, eq, gt, inArray, notInArray, sql, type SQL } from 'drizzle-orm'
import { matches, offers, organizationProfiles, requests, type OrganizationId } from '#db/schema/index'
import type { MatchFactor } from '#db/schema/matching'
import type { Db } from '~/utils/db.server'
import { regionsCovering } from '../geography/geography.server'
import { PROFILE_CURRENCY, type OrganizationProfile } from '../organizations/profiles.server'
import { defaultContext, type OfferFeatures, type RequestFeatures } from './features'
import { failedHardFilter, scoreMatch, scoreOnly } from './scoring'
import { factorNames, matchWeights, type MatchFactorName, type MatchWeights } from './weights'

/**
 * Suggestions from an organisation's profile: the profile is read as an offer would be (one of expertise, and one
 * of financing when it gives a range) and published requests are scored against it by the matching service's own
 * scorer, with its reasons. Computed when asked (the dashboard, the weekly digest), over a bounded set of the most
 * recently published requests that share an objective and a language with the profile.
 */

/**
 * A profile says nothing about actions, dates, words or a track record: those factors weigh nothing here, and the
 * others keep their proportions (scaled to sum to 1, so a score reads as an offer's score does).
 */
const silentFactors: readonly MatchFactorName[] = ['actions', 'timing', 'text', 'trackRecord']
const spoken = factorNames.filter((f) => !silentFactors.includes(f))
const spokenWeight = spoken.reduce((sum, f) => sum + matchWeights[f], 0)
export const profileWeights: MatchWeights = Object.fromEntries(factorNames.map((f) => [f, silentFactors.includes(f) ? 0 : matchWeights[f] / spokenWeight])) as MatchWeights

/** How many recent requests are read at most: enough for a week's publications, cheap with 100,000 requests. */
export const PROFILE_CANDIDATES = 1000

/** The profile as the offers it stands for, in the scorer's vocabulary. */
export function profileAsOffers(profile: OrganizationProfile): OfferFeatures[] {
  const base = {
    organizationId: profile.organizationId,
    status: 'active' as const,
    objectives: profile.objectives,
    actions: [],
    countries: profile.countries,
    regions: regionsCovering(profile.countries, profile.regions),
    global: false,
    languages: profile.languages,
    availableFrom: null,
    availableUntil: null,
  }
  const expertise = profile.supportTypes.filter((s) => s !== 'financing')
  const offers: OfferFeatures[] = []
  if (expertise.length || profile.financingMinUsd === null) {
    offers.push({ ...base, id: `profile:${profile.organizationId}:expertise`, kind: 'expertise', supportTypes: expertise, financingMin: null, financingMax: null, financingCurrency: null })
  }
  if (profile.financingMinUsd !== null && profile.financingMaxUsd !== null) {
    offers.push({
      ...base,
      id: `profile:${profile.organizationId}:financing`,
      kind: 'financing',
      supportTypes: ['financing'],
      financingMin: profile.financingMinUsd,
      financingMax: profile.financingMaxUsd,
      financingCurrency: PROFILE_CURRENCY,
    })
  }
  return offers
}

export interface ProfileSuggestion {
  requestId: string
  title: string
  organizationId: string
  publishedAt: Date
  score: number
  factors: MatchFactor[]
}

type Candidate = RequestFeatures & { title: string; publishedAt: Date }

/** Published requests that may fit the profile: shared objective and language, not the organisation's own, not declined by it. */
async function candidatesFor(db: Db, profile: OrganizationProfile, publishedAfter: Date | undefined): Promise<Candidate[]> {
  const declined = db
    .select({ id: matches.requestId })
    .from(matches)
    .where(and(eq(matches.providerId, profile.organizationId), eq(matches.status, 'declined')))
  const conditions: SQL[] = [
    eq(requests.status, 'published'),
    sql`${requests.objectives} && ${sql.param(profile.objectives)}::smallint[]`,
    sql`${requests.languages} && ${sql.param(profile.languages)}::text[]`,
    sql`${requests.organizationId} <> ${profile.organizationId}`,
    notInArray(requests.id, declined),
  ]
  if (publishedAfter) conditions.push(gt(requests.publishedAt, publishedAfter))
  const rows = await db
    .select({
      id: requests.id,
      organizationId: requests.organizationId,
      title: requests.title,
      publishedAt: requests.publishedAt,
      objectives: requests.objectives,
      actions: requests.actions,
      countries: requests.countries,
      regions: requests.regions,
      supportTypes: requests.supportTypes,
      languages: requests.languages,
      language: requests.language,
      budgetAmount: requests.budgetAmount,
      budgetCurrency: requests.budgetCurrency,
      seeksFunding: requests.seeksFunding,
      startDate: requests.startDate,
      durationMonths: requests.durationMonths,
    })
    .from(requests)
    .where(and(...conditions))
    .orderBy(desc(requests.publishedAt), desc(requests.id))
    .limit(PROFILE_CANDIDATES)
  return rows.map((r) => ({ ...r, publishedAt: r.publishedAt! }))
}

/**
 * The published requests that best fit an organisation's profile, best first, each with the scorer's factors and
 * reasons (from whichever of the profile's offers fits it better). `publishedAfter` limits them to newer requests
 * (the digest); `exclude` leaves out requests already sent.
 */
export async function suggestionsFromProfile(
  db: Db,
  profile: OrganizationProfile,
  options: { limit: number; publishedAfter?: Date; exclude?: ReadonlySet<string> },
): Promise<ProfileSuggestion[]> {
  const offers = profileAsOffers(profile)
  const best: { request: Candidate; offer: OfferFeatures; score: number }[] = []
  for (const request of await candidatesFor(db, profile, options.publishedAfter)) {
    if (options.exclude?.has(request.id)) continue
    let top: { offer: OfferFeatures; score: number } | null = null
    for (const offer of offers) {
      if (failedHardFilter(request, offer, defaultContext) !== null) continue
      const score = scoreOnly(request, offer, defaultContext, profileWeights)
      if (!top || score > top.score) top = { offer, score }
    }
    if (top && top.score > 0) best.push({ request, ...top })
  }
  best.sort((a, b) => b.score - a.score || b.request.publishedAt.getTime() - a.request.publishedAt.getTime())
  return best.slice(0, options.limit).map(({ request, offer }) => {
    const { score, factors } = scoreMatch(request, offer, defaultContext, profileWeights)
    return { requestId: request.id, title: request.title, organizationId: request.organizationId, publishedAt: request.publishedAt, score, factors }
  })
}

export interface OrganizationProfileSuggestions {
  organizationId: OrganizationId
  /** False until the organisation says what it works on: the dashboard asks for it. */
  hasProfile: boolean
  suggestions: ProfileSuggestion[]
}

/**
 * For each of these partner and donor organisations with no active offer, the requests that fit its profile: an
 * organisation with an active offer gets the stored suggestions for its offers instead.
 */
export async function suggestionsForOrganizationsWithoutOffers(db: Db, organizationIds: readonly OrganizationId[], limit = 5): Promise<OrganizationProfileSuggestions[]> {
  if (!organizationIds.length) return []
  const withOffer = await db
    .selectDistinct({ id: offers.organizationId })
    .from(offers)
    .where(and(inArray(offers.organizationId, [...organizationIds]), eq(offers.status, 'active')))
  const offering = new Set(withOffer.map((o) => o.id))
  const without = organizationIds.filter((id) => !offering.has(id))
  if (!without.length) return []
  const profiles = await db.select().from(organizationProfiles).where(inArray(organizationProfiles.organizationId, without))
  return Promise.all(
    without.map(async (organizationId) => {
      const profile = profiles.find((p) => p.organizationId === organizationId)
      return { organizationId, hasProfile: Boolean(profile), suggestions: profile ? await suggestionsFromProfile(db, profile, { limit }) : [] }
    }),
  )
}
