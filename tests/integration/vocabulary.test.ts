import { sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import counts from '#db/vocabulary/counts.json' with { type: 'json' }
import { migrateDatabase } from '#db/migrate'
import { db } from '~/utils/db.server'

async function vocabularyCounts() {
  const [row] = await db.execute<{ objectives: number; actions: number; principles: number; migrations: number }>(sql`
    select (select count(*)::int from gcm_objectives) as objectives,
           (select count(*)::int from gcm_actions) as actions,
           (select count(*)::int from gcm_principles) as principles,
           (select count(*)::int from drizzle.__drizzle_migrations) as migrations`)
  return row!
}

describe('GCM vocabulary', () => {
  test('has 23 objectives, 187 actions and 10 guiding principles', async () => {
    const found = await vocabularyCounts()
    expect(found).toMatchObject({ objectives: 23, actions: 187, principles: 10 })
    expect(counts.objectives).toBe(23)
    expect(counts.actions).toBe(187)
  })

  test('each objective has the number of actions recorded in counts.json', async () => {
    const rows = await db.execute<{ number: number; actions: number }>(sql`
      select o.number, count(a.code)::int as actions
      from gcm_objectives o left join gcm_actions a on a.objective_number = o.number
      group by o.number order by o.number`)
    const perObjective = Object.fromEntries(Array.from(rows).map((r) => [String(r.number), r.actions]))
    expect(perObjective).toEqual(counts.perObjective)
  })

  test('action codes are the objective number and a letter, lettered from a without gaps', async () => {
    const rows = await db.execute<{ code: string; objective_number: number; letter: string }>(sql`
      select code, objective_number, letter from gcm_actions order by objective_number, letter`)
    const byObjective = new Map<number, string[]>()
    for (const row of rows) {
      expect(row.code).toBe(`${row.objective_number}.${row.letter}`)
      byObjective.set(row.objective_number, [...(byObjective.get(row.objective_number) ?? []), row.letter])
    }
    for (const letters of byObjective.values()) {
      expect(letters).toEqual(letters.map((_, i) => String.fromCharCode(97 + i)))
    }
  })

  test('the principles are the ten of the Compact, in order', async () => {
    const rows = await db.execute<{ code: string }>(sql`select code from gcm_principles order by position`)
    expect(Array.from(rows).map((r) => r.code)).toEqual([
      'people_centred',
      'international_cooperation',
      'national_sovereignty',
      'rule_of_law',
      'sustainable_development',
      'human_rights',
      'gender_responsive',
      'child_sensitive',
      'whole_of_government',
      'whole_of_society',
    ])
  })

  test('running the migrations again changes nothing', async () => {
    const before = await vocabularyCounts()
    const [objective] = await db.execute<{ title: string }>(sql`select title from gcm_objectives where number = 1`)
    await migrateDatabase(process.env.DATABASE_URL!)
    await migrateDatabase(process.env.DATABASE_URL!)
    expect(await vocabularyCounts()).toEqual(before)
    const [again] = await db.execute<{ title: string }>(sql`select title from gcm_objectives where number = 1`)
    expect(again?.title).toBe(objective?.title)
  })
})
