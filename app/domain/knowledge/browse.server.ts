import { sql, type SQL } from 'drizzle-orm'
import type { OrganizationType } from '#db/schema/enums'
import type { Db } from '~/utils/db.server'
import { practiceQuery, type PracticeFacet, type PracticeFilterParams, type PracticeQuery } from './filters'

/**
 * Search and facets over published practices, in one statement, as for requests and offers
 * (app/domain/search/browse.server.ts): the matching rows are collected once through the GIN indexes, then
 * counted, paged (every order ends with the id, so pages never overlap) and broken down by objective, country
 * and region. The fields are listed one by one, so a column added to the table (its author, the secretariat's
 * comment) stays private until it is added here.
 */

export interface PublicPracticeCard {
  id: string
  title: string
  summary: string
  language: string
  objectives: number[]
  countries: string[]
  regions: string[]
  periodStart: string | null
  periodEnd: string | null
  publishedAt: string
  organization: { name: string; type: OrganizationType; country: string | null }
}

export interface PublicPractice extends PublicPracticeCard {
  whatWasDone: string
  results: string
  lessons: string
  principles: string[]
  links: string[]
  /** The project it was drawn from, when that project's page is public. */
  project: { id: string; title: string } | null
}

export type PracticeFacetCounts = Partial<Record<PracticeFacet, Record<string, number>>>

const cardFields = sql`'id', t.id, 'title', t.title, 'summary', t.summary, 'language', t.language, 'objectives', t.objectives, 'countries', t.countries,
  'regions', t.regions, 'periodStart', t.period_start, 'periodEnd', t.period_end, 'publishedAt', t.published_at,
  'organization', json_build_object('name', o.name, 'type', o.type, 'country', o.country)`
const fullFields = sql`${cardFields}, 'whatWasDone', t.what_was_done, 'results', t.results, 'lessons', t.lessons,
  'principles', t.principles, 'links', t.links,
  'project', case when pr.published_at is not null then json_build_object('id', pr.id, 'title', pr.title) end`

/**
 * The reader's words as a prefix query, tokenised and unaccented by the functions that built the search
 * document; each lexeme is quoted, so nothing typed is read as query syntax (as in search/browse.server.ts).
 */
const prefixQuery = (text: string) => sql`(
  select string_agg('''' || replace(replace(lexeme, '\\', '\\\\'), '''', '''''') || ''':*', ' & ')::tsquery
  from unnest(to_tsvector('simple', hub_search_text(${text}))))`

const ordering = (sort: PracticeQuery['sort'], alias: 'm' | 'p') => {
  const a = sql.raw(alias)
  if (sort === 'relevance') return sql`${a}.rank desc, ${a}.published_at desc, ${a}.id`
  return sort === 'newest' ? sql`${a}.published_at desc, ${a}.id` : sql`${a}.published_at asc, ${a}.id desc`
}

function practiceStatement(query: PracticeQuery, options: { facets: boolean; full: boolean }) {
  const searching = query.q !== ''
  const where: SQL[] = [sql`t.status = 'published'`]
  if (query.objective.length) where.push(sql`t.objectives @> ${sql.param(query.objective)}::smallint[]`)
  if (query.country.length) where.push(sql`t.countries @> ${sql.param(query.country)}::text[]`)
  if (query.region.length) where.push(sql`t.regions @> ${sql.param(query.region)}::text[]`)
  if (searching) where.push(sql`t.search @@ q.query`)
  const facet = (name: PracticeFacet, column: string) => sql`select ${name}, v::text, count(*)::int from (select unnest(m.${sql.raw(column)}) v from matched m) a group by v`
  const facets = options.facets
    ? sql`(select coalesce(json_agg(json_build_array(f.dimension, f.value, f.n)), '[]') from (
        ${facet('objective', 'objectives')} union all ${facet('country', 'countries')} union all ${facet('region', 'regions')}
      ) f(dimension, value, n))`
    : sql`'[]'::json`
  return sql`
    with q as (select ${searching ? prefixQuery(query.q) : sql`null::tsquery`} as query),
    matched as materialized (
      select t.id, t.published_at, t.objectives, t.countries, t.regions,
        ${query.sort === 'relevance' ? sql`ts_rank(t.search, q.query)` : sql`0::real`} as rank
      from practices t, q
      where ${sql.join(where, sql` and `)}
    )
    select
      (select count(*)::int from matched) as total,
      (select coalesce(json_agg(json_build_object(${options.full ? fullFields : cardFields}) order by ${ordering(query.sort, 'p')}), '[]') from (
        select m.id, m.rank, m.published_at from matched m order by ${ordering(query.sort, 'm')}
        limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}
      ) p join practices t on t.id = p.id join organizations o on o.id = t.organization_id left join projects pr on pr.id = t.project_id) as items,
      ${facets} as facets`
}

type Row<Item> = { total: number; items: Item[]; facets: [PracticeFacet, string, number][] }

export interface PracticeBrowseResult<Item> {
  total: number
  items: Item[]
  facets: PracticeFacetCounts
}

/** A page of published practices; with `full`, each with all its public text (the API). */
export async function browsePractices<Full extends boolean = false>(
  db: Db,
  query: PracticeQuery,
  options: { facets?: boolean; full?: Full } = {},
): Promise<PracticeBrowseResult<Full extends true ? PublicPractice : PublicPracticeCard>> {
  const [row] = await db.execute<Row<Full extends true ? PublicPractice : PublicPracticeCard>>(
    practiceStatement(query, { facets: options.facets ?? false, full: options.full ?? false }),
  )
  const facets: PracticeFacetCounts = {}
  for (const [dimension, value, n] of row?.facets ?? []) (facets[dimension] ??= {})[value] = n
  return { total: row?.total ?? 0, items: row?.items ?? [], facets }
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** One published practice with all its public text; null when it does not exist or is not published. */
export async function publishedPractice(db: Db, id: string): Promise<PublicPractice | null> {
  if (!uuid.test(id)) return null
  const [row] = await db.execute<{ item: PublicPractice }>(sql`
    select json_build_object(${fullFields}) as item
    from practices t join organizations o on o.id = t.organization_id left join projects pr on pr.id = t.project_id
    where t.id = ${id} and t.status = 'published'`)
  return row?.item ?? null
}

/** The newest published practices relating to an objective, with how many there are in all. */
export const practicesUnderObjective = (db: Db, objective: number, limit: number) =>
  browsePractices(db, { ...practiceQuery({ objective: [String(objective)] }), pageSize: limit })

export const MAX_EXPORT_ROWS = 10_000

/** A published practice as one flat row of an export (CSV): codes as lists, no personal data. */
export interface PracticeExportRow {
  id: string
  title: string
  summary: string
  whatWasDone: string
  results: string
  lessons: string
  objectives: number[]
  principles: string[]
  countries: string[]
  regions: string[]
  periodStart: string | null
  periodEnd: string | null
  links: string[]
  organizationName: string
  organizationType: OrganizationType
  organizationCountry: string | null
  /** Set only when the project's page is public. */
  projectId: string | null
  publishedAt: string
}

/** Every published practice matching the filters of /practices (page and page size ignored), newest first unless sorted. */
export async function publishedPracticesForExport(db: Db, filters: Partial<PracticeFilterParams> = {}): Promise<PracticeExportRow[]> {
  const query = { ...practiceQuery(filters), page: 1, pageSize: MAX_EXPORT_ROWS }
  const { items } = await browsePractices(db, query, { full: true })
  return items.map((p) => ({
    id: p.id,
    title: p.title,
    summary: p.summary,
    whatWasDone: p.whatWasDone,
    results: p.results,
    lessons: p.lessons,
    objectives: p.objectives,
    principles: p.principles,
    countries: p.countries,
    regions: p.regions,
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    links: p.links,
    organizationName: p.organization.name,
    organizationType: p.organization.type,
    organizationCountry: p.organization.country,
    projectId: p.project?.id ?? null,
    publishedAt: new Date(p.publishedAt).toISOString(),
  }))
}
