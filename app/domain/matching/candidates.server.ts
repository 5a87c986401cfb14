import { sql, type SQL, type SQLWrapper } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { offers, requests } from '#db/schema/index'
import type { OfferKind, OfferStatus, RequestStatus } from '#db/schema/enums'
import type { MatchFactor } from '#db/schema/matching'
import type { Db } from '~/utils/db.server'
import { budgetOf, defaultContext, offerWindow, regionLevel, requestPeriod, type MatchContext, type OfferFeatures, type RequestFeatures } from './features'
import { failedHardFilter, scoreMatch, scoreOnly, type ScoredMatch } from './scoring'
import { factorNames, grades, matchWeights, NEUTRAL, normaliseTextRank, TEXT_RANK_SCALE, type MatchFactorName, type MatchWeights } from './weights'

/**
 * Fresh suggestions, both ways. The candidate statements apply the scorer's hard filters (failedHardFilter) in
 * SQL, on the GIN indexes: objectives and languages in common, then status, organisation, dates and earlier
 * refusals on the rows found. The scorer (scoring.ts) decides the ranking and the reasons, so what is stored,
 * shown and tested is one function; the database only narrows and pre-ranks what reaches it.
 */

export interface ScoredCandidate<F> {
  features: F
  score: number
  factors: MatchFactor[]
}

/** What a caller wants ranked: the best `top` of each group (kind of offer), and any pairs it names. */
export interface RankOptions {
  top: number
  /** Ids whose exact score is wanted too, wherever they rank (pairs stored by the other side). */
  include?: ReadonlySet<string>
}

export interface RankedCandidates<F> {
  /** Exactly scored and explained, best first: the top of each group, and the included pairs. */
  ranked: ScoredCandidate<F>[]
  /** Candidates known to pass the hard filters: at least all those ranked, and every included one that still does. */
  eligible: ReadonlySet<string>
}

/** Words so common in requests that finding them in an offer says nothing (the search document is not stemmed). */
const STOP_WORDS = [
  'the', 'and', 'for', 'with', 'from', 'that', 'this', 'their', 'its', 'are', 'will', 'into', 'our', 'has', 'have',
  'des', 'les', 'pour', 'dans', 'sur', 'par', 'une', 'aux', 'avec', 'del', 'los', 'las', 'para', 'con', 'por', 'una',
  'support', 'migration', 'migrants', 'migrant', 'national', 'focus',
]
/** The first words of a title and summary are plenty to rank with, and ranking costs grow with each word. */
const QUERY_WORDS = 32

/**
 * The words of a request's title and summary (weights A and B of its search document) as an OR query of
 * prefixes: a crude stem ("remittances" → remittanc:*) that lets singular and plural meet in an unstemmed index.
 */
export const requestWordsQuery = (search: SQL) => sql`(
  select string_agg('''' || replace(replace(w.stem, '\\', '\\\\'), '''', '''''') || ''':*', ' | ')::tsquery
  from (
    select stem from (
      select case when length(u.lexeme) >= 7 then left(u.lexeme, length(u.lexeme) - 2)
                  when length(u.lexeme) >= 5 and right(u.lexeme, 1) = 's' then left(u.lexeme, length(u.lexeme) - 1)
                  else u.lexeme end as stem,
             case when 'A' = any(u.weights) then 0 else 1 end as part
      from unnest(${search}) u
      where u.weights && '{A,B}'::text[] and length(u.lexeme) >= 3 and u.lexeme <> all(${sql.param(STOP_WORDS)}::text[])
    ) s group by stem order by min(part), stem limit ${QUERY_WORDS}
  ) w)`

const r = alias(requests, 'r')
const o = alias(offers, 'o')

/**
 * The columns the scorer reads, each named as RequestFeatures and OfferFeatures name it (the compiler checks both
 * sides: a renamed column or feature fails to build), plus the row's address.
 */
const selectAs = <F>(table: 'r' | 'o', columns: Record<keyof F, SQLWrapper>) =>
  sql.join([sql.raw(`${table}.ctid::text as ctid`), ...Object.entries<SQLWrapper>(columns).map(([name, column]) => sql`${column} as ${sql.identifier(name)}`)], sql`, `)

const requestColumns = selectAs<Required<RequestFeatures>>('r', {
  id: r.id,
  organizationId: r.organizationId,
  objectives: r.objectives,
  actions: r.actions,
  countries: r.countries,
  regions: r.regions,
  supportTypes: r.supportTypes,
  languages: r.languages,
  language: r.language,
  budgetAmount: sql`${r.budgetAmount}::float8`,
  budgetCurrency: r.budgetCurrency,
  seeksFunding: r.seeksFunding,
  startDate: sql`${r.startDate}::text`,
  durationMonths: r.durationMonths,
})

const offerColumns = selectAs<Required<OfferFeatures>>('o', {
  id: o.id,
  organizationId: o.organizationId,
  kind: o.kind,
  status: o.status,
  objectives: o.objectives,
  actions: o.actions,
  countries: o.countries,
  regions: o.regions,
  global: o.global,
  supportTypes: o.supportTypes,
  languages: o.languages,
  language: o.language,
  availableFrom: sql`${o.availableFrom}::text`,
  availableUntil: sql`${o.availableUntil}::text`,
  financingMin: sql`${o.financingMin}::float8`,
  financingMax: sql`${o.financingMax}::float8`,
  financingCurrency: o.financingCurrency,
})

type Located<F> = F & { ctid: string }

const isoDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10)
const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

interface Contender<F> {
  features: Located<F>
  group: string
  /** The score with no text relevance: the text factor can add at most its weight to it. */
  base: number
}

type Ranks = Map<string, number>

/** What the text factor can add to a base score, with room for rounding. */
const TEXT_MARGIN = matchWeights.text + 0.001

/**
 * Text ranking costs about as much per row as the rest, so it is done only for candidates that can still
 * reach the top: with the text factor at zero each candidate has a base score, and one whose base plus the
 * text weight stays below the `top`-th best base of its group cannot overtake the `top` candidates at or
 * above that base. These, and the included ones, are the contenders whose text is worth ranking.
 */
function contendersToRank<F extends { id: string }>(contenders: Contender<F>[], options: RankOptions): Contender<F>[] {
  const groups = new Map<string, Contender<F>[]>()
  for (const c of contenders) {
    const members = groups.get(c.group)
    if (members) members.push(c)
    else groups.set(c.group, [c])
  }
  return [...groups.values()].flatMap((members) => {
    const threshold = members.length > options.top ? nthHighest(members, options.top) : -Infinity
    return members.filter((m) => m.base + TEXT_MARGIN >= threshold || options.include?.has(m.features.id))
  })
}

/** The `n`-th highest base of the contenders (n ≤ their number), keeping only the best n seen: no sort of thousands. */
function nthHighest(contenders: readonly { base: number }[], n: number) {
  const best: number[] = []
  for (const { base } of contenders) keepBest(best, base, n)
  return best[n - 1]!
}

/** Adds `value` to `best`, the highest `n` values seen in descending order, if it is among them. */
function keepBest(best: number[], value: number, n: number) {
  if (best.length === n && value <= best[n - 1]!) return
  let at = best.length
  while (at > 0 && best[at - 1]! < value) at--
  best.splice(at, 0, value)
  if (best.length > n) best.pop()
}

/**
 * A request's candidates as they come, keeping only those contendersToRank can choose: a candidate whose base
 * plus the text's weight stays below the `top`-th best base of its group seen so far stays below it at the end
 * (it only rises), so it is dropped at once rather than held (most of thousands). The kept hold every
 * group's best `top` bases, so contendersToRank picks from them exactly what it would pick from all.
 */
class ContenderStream<F extends { id: string }> {
  readonly kept: Contender<F>[] = []
  private readonly best = new Map<string, number[]>()

  constructor(private readonly options: RankOptions) {}

  offer(features: Located<F>, group: string, base: number) {
    let best = this.best.get(group)
    if (!best) this.best.set(group, (best = []))
    const { top, include } = this.options
    if (best.length === top && base + TEXT_MARGIN < best[top - 1]! && !include?.has(features.id)) return
    keepBest(best, base, top)
    this.kept.push({ features, group, base })
  }

  /** What contendersToRank chooses from every candidate offered: the best `top` bases of each group are known. */
  toRank(): Contender<F>[] {
    const { top, include } = this.options
    return this.kept.filter((c) => {
      const best = this.best.get(c.group)!
      return best.length < top || c.base + TEXT_MARGIN >= best[top - 1]! || include?.has(c.features.id) === true
    })
  }
}

interface Scorer<F> {
  score: (features: F, textRelevance: number) => number
  explain: (features: F, textRelevance: number) => ScoredMatch
}

/**
 * The exact top of each group among the contenders to rank, with their text ranks, scored and explained by the
 * scorer: the result is as if every candidate had been ranked. `eligible` is every candidate that passed the filters.
 */
function rankWithText<F extends { id: string }>(
  needed: Contender<F>[],
  ranks: Ranks,
  options: RankOptions,
  scorer: Scorer<F>,
  eligible: ReadonlySet<string>,
): RankedCandidates<F> {
  const relevance = (id: string) => normaliseTextRank(ranks.get(id) ?? 0)
  const scored = needed
    .map((c) => ({ ...c, score: scorer.score(c.features, relevance(c.features.id)) }))
    .sort((a, b) => b.score - a.score || compareIds(a.features.id, b.features.id))
  const taken = new Map<string, number>()
  const ranked = scored.flatMap((c) => {
    const place = (taken.get(c.group) ?? 0) + 1
    taken.set(c.group, place)
    if (place > options.top && !options.include?.has(c.features.id)) return []
    const { ctid: _ctid, ...features } = c.features
    const explained = scorer.explain(c.features, relevance(c.features.id))
    return [{ features: features as unknown as F, score: explained.score, factors: explained.factors }]
  })
  return { ranked, eligible }
}

/** The exact top of each group: text ranks (`textRanks`) only for the contenders that can still reach it. */
async function rankContenders<F extends { id: string }>(
  contenders: Contender<F>[],
  options: RankOptions,
  textRanks: (rows: Located<F>[]) => Promise<Ranks>,
  scorer: Scorer<F>,
): Promise<RankedCandidates<F>> {
  const needed = contendersToRank(contenders, options)
  const ranks = needed.length ? await textRanks(needed.map((c) => c.features)) : new Map<string, number>()
  return rankWithText(needed, ranks, options, scorer, new Set(contenders.map((c) => c.features.id)))
}

/**
 * Text ranks of requests fetched by row address (a TID scan, three times cheaper than by key), checked against
 * the ids: a row updated in between has moved, and is then found by its key.
 */
async function ranksByAddress(db: Db, rows: { id: string; ctid: string }[], rank: SQL): Promise<Ranks> {
  const fetch = (where: SQL) => db.execute<{ id: string; rank: number }>(sql`select t.id, coalesce(${rank}, 0)::float8 as rank from requests t where ${where}`)
  const found = await fetch(sql`t.ctid = any(${sql.param(rows.map((r) => r.ctid))}::tid[]) and t.id = any(${sql.param(rows.map((r) => r.id))}::uuid[])`)
  const ranks: Ranks = new Map(found.map((r) => [r.id, r.rank]))
  const moved = rows.filter((r) => !ranks.has(r.id)).map((r) => r.id)
  if (moved.length) for (const r of await fetch(sql`t.id = any(${sql.param(moved)}::uuid[])`)) ranks.set(r.id, r.rank)
  return ranks
}

export type RequestRow = RequestFeatures & { status: RequestStatus; excludedOrganizations: string[]; words: string | null }

/** A number the code chose (a weight, a grade) as an SQL literal; values from people travel as parameters. */
const literal = (n: number) => sql.raw(`(${n})::float8`)
/**
 * The SQL scores are not rounded as the scorer rounds each contribution (to 10⁻⁴), so they may differ from it
 * by up to 0.0005; every cut-off leaves twice that and more.
 */
const SQL_SLACK = 0.002
/** How many of `codes` the array column holds. */
const countIn = (codes: readonly (string | number)[], column: SQL, type: 'smallint' | 'text') =>
  codes.length ? sql`(${sql.join(codes.map((c) => sql`(${c}::${sql.raw(type)} = any(${column}))::int`), sql` + `)})::float8` : sql`0::float8`

/**
 * The scorer's base score (text relevance at zero) of every offer for one request, as one SQL expression over
 * the offer's columns with the request's codes unrolled into it. It mirrors scoring.ts factor by factor, with
 * the same grades and weights (the integration tests compare the two on generated pairs). It only chooses
 * which candidates reach the scorer; the scorer then decides the ranking and the reasons.
 */
export function offerBaseScore(request: RequestFeatures, context: MatchContext, w: MatchWeights = matchWeights): SQL {
  const [primary, ...others] = request.objectives
  const primaryHit = sql`(case when o.objectives[1] = ${primary ?? 0}::smallint then ${literal(grades.primaryAsPrimary)}
    when ${primary ?? 0}::smallint = any(o.objectives) then ${literal(grades.primaryListed)} else 0::float8 end)`
  const objectives =
    others.length === 0
      ? primaryHit
      : sql`(${literal(grades.primaryShare)} * ${primaryHit} + (${literal(grades.othersShare)} * ${countIn(others, sql`o.objectives`, 'smallint')}) / ${literal(others.length)})`
  const actions = request.actions.length
    ? sql`least(1::float8, ${countIn(request.actions, sql`o.actions`, 'text')} / ${literal(Math.min(request.actions.length, grades.actionsForFull))})`
    : sql`0::float8`
  const levels = (test: (level: number) => boolean) => request.regions.filter((c) => test(regionLevel(c) ?? 0))
  const geography = sql`(case when o.countries && ${sql.param(request.countries)}::text[] then ${literal(grades.geography.country)}
    when o.regions && ${sql.param(levels((l) => l >= 2))}::text[] then ${literal(grades.geography.subRegion)}
    when o.regions && ${sql.param(levels((l) => l === 1))}::text[] then ${literal(grades.geography.region)}
    when o.global then ${literal(grades.geography.global)} else 0::float8 end)`
  const seeks = request.seeksFunding || request.supportTypes.includes('financing')
  const expertiseSought = request.supportTypes.filter((t) => t !== 'financing')
  const supportTypes = sql`(case when o.kind = 'financing' then ${seeks ? sql`('financing' = any(o.support_types))::int::float8` : sql`0::float8`}
    else ${expertiseSought.length ? sql`${countIn(expertiseSought, sql`o.support_types`, 'text')} / ${literal(expertiseSought.length)}` : sql`0::float8`} end)`
  const budget = budgetOf(request)
  const amount = sql`${budget?.amount ?? 0}::float8`
  const budgetValue = budget
    ? sql`(case when o.financing_currency <> ${budget.currency} then ${literal(NEUTRAL)}
        when ${amount} < o.financing_min::float8 then (${literal(grades.budgetOutsideRange)} * ${amount}) / o.financing_min::float8
        when ${amount} > o.financing_max::float8 then (${literal(grades.budgetOutsideRange)} * o.financing_max::float8) / ${amount}
        else 1::float8 end)`
    : literal(NEUTRAL)
  const fund = literal(context.fundAvailable === null ? NEUTRAL : context.fundAvailable ? 1 : 0)
  const financingFit = sql`(${literal(grades.budgetShare)} * ${budgetValue} + ${literal(grades.fundShare)} * ${fund})`
  const financing = sql`(case when o.kind = 'financing' and o.financing_min is not null and o.financing_max is not null and o.financing_currency is not null
    then ${seeks ? financingFit : sql`${financingFit} * ${literal(grades.noFundingSought)}`} else ${literal(NEUTRAL)} end)`
  const period = requestPeriod(request)
  const day = (column: string, missing: number) => sql.raw(`coalesce(o.${column} - date '1970-01-01', ${missing})`)
  const timing = period
    ? sql`(case when o.available_from is null and o.available_until is null then ${literal(NEUTRAL)}
        else greatest(0, least(${period.end}::int, ${day('available_until', 1e9)}) - greatest(${period.start}::int, ${day('available_from', -1e9)}) + 1)::float8
          / ${period.end - period.start + 1}::float8 end)`
    : literal(NEUTRAL)
  const trackRecord = literal(Math.min(1, Math.max(0, context.trackRecord) / 3))
  // The text's own rank is added later; across languages the factor is neutral (features.ts, sameLanguage).
  const text = sql`(case when o.language = ${request.language ?? 'en'} then 0::float8 else ${literal(NEUTRAL)} end)`
  const values: Record<MatchFactorName, SQL> = { objectives, actions, geography, supportTypes, financing, timing, text, trackRecord }
  const sum = sql.join(factorNames.map((factor) => sql`${values[factor]} * ${literal(w[factor])}`), sql` + `)
  return sql`least(1::float8, greatest(0::float8, ${sum}))`
}

/** Requests as their candidates need them: their features, the organisations they must not meet, their words. */
export async function requestsForMatching(db: Db, requestIds: readonly string[]): Promise<RequestRow[]> {
  return db.execute<RequestRow>(sql`
    select ${requestColumns}, r.status,
      array(select distinct m.provider_id from matches m where m.request_id = r.id and m.status = 'declined')
        || r.organization_id as "excludedOrganizations",
      ${requestWordsQuery(sql`r.search`)}::text as words
    from requests r where r.id = any(${sql.param(requestIds)}::uuid[])`)
}

/** One request as its candidate statement needs it; null when there is no such request. */
export async function requestForMatching(db: Db, requestId: string): Promise<RequestRow | null> {
  const [request] = await requestsForMatching(db, [requestId])
  return request ?? null
}

/**
 * The offer's text rank for a request's words (an OR query, as text): compared only between texts in one
 * language, 0 across languages (the base holds the neutral value there) and without words.
 */
const offerTextRank = (language: SQL, words: SQL) =>
  sql`(case when o.language = ${language} then coalesce(ts_rank(o.search, ${words}::tsquery), 0) else 0 end)::float8`

/** The scorer of a request's offers, for a given text relevance. */
const offerScorer = (request: RequestFeatures): Scorer<OfferFeatures> => ({
  score: (offer, textRelevance) => scoreOnly(request, offer, { ...defaultContext, textRelevance }),
  explain: (offer, textRelevance) => scoreMatch(request, offer, { ...defaultContext, textRelevance }),
})

/**
 * The offers of a request that can still reach the top of their kind, with their text rank: the database
 * scores the base of every candidate (offerBaseScore), keeps those the text could lift to the top, ranks their
 * text and keeps those whose base and text reach it. A few dozen rows out of thousands of candidates.
 * (Exported so the benchmark can EXPLAIN it.)
 */
export function offerCandidatesStatement(request: RequestRow, options: RankOptions & { kind?: OfferKind }) {
  const period = requestPeriod(request)
  const conditions: SQL[] = [
    sql`o.status = 'active'`,
    sql`o.objectives && ${sql.param(request.objectives)}::smallint[]`,
    sql`o.languages && ${sql.param(request.languages)}::text[]`,
    sql`o.organization_id <> all(${sql.param(request.excludedOrganizations)}::uuid[])`,
  ]
  if (period) {
    conditions.push(sql`(o.available_from is null or o.available_from <= ${isoDay(period.end)}::date)`)
    conditions.push(sql`(o.available_until is null or o.available_until >= ${isoDay(period.start)}::date)`)
  }
  if (options.kind) conditions.push(sql`o.kind = ${options.kind}`)
  const rank = request.words ? offerTextRank(sql`${request.language ?? 'en'}`, sql`${request.words}`) : sql`0::float8`
  const include = sql`c.id = any(${sql.param([...(options.include ?? [])])}::uuid[])`
  const slack = literal(SQL_SLACK)
  const top = Math.max(1, Math.floor(options.top))
  // The `top`-th best of each kind: by base first, then (for those the text could lift) by base and text.
  const cutoffs = (from: string, by: string) => sql.raw(`select kind, min(${by}) as ${by} from (
      select kind, ${by}, row_number() over (partition by kind order by ${by} desc) as place from ${from}
    ) ranked where place <= ${top} group by kind having count(*) >= ${top}`)
  return sql`
    with candidates as materialized (
      select o.ctid, o.id, o.kind, ${offerBaseScore(request, defaultContext)} as base
      from offers o where ${sql.join(conditions, sql` and `)}
    ), base_cutoffs as (${cutoffs('candidates', 'base')}),
    ranked as (
      select c.ctid, c.id, c.kind, c.base, ${rank} as rank
      from candidates c join offers o on o.ctid = c.ctid left join base_cutoffs k on k.kind = c.kind
      where k.base is null or c.base + ${literal(matchWeights.text)} + ${slack} >= k.base or ${include}
    ), contenders as materialized (
      select ctid, id, kind, rank, base + least(1::float8, greatest(0::float8, rank) / ${literal(TEXT_RANK_SCALE)}) * ${literal(matchWeights.text)} as score
      from ranked
    ), score_cutoffs as (${cutoffs('contenders', 'score')})
    select ${offerColumns}, c.rank
    from contenders c join offers o on o.ctid = c.ctid left join score_cutoffs k on k.kind = c.kind
    where k.score is null or c.score + ${slack} >= k.score or ${include}`
}

/** Every active offer that passes the hard filters for this request, ranked; null without the request. */
export async function scoreOffersForRequest(db: Db, requestId: string, options: RankOptions & { kind?: OfferKind }) {
  const request = await requestForMatching(db, requestId)
  if (!request) return null
  const rows = await db.execute<Located<OfferFeatures> & { rank: number }>(offerCandidatesStatement(request, options))
  const ranks: Ranks = new Map()
  const contenders: Contender<OfferFeatures>[] = []
  for (const { rank: textRank, ...offer } of rows) {
    ranks.set(offer.id, textRank)
    contenders.push({ features: offer, group: offer.kind, base: scoreOnly(request, offer, defaultContext) })
  }
  const ranked = await rankContenders(contenders, options, async () => ranks, offerScorer(request))
  return { request, status: request.status, ...ranked }
}

type OfferRow = OfferFeatures & { status: OfferStatus; declinedRequests: string[] }

/** Every published request that passes the hard filters for this offer, ranked; null without the offer. */
export async function scoreRequestsForOffer(db: Db, offerId: string, options: RankOptions) {
  const [offer] = await db.execute<OfferRow>(sql`
    select ${offerColumns},
      array(select distinct m.request_id from matches m where m.provider_id = o.organization_id and m.status = 'declined')
        as "declinedRequests"
    from offers o where o.id = ${offerId}`)
  if (!offer) return null
  // Only an active offer is suggested: one that is not has no requests to be suggested to.
  if (offer.status !== 'active') return { offer, status: offer.status, ranked: [], eligible: new Set<string>() }
  const window = offerWindow(offer)
  const conditions: SQL[] = [
    sql`r.status = 'published'`,
    sql`r.objectives && ${sql.param(offer.objectives)}::smallint[]`,
    sql`r.languages && ${sql.param(offer.languages)}::text[]`,
    sql`r.organization_id <> ${offer.organizationId}`,
    sql`r.id <> all(${sql.param(offer.declinedRequests)}::uuid[])`,
  ]
  if (window) {
    // As requestPeriod: the last day is the start plus the duration in months, less a day.
    const end = sql`case when r.duration_months is null then r.start_date else (r.start_date + make_interval(months => r.duration_months))::date - 1 end`
    if (Number.isFinite(window.end)) conditions.push(sql`(r.start_date is null or r.start_date <= ${isoDay(window.end)}::date)`)
    if (Number.isFinite(window.start)) conditions.push(sql`(r.start_date is null or ${end} >= ${isoDay(window.start)}::date)`)
  }
  const rows = await db.execute<Located<RequestFeatures>>(sql`select ${requestColumns} from requests r where ${sql.join(conditions, sql` and `)}`)
  const contenders = rows.map((request): Contender<RequestFeatures> => ({ features: request, group: 'requests', base: scoreOnly(request, offer, defaultContext) }))
  // The text factor always reads the request's words in the offer, so a pair scores the same both ways.
  const rank = sql`ts_rank((select o.search from offers o where o.id = ${offerId}), ${requestWordsQuery(sql`t.search`)})`
  const ranked = await rankContenders(contenders, options, (requests) => ranksByAddress(db, requests, rank), {
    score: (request, textRelevance) => scoreOnly(request, offer, { ...defaultContext, textRelevance }),
    explain: (request, textRelevance) => scoreMatch(request, offer, { ...defaultContext, textRelevance }),
  })
  return { offer, status: offer.status, ...ranked }
}

/**
 * Every active offer's features in memory, found by language and objective: the full refresh scores each request
 * against it with the scorer itself (`failedHardFilter`, `scoreOnly`), where the candidate statement would read
 * and score a few thousand offer rows in the database per request (most of the full refresh's time). Offers
 * that change while it is in use are read again when their text is ranked (scoreOffersForRequests).
 */
export class OfferCatalogue {
  private readonly offers = new Map<string, Located<OfferFeatures>>()
  /** Active offers by `language objective`: a request's candidates share both with it. */
  private readonly index = new Map<string, Located<OfferFeatures>[]>()

  static async load(db: Db) {
    const catalogue = new OfferCatalogue()
    for (const offer of await db.execute<Located<OfferFeatures>>(sql`select ${offerColumns} from offers o where o.status = 'active'`)) catalogue.add(offer)
    return catalogue
  }

  has(id: string) {
    return this.offers.has(id)
  }

  /** Reads these offers again: changed ones are replaced, and those no longer active (or gone) dropped. */
  async reload(db: Db, ids: readonly string[]) {
    for (const id of ids) this.remove(id)
    const rows = await db.execute<Located<OfferFeatures>>(sql`select ${offerColumns} from offers o where o.id = any(${sql.param(ids)}::uuid[]) and o.status = 'active'`)
    for (const offer of rows) this.add(offer)
  }

  /**
   * Visits each request's candidates, the candidate statement's rows: the offers that share a language and an
   * objective with it and pass the scorer's hard filters. Offer by offer, each against every request of the
   * batch in whose lists it is: scoring an offer for many requests while it is in the processor's cache is
   * several times faster than going through thousands of offers for each request in turn.
   */
  eachCandidate(requests: readonly RequestRow[], visit: (request: number, offer: Located<OfferFeatures>) => void) {
    const listsOfRequest = requests.map((r) => r.languages.flatMap((language) => r.objectives.map((objective) => ({ language, objective }))))
    // Each list's members: the request's index, then the list's place among that request's lists.
    const byKey = new Map<string, number[]>()
    listsOfRequest.forEach((lists, i) => {
      lists.forEach(({ language, objective }, place) => {
        const members = byKey.get(`${language} ${objective}`)
        if (members) members.push(i, place)
        else byKey.set(`${language} ${objective}`, [i, place])
      })
    })
    for (const [key, members] of byKey) {
      for (const offer of this.index.get(key) ?? []) {
        for (let m = 0; m < members.length; m += 2) {
          const i = members[m]!
          const request = requests[i]!
          // An offer in several of a request's lists is visited in the first.
          if (inEarlierList(offer, listsOfRequest[i]!, members[m + 1]!)) continue
          const declinedBefore = request.excludedOrganizations.includes(offer.organizationId)
          if (failedHardFilter(request, offer, declinedBefore ? declined : notDeclined) === null) visit(i, offer)
        }
      }
    }
  }

  private add(offer: Located<OfferFeatures>) {
    this.offers.set(offer.id, offer)
    for (const key of this.keys(offer)) {
      const members = this.index.get(key)
      if (members) members.push(offer)
      else this.index.set(key, [offer])
    }
  }

  private remove(id: string) {
    const offer = this.offers.get(id)
    if (!offer) return
    this.offers.delete(id)
    for (const key of this.keys(offer)) this.index.set(key, this.index.get(key)!.filter((o) => o !== offer))
  }

  private keys(offer: OfferFeatures) {
    return offer.languages.flatMap((language) => offer.objectives.map((objective) => `${language} ${objective}`))
  }
}

/** Whether the offer is in one of a request's lists (`language objective`) before the `place`-th. */
function inEarlierList(offer: OfferFeatures, lists: readonly { language: string; objective: number }[], place: number) {
  for (let j = 0; j < place; j++) if (offer.languages.includes(lists[j]!.language) && offer.objectives.includes(lists[j]!.objective)) return true
  return false
}
const declined = { declinedBefore: true }
const notDeclined = { declinedBefore: false }

/** How often a batch is scored again because offers changed under it, before it keeps what it read last. */
const CATALOGUE_ROUNDS = 3

/** The `top` best bases of each group, and the included contenders: the first whose text is ranked. */
function firstToRank<F extends { id: string }>(needed: Contender<F>[], options: RankOptions): Contender<F>[] {
  const groups = new Map<string, Contender<F>[]>()
  for (const c of needed) {
    const members = groups.get(c.group)
    if (members) members.push(c)
    else groups.set(c.group, [c])
  }
  return [...groups.values()].flatMap((members) => {
    if (members.length <= options.top) return members
    const threshold = nthHighest(members, options.top)
    return members.filter((m) => m.base >= threshold || options.include?.has(m.features.id))
  })
}

/**
 * The other contenders whose text is still worth ranking, once the first are ranked (firstToRank): the `top`-th
 * best exact score among those of a group is at most the `top`-th best of all, so a contender whose base plus the
 * text's weight stays below it cannot reach the top. Most stay below it.
 */
function stillToRank<F extends { id: string }>(needed: Contender<F>[], first: ReadonlySet<Contender<F>>, ranks: Ranks, options: RankOptions, scorer: Scorer<F>) {
  const best = new Map<string, number[]>()
  for (const c of first) {
    let scores = best.get(c.group)
    if (!scores) best.set(c.group, (scores = []))
    keepBest(scores, scorer.score(c.features, normaliseTextRank(ranks.get(c.features.id) ?? 0)), options.top)
  }
  return needed.filter((c) => {
    if (first.has(c)) return false
    const scores = best.get(c.group)
    return !scores || scores.length < options.top || c.base + TEXT_MARGIN >= scores[options.top - 1]!
  })
}

/**
 * What scoreOffersForRequest gives, for many requests at once: candidates from the catalogue, scored in memory,
 * and the text of the batch's contenders ranked by one statement, then of those that can still reach the top
 * by another (stillToRank). A contender's row that is no longer where the catalogue read it has changed: it is
 * read again and the batch scored again (a few times at most). `include` gives each request's pairs whose exact
 * score is wanted too.
 */
export async function scoreOffersForRequests(
  db: Db,
  catalogue: OfferCatalogue,
  requests: readonly RequestRow[],
  options: { top: number; include: (requestId: string) => ReadonlySet<string> },
): Promise<Map<string, RankedCandidates<OfferFeatures>>> {
  const unknown = [...new Set(requests.flatMap((r) => [...options.include(r.id)]))].filter((id) => !catalogue.has(id))
  if (unknown.length) await catalogue.reload(db, unknown)
  for (let round = 1; ; round++) {
    const rankOptions = requests.map((request): RankOptions => ({ top: options.top, include: options.include(request.id) }))
    const streams = rankOptions.map((o) => new ContenderStream<OfferFeatures>(o))
    catalogue.eachCandidate(requests, (i, offer) => streams[i]!.offer(offer, offer.kind, scoreOnly(requests[i]!, offer, defaultContext)))
    const batch = requests.map((request, i) => {
      const needed = streams[i]!.toRank()
      return { request, rankOptions: rankOptions[i]!, scorer: offerScorer(request), needed, toRank: new Set(firstToRank(needed, rankOptions[i]!)) }
    })
    const first = await offerTextRanks(db, batch.map((b) => ({ request: b.request, offers: [...b.toRank].map((c) => c.features) })))
    const more = batch.map((b) => stillToRank(b.needed, b.toRank, first.ranks.get(b.request.id) ?? new Map(), b.rankOptions, b.scorer))
    const then = await offerTextRanks(db, batch.map((b, i) => ({ request: b.request, offers: more[i]!.map((c) => c.features) })))
    const moved = [...first.moved, ...then.moved]
    if (moved.length && round < CATALOGUE_ROUNDS) {
      await catalogue.reload(db, moved)
      continue
    }
    return new Map(
      batch.map((b, i) => {
        const ranked = [...b.toRank, ...more[i]!]
        // Those ranked hold every included one that passes (firstToRank): no need for a set of hundreds.
        const eligible = new Set(ranked.map((c) => c.features.id))
        const ranks = new Map([...(first.ranks.get(b.request.id) ?? []), ...(then.ranks.get(b.request.id) ?? [])])
        return [b.request.id, rankWithText(ranked, ranks, b.rankOptions, b.scorer, eligible)]
      }),
    )
  }
}

/**
 * The text ranks of each request's offers, in one statement, and the offers whose row has changed since it was
 * read (its address is not the one given).
 */
async function offerTextRanks(db: Db, pairs: { request: RequestRow; offers: Located<OfferFeatures>[] }[]) {
  const ranks = new Map<string, Ranks>()
  const asked = pairs.filter((p) => p.offers.length)
  if (!asked.length) return { ranks, moved: [] }
  const queries = asked.map((p, i) => ({ i, language: p.request.language ?? 'en', words: p.request.words }))
  const offers = asked.flatMap((p, i) => p.offers.map((o) => ({ i, id: o.id, ctid: o.ctid })))
  const rows = await db.execute<{ i: number; id: string; rank: number; moved: boolean }>(sql`
    with q as (select * from jsonb_to_recordset(${JSON.stringify(queries)}::jsonb) as q(i int, language text, words text))
    select p.i, o.id, ${offerTextRank(sql`q.language`, sql`q.words`)} as rank, o.ctid <> p.ctid as moved
    from jsonb_to_recordset(${JSON.stringify(offers)}::jsonb) as p(i int, id uuid, ctid tid)
    join q on q.i = p.i join offers o on o.id = p.id`)
  // Offers not found at all are gone: they count as moved, and reading them again drops them.
  const moved = new Set(offers.map((o) => o.id))
  for (const row of rows) {
    const request = asked[row.i]!.request.id
    let of = ranks.get(request)
    if (!of) ranks.set(request, (of = new Map()))
    of.set(row.id, row.rank)
    if (!row.moved) moved.delete(row.id)
  }
  return { ranks, moved: [...moved] }
}
