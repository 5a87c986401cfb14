import { sql, type SQL } from 'drizzle-orm'
import { check, date, index, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { projects, type ProjectId } from './projects'
import { catalogueColumns, catalogueConstraints, searchDocument } from './catalogue'
import { tsvector } from './types-search'
import { idKey, textList, ts, type Brand } from './types'

export type PracticeId = Brand<string, 'PracticeId'>

/** draft → submitted → published, or returned (with the secretariat's comment) → submitted again; withdrawn. */
export const practiceStatuses = ['draft', 'submitted', 'returned', 'published', 'withdrawn'] as const
export type PracticeStatus = (typeof practiceStatuses)[number]
export const practiceStatus = pgEnum('practice_status', practiceStatuses)

/** A practice of the knowledge platform: what an organisation did, what came of it and what it learned. */
export const practices = pgTable(
  'practices',
  {
    id: idKey<PracticeId>(),
    ...catalogueColumns(),
    /** The closed project whose final report it was drawn from, if any. */
    projectId: uuid('project_id')
      .references(() => projects.id, { onDelete: 'set null' })
      .$type<ProjectId>(),
    status: practiceStatus('status').notNull().default('draft'),
    whatWasDone: text('what_was_done').notNull().default(''),
    results: text('results').notNull().default(''),
    lessons: text('lessons').notNull().default(''),
    principles: textList('principles'),
    periodStart: date('period_start'),
    periodEnd: date('period_end'),
    links: textList('links'),
    /** What the secretariat asked for when it last returned the practice; private to the submitter and the secretariat. */
    reviewComment: text('review_comment'),
    search: tsvector('search').generatedAlwaysAs(
      (): SQL =>
        searchDocument(practices.title, practices.summary, sql`${practices.whatWasDone} || ' ' || ${practices.results} || ' ' || ${practices.lessons}`),
    ),
    submittedAt: ts('submitted_at'),
  },
  (t) => [
    ...catalogueConstraints('practices', t),
    index('practices_project_idx').on(t.projectId),
    check('practices_texts_length', sql`length(${t.whatWasDone}) <= 20000 and length(${t.results}) <= 20000 and length(${t.lessons}) <= 20000`),
    // The Compact's capacity-building mechanism is organised by objective: every practice relates to one at least.
    check('practices_objectives_required', sql`cardinality(${t.objectives}) >= 1`),
    check('practices_objectives_range', sql`${t.objectives} <@ array[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23]::smallint[]`),
    check('practices_principles_shape', sql`array_to_string(${t.principles}, ',') ~ '^([a-z_]+(,|$))*$'`),
    check('practices_countries_shape', sql`array_to_string(${t.countries}, ',') ~ '^([A-Z]{3}(,|$))*$'`),
    check('practices_regions_shape', sql`array_to_string(${t.regions}, ',') ~ '^([0-9]{3}(,|$))*$'`),
    check('practices_links_shape', sql`cardinality(${t.links}) <= 20 and array_to_string(${t.links}, ' ') ~ '^(https?://[^[:space:]]+( |$))*$'`),
    check('practices_period_order', sql`${t.periodStart} is null or ${t.periodEnd} is null or ${t.periodStart} <= ${t.periodEnd}`),
    check('practices_published_has_date', sql`${t.status} <> 'published' or ${t.publishedAt} is not null`),
    check('practices_returned_has_comment', sql`${t.status} <> 'returned' or ${t.reviewComment} is not null`),
    check('practices_review_comment_length', sql`length(${t.reviewComment}) <= 5000`),
  ],
)
