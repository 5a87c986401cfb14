import { asc, eq, sql } from 'drizzle-orm'
import { actions, objectives } from '#db/schema/index'
import type { Db } from '~/utils/db.server'
import { browse } from './browse.server'
import { browseQuery } from './filters'
import type { PublicOffer, PublicRequest } from './items.server'

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

export async function objectiveWithActions(db: Db, number: number) {
  const [objective] = await db.select().from(objectives).where(eq(objectives.number, number))
  if (!objective) return null
  const list = await db
    .select({ code: actions.code, letter: actions.letter, text: actions.text })
    .from(actions)
    .where(eq(actions.objectiveNumber, number))
    .orderBy(asc(actions.letter))
  return { ...objective, actions: list }
}

/** The newest open requests and active offers under an objective, with how many there are in all. */
export async function openUnderObjective(db: Db, number: number, limit: number) {
  const [requests, offers] = await Promise.all([
    browse<PublicRequest>(db, browseQuery('requests', { objective: [number], status: [openRequestStatus], pageSize: limit })),
    browse<PublicOffer>(db, browseQuery('offers', { objective: [number], status: [openOfferStatus], pageSize: limit })),
  ])
  return { requests, offers }
}
