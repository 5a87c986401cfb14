import { sql } from 'drizzle-orm'
import type { Db } from '~/utils/db.server'
import { vocabularyIn } from '../vocabulary/translations.server'
import { actionsOf } from '../vocabulary/vocabulary.server'
import { browse } from './browse.server'
import { browseQuery, practiceQuery } from './filters'
import type { PublicOffer, PublicPracticeCard, PublicRequest } from './items.server'

/** Open means still looking for a partner: a published request, an active offer. */
export const openRequestStatus = 'published'
export const openOfferStatus = 'active'

/** How many open requests and active offers are tagged with each objective, in one pass over each table. */
export async function objectiveCounts(db: Db) {
  const rows = await db.execute<{ side: 'requests' | 'offers'; objective: number; n: number }>(sql`
    select 'requests' as side, o as objective, count(*)::int as n
      from requests, unnest(objectives) o where status = ${openRequestStatus} group by o
    union all
    select 'offers', o, count(*)::int from offers, unnest(objectives) o where status = ${openOfferStatus} group by o`)
  const counts = new Map<number, { requests: number; offers: number }>()
  for (const row of rows) {
    const entry = counts.get(row.objective) ?? { requests: 0, offers: 0 }
    entry[row.side] = row.n
    counts.set(row.objective, entry)
  }
  return counts
}

/**
 * An objective with its commitments and lettered actions, in the reader's language; null for a number the Compact
 * does not have. `titleSource` says whether the title is the Compact's official text or the Hub's translation.
 */
export function objectiveWithActions(number: number, language: string) {
  const objective = vocabularyIn(language).objective(number)
  if (!objective) return null
  return { ...objective, actions: actionsOf(number, language) }
}

/** The newest open requests and active offers under an objective, with how many there are in all. */
export async function openUnderObjective(db: Db, number: number, limit: number) {
  const [requests, offers] = await Promise.all([
    browse<PublicRequest>(db, browseQuery('requests', { objective: [number], status: [openRequestStatus], pageSize: limit })),
    browse<PublicOffer>(db, browseQuery('offers', { objective: [number], status: [openOfferStatus], pageSize: limit })),
  ])
  return { requests, offers }
}

/** The newest published practices relating to an objective, with how many there are in all. */
export const practicesUnderObjective = (db: Db, objective: number, limit: number) =>
  browse<PublicPracticeCard>(db, { ...practiceQuery({ objective: [String(objective)] }), pageSize: limit })
