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
 * the best SUGGESTIONS_KEPT of its request (for offers of its kind) or of its offer, by stored score. A refresh
 * recomputes its own side exactly and leaves the other side's pairs in place while they are eligible and still
 * among that side's best, so an offer's refresh never erodes a request's list (and the reverse).
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


interface Row {
  other: string
  score: number
  factors: MatchFactor[]
}

const sides = {
  request: { mine: sql.raw('request_id'), other: sql.raw('offer_id') },
  offer: { mine: sql.raw('offer_id'), other: sql.raw('request_id') },
}

/**
 * Opens the refresh of one request or offer and returns the pairs stored for it. Refreshes of the same one
 * wait for each other (so the later reads the later data), and the commit does not wait for the disk, since
 * suggestions can always be computed again (a crash loses at most the last refreshes).
 */
async function beginRefresh(tx: Db, side: keyof typeof sides, id: string) {
  const { mine, other } = sides[side]
  const [row] = await tx.execute<{ stored: string[] }>(sql`
    select pg_advisory_xact_lock(hashtext(${`match-refresh:${side}:${id}`})), set_config('synchronous_commit', 'off', true),
      array(select ${other}::text from match_suggestions where ${mine} = ${id}) as stored`)
  return new Set(row!.stored)
}

/**
 * Writes one side's fresh rows: its best replace whatever was there; pairs stored by the other side are
 * re-scored while still eligible and removed once not. Then every pair this write could have pushed down (this
 * side's, and the other rows of each counterpart it wrote) is removed unless it is still among the best `keep`
 * of its offer or of its request (for offers of its kind): so the table always holds each side's best, and
 * nothing else lingers.
 */
async function writeSide(
  tx: Db,
  side: keyof typeof sides,
  id: string,
  scored: { ranked: ScoredCandidate<{ id: string }>[]; eligible: ReadonlySet<string>; best: ReadonlySet<string> },
  stored: ReadonlySet<string>,
  options: { keep: number; trim: boolean },
) {
  const { keep } = options
  const { mine, other } = sides[side]
  const gone = [...stored].filter((o) => !scored.eligible.has(o))
  // In key order, so two refreshes that touch the same rows lock them in the same order.
  const rows = scored.ranked
    .filter((c) => scored.best.has(c.features.id) || stored.has(c.features.id))
    .map(asRow)
    .sort((a, b) => (a.other < b.other ? -1 : 1))
  if (gone.length) await tx.execute(sql`delete from match_suggestions where ${mine} = ${id} and ${other} = any(${sql.param(gone)}::uuid[])`)
  if (rows.length === 0) return
  const [requestId, offerId] = side === 'request' ? [sql`${id}::uuid`, sql`f.other`] : [sql`f.other`, sql`${id}::uuid`]
  await tx.execute(sql`
    insert into match_suggestions (request_id, offer_id, score, factors, computed_at)
    select ${requestId}, ${offerId}, f.score, f.factors, now()
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as f(other uuid, score real, factors jsonb)
    on conflict (request_id, offer_id) do update set score = excluded.score, factors = excluded.factors, computed_at = excluded.computed_at`)
  if (!options.trim) return
  const betterOfOffer = sql`select 1 from match_suggestions t where t.offer_id = s.offer_id and t.score > s.score limit ${keep}`
  const betterOfRequest = sql`select 1 from match_suggestions t join offers x on x.id = t.offer_id
    where t.request_id = s.request_id and x.kind = so.kind and t.score > s.score limit ${keep}`
  await tx.execute(sql`
    delete from match_suggestions s using offers so
    where so.id = s.offer_id
      and (s.${mine} = ${id} or s.${other} = any(${sql.param(rows.map((r) => r.other))}::uuid[]))
      and not (s.${mine} = ${id} and s.${other} = any(${sql.param([...scored.best])}::uuid[]))
      and (select count(*) from (${betterOfOffer}) b) >= ${keep}
      and (select count(*) from (${betterOfRequest}) b) >= ${keep}`)
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

async function refreshRequest(db: Db, requestId: RequestId, keep: number, trim = true) {
  await db.transaction(async (tx) => {
    const stored = await beginRefresh(tx, 'request', requestId)
    const scored = await scoreOffersForRequest(tx, requestId, { top: keep, include: stored })
    if (!scored || scored.status !== 'published') {
      await tx.delete(matchSuggestions).where(eq(matchSuggestions.requestId, requestId))
      return
    }
    const best = bestOf(scored.ranked, (offer) => offer.kind, keep)
    await writeSide(tx, 'request', requestId, { ...scored, best }, stored, { keep, trim })
  })
}

async function refreshOffer(db: Db, offerId: OfferId, keep: number) {
  await db.transaction(async (tx) => {
    const stored = await beginRefresh(tx, 'offer', offerId)
    const scored = await scoreRequestsForOffer(tx, offerId, { top: keep, include: stored })
    if (!scored || scored.status !== 'active') {
      await tx.delete(matchSuggestions).where(eq(matchSuggestions.offerId, offerId))
      return
    }
    const best = bestOf(scored.ranked, () => 'requests', keep)
    await writeSide(tx, 'offer', offerId, { ...scored, best }, stored, { keep, trim: true })
  })
}

/**
 * Recomputes the stored suggestions of one request or offer. A request that is not published, or an offer
 * that is not active (or either, deleted), keeps none.
 */
export async function refreshSuggestions(db: Db, target: RefreshTarget, options: { keep?: number } = {}) {
  const keep = options.keep ?? SUGGESTIONS_KEPT
  if ('requestId' in target) await refreshRequest(db, target.requestId, keep)
  else await refreshOffer(db, target.offerId, keep)
}

/** PostgreSQL's deadlock error, under drizzle's wrapper: two refreshes crossed and one was chosen to give way. */
function isDeadlock(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) if ((e as Error & { code?: string }).code === '40P01') return true
  return false
}

/**
 * Recomputes the suggestions of every published request, `concurrency` at a time (each on its own connection
 * of the pool, so PostgreSQL, which does most of the work, uses as many cores), after dropping the rows of
 * requests and offers that are no longer open. Rows pushed out of both their lists are removed once at the
 * end, for the whole table, rather than after each request. A refresh that loses a deadlock to a concurrent
 * one (the job) is simply run again; any other error stops the run and is thrown.
 */
export async function refreshAll(db: Db, options: { concurrency?: number; keep?: number; onProgress?: (done: number, total: number) => void } = {}) {
  await db.execute(sql`delete from match_suggestions s using requests r where r.id = s.request_id and r.status <> 'published'`)
  await db.execute(sql`delete from match_suggestions s using offers o where o.id = s.offer_id and o.status <> 'active'`)
  const ids = (await db.select({ id: requests.id }).from(requests).where(eq(requests.status, 'published'))).map((r) => r.id)
  const keep = options.keep ?? SUGGESTIONS_KEPT
  let next = 0
  let done = 0
  let failure: { error: unknown } | null = null
  const worker = async () => {
    while (next < ids.length && !failure) {
      const id = ids[next++]!
      for (let attempt = 1; ; attempt++) {
        try {
          await refreshRequest(db, id, keep, false)
          break
        } catch (error) {
          if (isDeadlock(error) && attempt < 3) continue
          failure ??= { error }
          return
        }
      }
      options.onProgress?.(++done, ids.length)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker))
  if (failure) throw (failure as { error: unknown }).error
  await db.execute(sql`
    delete from match_suggestions s using (
      select m.request_id, m.offer_id,
        rank() over (partition by m.request_id, o.kind order by m.score desc) as of_request,
        rank() over (partition by m.offer_id order by m.score desc) as of_offer
      from match_suggestions m join offers o on o.id = m.offer_id
    ) ranked
    where s.request_id = ranked.request_id and s.offer_id = ranked.offer_id and ranked.of_request > ${keep} and ranked.of_offer > ${keep}`)
  return { requests: ids.length }
}

/**
 * What a refresh job asks for: one request or offer, or everything. An offer's own refresh stores its best
 * requests, but a request whose best offers it now joins is only refreshed by the nightly full refresh.
 */
export type RefreshJob = RefreshTarget | { all: true }
export const fullRefresh = { data: { all: true } as RefreshJob, singletonKey: 'all', cron: '40 2 * * *' }

/**
 * Queues a refresh of a request's or an offer's suggestions (or of all, `{ all: true }`, after a bulk import),
 * in the caller's transaction: it runs if, and only if, the change commits. Repeated changes while one refresh
 * waits are folded into it (one queued per target).
 */
export async function enqueueSuggestionRefresh(tx: Db, target: RefreshJob) {
  const key = 'all' in target ? fullRefresh.singletonKey : 'requestId' in target ? `request:${target.requestId}` : `offer:${target.offerId}`
  return enqueue(tx, queues.refreshSuggestions, target, { singletonKey: key })
}

export async function runRefreshJob(db: Db, job: RefreshJob) {
  if ('all' in job) await refreshAll(db)
  else await refreshSuggestions(db, job)
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
