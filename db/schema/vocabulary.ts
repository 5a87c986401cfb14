import { integer, jsonb, pgTable, smallint, text } from 'drizzle-orm/pg-core'

export const objectives = pgTable('gcm_objectives', {
  number: smallint('number').primaryKey(),
  shortTitle: text('short_title').notNull(),
  title: text('title').notNull(),
  commitments: jsonb('commitments').$type<string[]>().notNull(),
})

export const actions = pgTable('gcm_actions', {
  code: text('code').primaryKey(),
  objectiveNumber: smallint('objective_number')
    .notNull()
    .references(() => objectives.number),
  letter: text('letter').notNull(),
  text: text('text').notNull(),
})

export const principles = pgTable('gcm_principles', {
  code: text('code').primaryKey(),
  title: text('title').notNull(),
  position: integer('position').notNull(),
})
