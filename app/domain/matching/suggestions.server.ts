import { eq, inArray, sql } from 'drizzle-orm'
import { matchSuggestions, offers, requests, type OfferId, type OfferKind, type RequestId } from '#db/schema/index'
import type { MatchFactor } from '#db/schema/matching'
import type { Db } from '~/utils/db.server'
import { translator } from '~/utils/i18n.server'
import { enqueue, queues } from '~/utils/jobs.server'
import { notFound } from '../errors'
import { scoreOffersForRequest, scoreRequestsForOffer, type ScoredCandidate } from './candidates.server'
import { reasonText, shownReasons } from './reasons'

/**
 * Suggestions, fresh and stored. Pages read `match_suggestions`; this module fills it. Every stored pair is among
 * the best SUGGESTIONS_KEPT of its request (per kind of offer) or of its offer, as of the last refresh of that
 * side; a refresh recomputes its own side exactly and leaves the other side's pairs alone unless they are no
 * longer eligible, so an offer's refresh never erodes a request's list (and the reverse).
 */

export const SUGGESTIONS_KEPT = 20

export type RefreshTarget = { requestId: RequestId } | { offerId: OfferId }

export interface OfferSuggestion {
  offerId: OfferId
  kind: OfferKind
  score: number
  factors: MatchFactor[]
}

export interface RequestSuggestion {
  requestId: RequestId
  score: number
  factors: MatchFactor[]
}

/** The best offers for a request (of one kind, or the best of each kind), computed now; null when there is no such request. */
export async function suggestOffersForRequest(db: Db, requestId: RequestId, options: { top: number; kind?: OfferKind }) {
  const scored = await scoreOffersForRequest(db, requestId, options)
  if (!scored) return null
  return scored.ranked.slice(0, options.top).map(
    (c): OfferSuggestion => ({ offerId: c.features.id as OfferId, kind: c.features.kind, score: c.score, factors: c.factors }),
  )
}

/** The best published requests for an offer, computed now; null when there is no such offer. */
export async function suggestRequestsForOffer(db: Db, offerId: OfferId, options: { top: number }) {
  const scored = await scoreRequestsForOffer(db, offerId, options)
  if (!scored) return null
  return scored.ranked.slice(0, options.top).map((c): RequestSuggestion => ({ requestId: c.features.id as RequestId, score: c.score, factors: c.factors }))
}

/**
 * Opens a refresh: refreshes of the same request (or offer) wait for each other, and the commit does not wait
 * for the disk, since suggestions can always be computed again (a crash loses at most the last refreshes).
 */
async function beginRefresh(tx: Db, target: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`match-refresh:${target}`})), set_config('synchronous_commit', 'off', true)`)
}

interface Row {
  other: string
  score: number
  factors: MatchFactor[]
}

const sides = {
  request: { mine: sql.raw('request_id'), other: sql.raw('offer_id') },
  offer: { mine: sql.raw('offer_id'), other: sql.raw('request_id') },
}

/** The pairs stored for one request (its offers) or one offer (its requests). */
async function storedPairs(tx: Db, side: keyof typeof sides, id: string) {
  const { mine, other } = sides[side]
  const rows = await tx.execute<{ other: string }>(sql`select ${other}::text as other from match_suggestions where ${mine} = ${id}`)
  return new Set(rows.map((r) => r.other))
}

/**
 * Writes one side's fresh rows: `best` replace whatever was there; pairs stored by the other side are re-scored
 * while still eligible and removed once not; and those that are neither among `best` nor among the best
 * SUGGESTIONS_KEPT of their own side (of the offer, or of the request for offers of this kind) are removed.
 */
async function writeSide(
  tx: Db,
  side: keyof typeof sides,
  id: string,
  scored: { ranked: ScoredCandidate<{ id: string }>[]; eligible: ReadonlySet<string>; best: ReadonlySet<string> },
  stored: ReadonlySet<string>,
  kind: OfferKind | null,
) {
  const { mine, other } = sides[side]
  const gone = [...stored].filter((o) => !scored.eligible.has(o))
  const rows = scored.ranked.filter((c) => scored.best.has(c.features.id) || stored.has(c.features.id)).map(asRow)
  const kept = rows.filter((r) => !scored.best.has(r.other)).map((r) => r.other)
  if (gone.length) await tx.execute(sql`delete from match_suggestions where ${mine} = ${id} and ${other} = any(${sql.param(gone)}::uuid[])`)
  if (rows.length) {
    // In key order, so two refreshes that touch the same rows lock them in the same order.
    const payload = JSON.stringify(rows.sort((a, b) => (a.other < b.other ? -1 : 1)))
    const [requestId, offerId] = side === 'request' ? [sql`${id}::uuid`, sql`f.other`] : [sql`f.other`, sql`${id}::uuid`]
    await tx.execute(sql`
      insert into match_suggestions (request_id, offer_id, score, factors, computed_at)
      select ${requestId}, ${offerId}, f.score, f.factors, now()
      from jsonb_to_recordset(${payload}::jsonb) as f(other uuid, score real, factors jsonb)
      on conflict (request_id, offer_id) do update set score = excluded.score, factors = excluded.factors, computed_at = excluded.computed_at`)
  }
  if (kept.length) {
    const better =
      side === 'request'
        ? sql`select 1 from match_suggestions t where t.offer_id = s.offer_id and t.score > s.score limit ${SUGGESTIONS_KEPT}`
        : sql`select 1 from match_suggestions t join offers x on x.id = t.offer_id
            where t.request_id = s.request_id and x.kind = ${kind} and t.score > s.score limit ${SUGGESTIONS_KEPT}`
    await tx.execute(sql`
      delete from match_suggestions s
      where s.${mine} = ${id} and s.${other} = any(${sql.param(kept)}::uuid[])
        and (select count(*) from (${better}) b) >= ${SUGGESTIONS_KEPT}`)
  }
}

const asRow = (c: ScoredCandidate<{ id: string }>): Row => ({ other: c.features.id, score: c.score, factors: c.factors })

/** The first `top` of each group, in ranked order. */
function bestOf<F extends { id: string }>(ranked: ScoredCandidate<F>[], group: (f: F) => string, top: number) {
  const taken = new Map<string, number>()
  const best = new Set<string>()
  for (const c of ranked) {
    const place = (taken.get(group(c.features)) ?? 0) + 1
    taken.set(group(c.features), place)
    if (place <= top) best.add(c.features.id)
  }
  return best
}

async function refreshRequest(db: Db, requestId: RequestId) {
  await db.transaction(async (tx) => {
    await beginRefresh(tx, `request:${requestId}`)
    const stored = await storedPairs(tx, 'request', requestId)
    // Scored after the lock: of two refreshes of one request, the later one reads the later data.
    const scored = await scoreOffersForRequest(tx, requestId, { top: SUGGESTIONS_KEPT, include: stored })
    if (!scored || scored.status !== 'published') {
      await tx.delete(matchSuggestions).where(eq(matchSuggestions.requestId, requestId))
      return
    }
    const best = bestOf(scored.ranked, (offer) => offer.kind, SUGGESTIONS_KEPT)
    await writeSide(tx, 'request', requestId, { ...scored, best }, stored, null)
  })
}

async function refreshOffer(db: Db, offerId: OfferId) {
  await db.transaction(async (tx) => {
    await beginRefresh(tx, `offer:${offerId}`)
    const stored = await storedPairs(tx, 'offer', offerId)
    const scored = await scoreRequestsForOffer(tx, offerId, { top: SUGGESTIONS_KEPT, include: stored })
    if (!scored || scored.status !== 'active') {
      await tx.delete(matchSuggestions).where(eq(matchSuggestions.offerId, offerId))
      return
    }
    const best = bestOf(scored.ranked, () => 'requests', SUGGESTIONS_KEPT)
    await writeSide(tx, 'offer', offerId, { ...scored, best }, stored, scored.offer.kind)
  })
}

/**
 * Recomputes the stored suggestions of one request or offer. A request that is not published, or an offer
 * that is not active (or either, deleted), keeps none.
 */
export async function refreshSuggestions(db: Db, target: RefreshTarget) {
  if ('requestId' in target) await refreshRequest(db, target.requestId)
  else await refreshOffer(db, target.offerId)
}

/**
 * Recomputes the suggestions of every published request, `concurrency` at a time (each on its own connection
 * of the pool), after dropping the rows of requests and offers that are no longer open.
 */
export async function refreshAll(db: Db, options: { concurrency?: number; onProgress?: (done: number, total: number) => void } = {}) {
  await db.execute(sql`delete from match_suggestions s using requests r where r.id = s.request_id and r.status <> 'published'`)
  await db.execute(sql`delete from match_suggestions s using offers o where o.id = s.offer_id and o.status <> 'active'`)
  const ids = (await db.select({ id: requests.id }).from(requests).where(eq(requests.status, 'published'))).map((r) => r.id)
  let next = 0
  let done = 0
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++]!
      await refreshRequest(db, id)
      options.onProgress?.(++done, ids.length)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker))
  return { requests: ids.length }
}

/**
 * Queues a refresh of a request's or an offer's suggestions, in the caller's transaction: it runs if, and only
 * if, the change commits. Repeated changes while one refresh waits are folded into it (one queued per target).
 */
export async function enqueueSuggestionRefresh(tx: Db, target: RefreshTarget) {
  const key = 'requestId' in target ? `request:${target.requestId}` : `offer:${target.offerId}`
  return enqueue(tx, queues.refreshSuggestions, target, { singletonKey: key })
}

export interface MatchReportRow {
  /** The import key of the offer (or request), or its id when it was not imported. */
  offer?: string
  request?: string
  kind?: OfferKind
  score: number
  reasons: string[]
}

/**
 * Fresh suggestions for the request or offer with this import key, as the command line prints them: keys,
 * scores and the reasons as sentences in `language`. An unknown key is a DomainError (404).
 */
export async function matchReport(
  db: Db,
  target: { request: string } | { offer: string },
  options: { top: number; kind?: OfferKind; language?: string },
): Promise<MatchReportRow[]> {
  const language = options.language ?? 'en'
  const t = translator(language)
  const sentences = (factors: MatchFactor[]) => shownReasons(factors).map((r) => reasonText(r, language, t))
  if ('request' in target) {
    const [request] = await db.select({ id: requests.id }).from(requests).where(eq(requests.key, target.request))
    if (!request) throw notFound(`No request with key "${target.request}".`)
    const suggestions = (await suggestOffersForRequest(db, request.id, options)) ?? []
    const keys = await keysOf(db, offers, suggestions.map((s) => s.offerId))
    return suggestions.map((s) => ({ offer: keys.get(s.offerId) ?? s.offerId, kind: s.kind, score: s.score, reasons: sentences(s.factors) }))
  }
  const [offer] = await db.select({ id: offers.id }).from(offers).where(eq(offers.key, target.offer))
  if (!offer) throw notFound(`No offer with key "${target.offer}".`)
  const suggestions = (await suggestRequestsForOffer(db, offer.id, options)) ?? []
  const keys = await keysOf(db, requests, suggestions.map((s) => s.requestId))
  return suggestions.map((s) => ({ request: keys.get(s.requestId) ?? s.requestId, score: s.score, reasons: sentences(s.factors) }))
}

async function keysOf(db: Db, table: typeof offers | typeof requests, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>()
  const rows = await db.select({ id: table.id, key: table.key }).from(table).where(inArray(table.id, ids as never[]))
  return new Map(rows.flatMap((r) => (r.key ? [[r.id as string, r.key] as const] : [])))
}
