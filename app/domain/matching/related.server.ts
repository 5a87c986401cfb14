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
  /** Objectives in common over the objectives of either (Jaccard). */
  sharedObjectives: 0.25,
  /** This request's words in the other one (ts_rank, normalised as for matching). */
  text: 0.3,
} as const

export interface SimilarRequest {
  requestId: RequestId
  key: string | null
  title: string
  score: number
  sharedObjectives: number[]
}

type Row = { requestId: RequestId; key: string | null; title: string; objectives: number[]; score: number }

/** Published requests like this one (never itself), most similar first; candidates share at least one objective. */
export async function similarRequests(db: Db, requestId: RequestId, limit: number): Promise<SimilarRequest[]> {
  const [me] = await db.execute<{ objectives: number[]; words: string | null }>(sql`
    select r.objectives, ${requestWordsQuery(sql`r.search`)}::text as words from requests r where r.id = ${requestId}`)
  if (!me || me.objectives.length === 0) return []
  const w = similarityWeights
  // The request's objectives are unrolled into the statement: counting them in each candidate's array is then
  // a few comparisons per row, where a set operation would be a subquery per row.
  const shared = sql.join(me.objectives.map((n) => sql`(${n}::smallint = any(r.objectives))::int`), sql` + `)
  const text = me.words ? sql`least(1::float8, ts_rank(r.search, ${me.words}::tsquery) / ${TEXT_RANK_SCALE}::float8)` : sql`0::float8`
  const rows = await db.execute<Row>(sql`
    select r.id as "requestId", r.key, r.title, r.objectives,
      round((${w.samePrimaryObjective}::float8 * (r.objectives[1] = ${me.objectives[0]!}::smallint)::int
        + ${w.sharedObjectives}::float8 * (${shared})::float8 / (cardinality(r.objectives) + ${me.objectives.length} - (${shared}))
        + ${w.text}::float8 * ${text})::numeric, 4)::float8 as score
    from requests r
    where r.status = 'published' and r.id <> ${requestId} and r.objectives && ${sql.param(me.objectives)}::smallint[]
    order by score desc, r.published_at desc, r.id
    limit ${limit}`)
  return rows.map(({ objectives, ...row }) => ({ ...row, sharedObjectives: objectives.filter((n) => me.objectives.includes(n)).sort((a, b) => a - b) }))
}
