import { sql } from 'drizzle-orm'
import type { RequestId } from '#db/schema/index'
import type { Db } from '~/utils/db.server'
import { requestWordsQuery } from './candidates.server'
import { TEXT_RANK_SCALE } from './weights'

/**
 * Related work: the hub's function of connecting a request to similar initiatives. For now, other published
 * requests (completed projects and practices join once they exist). Similarity is what a reader would see:
 * the same main objective, objectives in common, and the same words.
 */

export const similarityWeights = {
  /** Both requests have the same primary objective. */
  samePrimaryObjective: 0.45,
  /** Objectives in common over objectives of either (Jaccard). */
  sharedObjectives: 0.25,
  /** This request's words in the other one (ts_rank, normalised as for matching). */
  text: 0.3,
} as const

export type SimilarRequest = {
  requestId: RequestId
  key: string | null
  title: string
  score: number
  sharedObjectives: number[]
}

/** Published requests like this one (never itself), most similar first; candidates share at least one objective. */
export async function similarRequests(db: Db, requestId: RequestId, limit: number): Promise<SimilarRequest[]> {
  const w = similarityWeights
  const rows = await db.execute<SimilarRequest>(sql`
    with me as (
      select r.id, r.objectives, ${requestWordsQuery(sql`r.search`)} as words from requests r where r.id = ${requestId}
    ), scored as (
      select r.id, r.key, r.title, r.published_at,
        array(select x from unnest(r.objectives) x where x = any(me.objectives) order by x) as shared,
        (r.objectives[1] = me.objectives[1])::int as same_primary,
        cardinality(array(select unnest(r.objectives) union select unnest(me.objectives))) as either,
        coalesce(least(1, ts_rank(r.search, me.words) / ${TEXT_RANK_SCALE}::float8), 0) as text
      from requests r, me
      where r.status = 'published' and r.id <> me.id and r.objectives && me.objectives
    )
    select id as "requestId", key, title, shared::int[] as "sharedObjectives",
      round((${w.samePrimaryObjective}::float8 * same_primary + ${w.sharedObjectives}::float8 * cardinality(shared) / either
        + ${w.text}::float8 * text)::numeric, 4)::float8 as score
    from scored
    order by score desc, published_at desc, id
    limit ${limit}`)
  return Array.from(rows)
}
