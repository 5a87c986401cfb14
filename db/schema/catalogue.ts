import { sql, type SQL } from 'drizzle-orm'
import { check, index, smallint, text, uniqueIndex, uuid, type ExtraConfigColumn } from 'drizzle-orm/pg-core'
import { users } from './accounts'
import { supportTypes } from './enums'
import { organizations } from './organizations'
import { createdAt, textList, ts, type OrganizationId, type UserId } from './types'

/*
 * What the catalogue's tables (requests, offers, practices) have alike: who wrote the item, its texts and their
 * language, where it applies, and the indexes and checks on those columns, each named after its table.
 */

/**
 * Weighted search document in any of the six languages: title (A), summary (B), description (C), each through
 * hub_search_text (accents, Cyrillic case, Arabic variants, Chinese as character pairs: migration 0011).
 */
export const searchDocument = (title: SQL | unknown, summary: unknown, description: unknown) =>
  sql`setweight(to_tsvector('simple', hub_search_text(coalesce(${title}, ''))), 'A')
    || setweight(to_tsvector('simple', hub_search_text(coalesce(${summary}, ''))), 'B')
    || setweight(to_tsvector('simple', hub_search_text(coalesce(${description}, ''))), 'C')`

/** The language a text is written in (ISO 639-1), so pages can mark it and search can read it right. */
export const contentLanguage = () => text('language').notNull().default('en')
export const contentLanguageCheck = (name: string, column: unknown) => check(`${name}_language_shape`, sql`${column} ~ '^[a-z]{2}$'`)

/** The columns every catalogue item has, besides its id, status, own texts and search document. */
export const catalogueColumns = () => ({
  key: text('key'),
  organizationId: uuid('organization_id')
    .notNull()
    .references(() => organizations.id)
    .$type<OrganizationId>(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }).$type<UserId>(),
  title: text('title').notNull(),
  summary: text('summary').notNull(),
  language: contentLanguage(),
  objectives: smallint('objectives').array().notNull(),
  countries: textList('countries'),
  /** M49 regions of what the item covers, kept for filtering. */
  regions: textList('regions'),
  publishedAt: ts('published_at'),
  createdAt: createdAt(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
})

type Column = ExtraConfigColumn

/** The indexes and checks on the catalogue columns, plus a GIN index on each of `arrays` (besides objectives, countries, regions). */
export const catalogueConstraints = (
  name: string,
  t: { key: Column; organizationId: Column; createdAt: Column; status: Column; publishedAt: Column; id: Column; search: Column; objectives: Column; countries: Column; regions: Column; title: Column; summary: Column; language: Column },
  arrays: Column[] = [],
) => [
  uniqueIndex(`${name}_key_key`).on(t.key),
  index(`${name}_organization_idx`).on(t.organizationId, t.createdAt),
  index(`${name}_status_published_idx`).on(t.status, t.publishedAt.desc(), t.id),
  index(`${name}_search_idx`).using('gin', t.search),
  ...[t.objectives, t.countries, t.regions, ...arrays].map((column) => index(`${name}_${column.name}_idx`).using('gin', column)),
  check(`${name}_title_length`, sql`length(${t.title}) between 5 and 200`),
  check(`${name}_summary_length`, sql`length(${t.summary}) between 10 and 1000`),
  contentLanguageCheck(name, t.language),
]

const supportTypeList = sql.raw(`array[${supportTypes.map((s) => `'${s}'`).join(',')}]::text[]`)

/** Checks shared by requests and offers: their description, primary objective and code arrays. */
export const matchableChecks = (
  name: string,
  t: { description: unknown; primaryObjective: unknown; objectives: unknown; actions: unknown; supportTypes: unknown; languages: unknown; countries: unknown; regions: unknown },
) => [
  check(`${name}_description_length`, sql`length(${t.description}) <= 20000`),
  check(`${name}_primary_in_objectives`, sql`${t.primaryObjective} = any(${t.objectives})`),
  check(`${name}_objectives_range`, sql`${t.objectives} <@ array[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23]::smallint[]`),
  check(`${name}_actions_shape`, sql`array_to_string(${t.actions}, ',') ~ '^([0-9]{1,2}\\.[a-z](,|$))*$'`),
  check(`${name}_support_types_known`, sql`${t.supportTypes} <@ ${supportTypeList}`),
  check(`${name}_languages_shape`, sql`array_to_string(${t.languages}, ',') ~ '^([a-z]{2}(,|$))*$'`),
  check(`${name}_countries_shape`, sql`array_to_string(${t.countries}, ',') ~ '^([A-Z]{3}(,|$))*$'`),
  check(`${name}_regions_shape`, sql`array_to_string(${t.regions}, ',') ~ '^([0-9]{3}(,|$))*$'`),
]
