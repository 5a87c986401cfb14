import { eq, inArray, sql } from 'drizzle-orm'
import { matchSuggestions, offers, requests, type OfferId, type OfferKind, type RequestId } from '#db/schema/index'
import type { MatchFactor } from '#db/schema/matching'
import type { Db } from '~/utils/db.server'
import { translator } from '~/utils/i18n.server'
import { enqueue, queues } from '~/utils/jobs.server'
import { notFound } from '../errors'
import { OfferCatalogue, requestsForMatching, scoreOffersForRequest, scoreOffersForRequests, scoreRequestsForOffer, type ScoredCandidate } from './candidates.server'
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
 * Opens the refresh of requests or offers and returns the pairs stored for each. Refreshes of the same one
 * wait for each other (so the later reads the later data), and the commit does not wait for the disk, since
 * suggestions can always be computed again (a crash loses at most the last refreshes).
 */
async function beginRefresh(tx: Db, side: keyof typeof sides, ids: readonly string[]) {
  const { mine, other } = sides[side]
  // In one order, so two refreshes of overlapping sets cannot wait for each other's locks.
  const sorted = [...ids].sort()
  await tx.execute(sql`
    select set_config('synchronous_commit', 'off', true),
      (select count(*) from (select pg_advisory_xact_lock(hashtext(${`match-refresh:${side}:`} || k.id)) from unnest(${sql.param(sorted)}::text[]) k(id)) l)`)
  const rows = await tx.execute<{ id: string; stored: string[] }>(sql`
    select ${mine}::text as id, array_agg(${other}::text) as stored from match_suggestions where ${mine} = any(${sql.param(sorted)}::uuid[]) group by ${mine}`)
  const stored = new Map(rows.map((r) => [r.id, new Set(r.stored)]))
  return (id: string): ReadonlySet<string> => stored.get(id) ?? new Set()
}

/** What one side's refresh writes: its best and the re-scored pairs stored by the other side (rows), and the stored pairs no longer eligible (gone). */
interface SideWrite {
  id: string
  rows: Row[]
  gone: string[]
}

function sideWrite(
  id: string,
  scored: { ranked: ScoredCandidate<{ id: string }>[]; eligible: ReadonlySet<string>; best: ReadonlySet<string> },
  stored: ReadonlySet<string>,
): SideWrite {
  return {
    id,
    rows: scored.ranked.filter((c) => scored.best.has(c.features.id) || stored.has(c.features.id)).map(asRow),
    gone: [...stored].filter((o) => !scored.eligible.has(o)),
  }
}

/**
 * Writes the fresh rows of one side's refreshes: their best replace whatever was there; pairs stored by the
 * other side are re-scored while still eligible and removed once not.
 */
async function writeSides(tx: Db, side: keyof typeof sides, writes: readonly SideWrite[]) {
  const pair = (id: string, other: string) => (side === 'request' ? { requestId: id, offerId: other } : { requestId: other, offerId: id })
  const gone = writes.flatMap((w) => w.gone.map((other) => pair(w.id, other)))
  if (gone.length) {
    await tx.execute(sql`
      delete from match_suggestions s using unnest(${sql.param(gone.map((g) => g.requestId))}::uuid[], ${sql.param(gone.map((g) => g.offerId))}::uuid[]) as g(request_id, offer_id)
      where s.request_id = g.request_id and s.offer_id = g.offer_id`)
  }
  // In key order, so two refreshes that touch the same rows lock them in the same order.
  const rows = writes
    .flatMap((w) => w.rows.map((r) => ({ ...pair(w.id, r.other), score: r.score, factors: r.factors })))
    .sort((a, b) => (a.requestId < b.requestId ? -1 : a.requestId > b.requestId ? 1 : a.offerId < b.offerId ? -1 : 1))
  if (rows.length === 0) return
  await tx.execute(sql`
    insert into match_suggestions (request_id, offer_id, score, factors, computed_at)
    select f."requestId", f."offerId", f.score, f.factors, now()
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as f("requestId" uuid, "offerId" uuid, score real, factors jsonb)
    on conflict (request_id, offer_id) do update set score = excluded.score, factors = excluded.factors, computed_at = excluded.computed_at`)
}

/**
 * Writes one side's fresh rows (writeSides). Then every pair this write could have pushed down (this side's,
 * and the other rows of each counterpart it wrote) is removed unless it is still among the best `keep` of its
 * offer or of its request (for offers of its kind): so the table always holds each side's best, and nothing
 * else lingers.
 */
async function writeSide(tx: Db, side: keyof typeof sides, write: SideWrite, best: ReadonlySet<string>, keep: number) {
  const { mine, other } = sides[side]
  await writeSides(tx, side, [write])
  if (write.rows.length === 0) return
  const betterOfOffer = sql`select 1 from match_suggestions t where t.offer_id = s.offer_id and t.score > s.score limit ${keep}`
  const betterOfRequest = sql`select 1 from match_suggestions t join offers x on x.id = t.offer_id
    where t.request_id = s.request_id and x.kind = so.kind and t.score > s.score limit ${keep}`
  await tx.execute(sql`
    delete from match_suggestions s using offers so
    where so.id = s.offer_id
      and (s.${mine} = ${write.id} or s.${other} = any(${sql.param(write.rows.map((r) => r.other))}::uuid[]))
      and not (s.${mine} = ${write.id} and s.${other} = any(${sql.param([...best])}::uuid[]))
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

/** A request's best offers are the first `keep` of each kind. */
const bestOffers = (ranked: ScoredCandidate<{ id: string; kind: OfferKind }>[], keep: number) => bestOf(ranked, (offer) => offer.kind, keep)

async function refreshRequest(db: Db, requestId: RequestId, keep: number) {
  await db.transaction(async (tx) => {
    const stored = (await beginRefresh(tx, 'request', [requestId]))(requestId)
    const scored = await scoreOffersForRequest(tx, requestId, { top: keep, include: stored })
    if (!scored || scored.status !== 'published') {
      await tx.delete(matchSuggestions).where(eq(matchSuggestions.requestId, requestId))
      return
    }
    const best = bestOffers(scored.ranked, keep)
    await writeSide(tx, 'request', sideWrite(requestId, { ...scored, best }, stored), best, keep)
  })
}

/**
 * Refreshes a batch of requests in one transaction, as refreshRequest does each but without trimming the pairs
 * they push down (refreshAll does that once at the end): candidates from the catalogue, one statement to rank
 * the text of all, one to write all.
 */
async function refreshRequests(db: Db, catalogue: OfferCatalogue, requestIds: readonly RequestId[], keep: number) {
  await db.transaction(async (tx) => {
    const stored = await beginRefresh(tx, 'request', requestIds)
    const published = (await requestsForMatching(tx, requestIds)).filter((r) => r.status === 'published')
    const closed = requestIds.filter((id) => !published.some((r) => r.id === id))
    if (closed.length) await tx.delete(matchSuggestions).where(inArray(matchSuggestions.requestId, closed))
    const scored = await scoreOffersForRequests(tx, catalogue, published, { top: keep, include: stored })
    const writes = published.map((request) => {
      const ranked = scored.get(request.id)!
      return sideWrite(request.id, { ...ranked, best: bestOffers(ranked.ranked, keep) }, stored(request.id))
    })
    await writeSides(tx, 'request', writes)
  })
}

async function refreshOffer(db: Db, offerId: OfferId, keep: number) {
  await db.transaction(async (tx) => {
    const stored = (await beginRefresh(tx, 'offer', [offerId]))(offerId)
    const scored = await scoreRequestsForOffer(tx, offerId, { top: keep, include: stored })
    if (!scored || scored.status !== 'active') {
      await tx.delete(matchSuggestions).where(eq(matchSuggestions.offerId, offerId))
      return
    }
    const best = bestOf(scored.ranked, () => 'requests', keep)
    await writeSide(tx, 'offer', sideWrite(offerId, { ...scored, best }, stored), best, keep)
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
 * Requests refreshed per transaction by refreshAll: one statement ranks the text of all their contenders, one
 * writes them, and the more of them share a list of candidates, the more each offer read is used (eachCandidate).
 */
const REFRESH_BATCH = 200

/**
 * Recomputes the suggestions of every published request, in batches (refreshRequests), `concurrency` at a time
 * (each on its own connection of the pool: while Node scores one batch, PostgreSQL ranks another's text), after
 * dropping the rows of requests and offers that are no longer open. The active offers are read once, into the
 * catalogue the batches score against. Rows pushed out of both their lists are removed once at the end, for
 * the whole table, rather than after each request. A batch that loses a deadlock to a concurrent refresh (the
 * job) is simply run again; any other error stops the run and is thrown.
 */
export async function refreshAll(
  db: Db,
  options: { concurrency?: number; keep?: number; batch?: number; onProgress?: (done: number, total: number) => void } = {},
) {
  await db.execute(sql`delete from match_suggestions s using requests r where r.id = s.request_id and r.status <> 'published'`)
  await db.execute(sql`delete from match_suggestions s using offers o where o.id = s.offer_id and o.status <> 'active'`)
  // In order of languages and objectives, so a batch's requests share candidates (OfferCatalogue.eachCandidate).
  const ids = (await db.select({ id: requests.id }).from(requests).where(eq(requests.status, 'published')).orderBy(requests.languages, requests.objectives)).map(
    (r) => r.id,
  )
  const keep = options.keep ?? SUGGESTIONS_KEPT
  const catalogue = await OfferCatalogue.load(db)
  let next = 0
  let done = 0
  let failure: { error: unknown } | null = null
  const worker = async () => {
    while (next < ids.length && !failure) {
      const batch = ids.slice(next, (next += options.batch ?? REFRESH_BATCH))
      for (let attempt = 1; ; attempt++) {
        try {
          await refreshRequests(db, catalogue, batch, keep)
          break
        } catch (error) {
          if (isDeadlock(error) && attempt < 3) continue
          failure ??= { error }
          return
        }
      }
      options.onProgress?.((done += batch.length), ids.length)
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
