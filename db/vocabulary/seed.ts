import { sql } from 'drizzle-orm'
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js'
import { actions, objectives, principles } from '../schema/vocabulary'
import objectiveData from './objectives.json' with { type: 'json' }
import principleData from './principles.json' with { type: 'json' }

interface ObjectiveRecord {
  number: number
  shortTitle: string
  title: string
  commitments: string[]
  actions: { code: string; letter: string; text: string }[]
}

export const gcmObjectives = objectiveData as ObjectiveRecord[]
export const gcmPrinciples = principleData as { code: string; title: string }[]

/** Upserts the committed vocabulary; running it twice changes nothing. */
export async function seedVocabulary(db: PostgresJsDatabase<Record<string, unknown>>) {
  await db.transaction(async (tx) => {
    await tx
      .insert(objectives)
      .values(gcmObjectives.map(({ number, shortTitle, title, commitments }) => ({ number, shortTitle, title, commitments })))
      .onConflictDoUpdate({
        target: objectives.number,
        set: { shortTitle: sql`excluded.short_title`, title: sql`excluded.title`, commitments: sql`excluded.commitments` },
      })
    await tx
      .insert(actions)
      .values(gcmObjectives.flatMap((o) => o.actions.map((a) => ({ ...a, objectiveNumber: o.number }))))
      .onConflictDoUpdate({
        target: actions.code,
        set: { text: sql`excluded.text`, letter: sql`excluded.letter`, objectiveNumber: sql`excluded.objective_number` },
      })
    await tx
      .insert(principles)
      .values(gcmPrinciples.map((p, position) => ({ code: p.code, title: p.title, position })))
      .onConflictDoUpdate({ target: principles.code, set: { title: sql`excluded.title`, position: sql`excluded.position` } })
  })
}
