import { sql, type SQL } from 'drizzle-orm'
import { PgTransaction } from 'drizzle-orm/pg-core'
import { LRUCache } from 'lru-cache'
import type { Db } from '~/utils/db.server'
import { publicStatuses, type BrowseQuery } from './filters'
import { listings } from './items.server'
import { listingFacets, type FacetParam } from './params'

/**
 * Browse and search over public requests, offers or practices, in one statement: the rows matching every filter are
 * collected once (through the GIN indexes on the search document and the code arrays), then counted, paged
 * and broken down into facet counts. Status and kind are single-valued, so their counts ignore their own
 * selection (the reader sees what choosing another value would give); the array dimensions drill down.
 */

export type FacetCounts = Partial<Record<FacetParam, Record<string, number>>>

/**
 * The reader's words as a prefix query (`remit` finds `remittances`), tokenised and unaccented by the same
 * functions that built the search document. Each lexeme is quoted, so no character of the input is ever
 * read as query syntax; the text itself only travels as a bound parameter.
 */
const prefixQuery = (text: string) => sql`(
  select string_agg('''' || replace(replace(lexeme, '\\', '\\\\'), '''', '''''') || ''':*', ' & ')::tsquery
  from unnest(to_tsvector('simple', hub_search_text(${text}))))`

type ArrayParam = 'objective' | 'country' | 'region' | 'supportType' | 'language'
const arrayColumns = (query: BrowseQuery) => Object.entries(listings[query.listing].arrays) as [ArrayParam, SQL][]

function arrayConditions(query: BrowseQuery): SQL[] {
  return arrayColumns(query)
    .filter(([param]) => query[param].length > 0)
    .map(([param, column]) => sql`t.${column} @> ${sql.param(query[param])}::${sql.raw(param === 'objective' ? 'smallint' : 'text')}[]`)
}

/** Every order ends with the id, so pages never overlap or skip rows that tie. */
const ordering = (sort: BrowseQuery['sort'], alias: 'm' | 'p' | 't' | 'u') => {
  const a = sql.raw(alias)
  // As the (status, published_at desc nulls last, id) index orders rows, forwards or backwards.
  if (sort === 'relevance') return sql`${a}.rank desc, ${a}.published_at desc nulls last, ${a}.id`
  return sort === 'newest' ? sql`${a}.published_at desc nulls last, ${a}.id` : sql`${a}.published_at asc nulls first, ${a}.id desc`
}

export interface BrowseOptions {
  /** Facet counts cost a pass over every match; the API and short lists do without. */
  facets?: boolean
  /** Each item with its detail (the practices' API and export), not only its card. */
  detail?: boolean
  /** Only these items, when they match: which of the new items a saved search would show (alerts). */
  ids?: readonly string[]
}

export interface BrowseResult<Item> {
  total: number
  items: Item[]
  facets: FacetCounts
}

function fieldsOf(query: BrowseQuery, options: BrowseOptions) {
  const listing = listings[query.listing]
  return options.detail ? sql`${listing.fields}, ${listing.detailFields}` : listing.fields
}

/** The one statement behind a page of results with search words or array filters. */
function filteredStatement(query: BrowseQuery, options: BrowseOptions) {
  const listing = listings[query.listing]
  const all = publicStatuses[query.listing]
  const searching = query.q !== ''
  const offers = query.listing === 'offers'

  const statusOk = query.status.length < all.length ? sql`t.status = any(${sql.param(query.status)}::${listing.statusType}[])` : sql`true`
  const kindOk = offers && query.kind.length ? sql`t.kind = any(${sql.param(query.kind)}::offer_kind[])` : sql`true`
  const where = [sql`t.status = any(${sql.param([...all])}::${listing.statusType}[])`, ...arrayConditions(query)]
  if (searching) where.push(sql`t.search @@ q.query`)
  if (options.ids) where.push(sql`t.id = any(${sql.param([...options.ids])}::uuid[])`)

  const selected = sql`m.status_ok and m.kind_ok`
  const arrays = arrayColumns(query)
  const arrayFacet = ([name, column]: [ArrayParam, SQL]) =>
    sql`select ${name}, v::text, count(*)::int from (select unnest(m.${column}) v from matched m where ${selected}) a group by v`
  const facets = options.facets
    ? sql`(select coalesce(json_agg(json_build_array(f.dimension, f.value, f.n)), '[]') from (
        ${sql.join(arrays.map(arrayFacet), sql`
        union all `)}
        ${listingFacets[query.listing].includes('status') ? sql`union all select 'status', m.status::text, count(*)::int from matched m where m.kind_ok group by m.status` : sql``}
        ${offers ? sql`union all select 'kind', m.kind::text, count(*)::int from matched m where m.status_ok group by m.kind` : sql``}
      ) f(dimension, value, n))`
    : sql`'[]'::json`

  return sql`
    with q as (select ${searching ? prefixQuery(query.q) : sql`null::tsquery`} as query),
    matched as materialized (
      select t.id, t.published_at, t.status, ${offers ? sql`t.kind,` : sql``}
        ${sql.join(arrays.map(([, column]) => sql`t.${column}`), sql`, `)},
        ${query.sort === 'relevance' ? sql`ts_rank(t.search, q.query)` : sql`0::real`} as rank,
        ${statusOk} as status_ok, ${kindOk} as kind_ok
      from ${listing.table} t, q
      where ${sql.join(where, sql` and `)}
    )
    select
      (select count(*)::int from matched m where m.status_ok and m.kind_ok) as total,
      (select coalesce(json_agg(json_build_object(${fieldsOf(query, options)}) order by ${ordering(query.sort, 'p')}), '[]') from (
        select m.id, m.rank, m.published_at from matched m
        where m.status_ok and m.kind_ok order by ${ordering(query.sort, 'm')}
        limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}
      ) p join ${listing.table} t on t.id = p.id join organizations o on o.id = t.organization_id${listing.joins}) as items,
      ${facets} as facets`
}

type Row<Item> = { total: number; items: Item[]; facets: [FacetParam, string, number][] }

const hasCriteria = (query: BrowseQuery) => query.q !== '' || arrayColumns(query).some(([param]) => query[param].length > 0)

/**
 * Without search words or array filters the page comes straight off the (status, published_at, id) index,
 * and the facet counts over everything public — the same for every visitor, and the costliest counts to
 * make — are reused for a short while. The total is always counted afresh.
 */
function unfilteredStatement(query: BrowseQuery, options: BrowseOptions) {
  const listing = listings[query.listing]
  const kind = query.listing === 'offers' && query.kind.length ? sql` and t.kind = any(${sql.param(query.kind)}::offer_kind[])` : sql``
  const offset = (query.page - 1) * query.pageSize
  // One index range per status, merged: the page costs its offset plus its size, however many rows there are.
  const perStatus = query.status.map(
    (status) => sql`(select t.id, t.published_at, 0 as rank from ${listing.table} t where t.status = ${status}::${listing.statusType}${kind}
      order by ${ordering(query.sort, 't')} limit ${offset + query.pageSize})`,
  )
  return sql`select
    (select count(*)::int from ${listing.table} t where t.status = any(${sql.param(query.status)}::${listing.statusType}[])${kind}) as total,
    (select coalesce(json_agg(json_build_object(${fieldsOf(query, options)}) order by ${ordering(query.sort, 'p')}), '[]') from (
      select u.* from (${sql.join(perStatus, sql` union all `)}) u
      order by ${ordering(query.sort, 'u')} limit ${query.pageSize} offset ${offset}
    ) p join ${listing.table} t on t.id = p.id join organizations o on o.id = t.organization_id${listing.joins}) as items`
}

/** The statement behind a page of results (exported so tests can EXPLAIN it). */
export const browseStatement = (query: BrowseQuery, options: BrowseOptions = {}) =>
  hasCriteria(query) || options.ids ? filteredStatement(query, options) : unfilteredStatement(query, options)

function facetCounts(rows: Row<unknown>['facets'] | undefined): FacetCounts {
  const counts: FacetCounts = {}
  for (const [dimension, value, n] of rows ?? []) (counts[dimension] ??= {})[value] = n
  return counts
}

type Page<Item> = Omit<BrowseResult<Item>, 'facets'>

/**
 * Pages of results and facet counts, kept under the catalogue's data version: catalogue_state, which deferred
 * triggers renew whenever a transaction that changed a listed table commits (migration 0016). Each reader reads
 * the version first and is given what was computed under it, running nothing else. What is kept was computed
 * after its version was read, so it is never older than its version, and once anything changes no reader sees
 * that version again: a kept page is exactly what the reader's own statement would find. Kept per database (a
 * process may open more than one), bounded in size; readers of a value still being computed share it. Callers
 * must not change what they are given.
 */
interface Kept<T> {
  version: string
  value: Promise<T>
  /** The kept value's size in bytes, once it has arrived. */
  size?: number
}
const MAX_KEPT_BYTES = 32 * 1024 * 1024
const keptFor = new WeakMap<Db, { pages: LRUCache<string, Kept<Page<unknown>>>; facets: LRUCache<string, Kept<FacetCounts>> }>()
const kept = (db: Db) => {
  let caches = keptFor.get(db)
  if (!caches) {
    caches = {
      pages: new LRUCache<string, Kept<Page<unknown>>>({ maxSize: MAX_KEPT_BYTES, sizeCalculation: (entry) => entry.size ?? 1 }),
      facets: new LRUCache<string, Kept<FacetCounts>>({ max: 1000 }),
    }
    keptFor.set(db, caches)
  }
  return caches
}

/** The value kept under `version`, or the one `compute` makes, kept for the next reader of that version. */
function keptOr<T>(cache: LRUCache<string, Kept<T>>, key: string, version: string, compute: () => Promise<T>, size?: (value: T) => number) {
  const entry = cache.get(key)
  if (entry?.version === version) return entry.value
  const made: Kept<T> = { version, value: compute() }
  cache.set(key, made)
  made.value.then(
    (value) => {
      if (!size || cache.get(key) !== made) return
      made.size = size(value)
      cache.set(key, made) // counted again, with its size
    },
    () => {
      if (cache.get(key) === made) cache.delete(key)
    },
  )
  return made.value
}

const catalogueVersion = async (db: Db) =>
  (await db.execute<{ version: string }>(sql`select version::text from catalogue_state`))[0]?.version ?? 'none'

/** What decides the facet counts: every filter and the words, not the order or the page. */
const filterKey = (query: BrowseQuery) => JSON.stringify([query.listing, query.q, query.status, query.kind, arrayColumns(query).map(([param]) => query[param])])

async function computeBrowse<Item>(db: Db, query: BrowseQuery, options: BrowseOptions): Promise<BrowseResult<Item>> {
  if (!hasCriteria(query) && !options.ids) {
    const [[row], facets] = await Promise.all([
      db.execute<Row<Item>>(unfilteredStatement(query, options)),
      options.facets ? countAll(db, query) : {},
    ])
    return { total: row?.total ?? 0, items: row?.items ?? [], facets }
  }
  const [row] = await db.execute<Row<Item>>(filteredStatement(query, options))
  return { total: row?.total ?? 0, items: row?.items ?? [], facets: facetCounts(row?.facets) }
}

/** The facet counts of a whole listing (no words, no array filter): a pass over every public row. */
const countAll = (db: Db, query: BrowseQuery) =>
  db.execute<Row<unknown>>(filteredStatement({ ...query, page: 1, pageSize: 0 }, { facets: true })).then(([row]) => facetCounts(row?.facets))

/**
 * A page of public results, with facet counts when asked. Pages with facets (what readers browse) are kept under
 * the catalogue's version (above); inside a transaction nothing is kept or reused, since its own changes are not
 * yet in the version.
 */
export async function browse<Item = Record<string, unknown>>(db: Db, query: BrowseQuery, options: BrowseOptions = {}): Promise<BrowseResult<Item>> {
  if (!options.facets || options.ids || db instanceof PgTransaction) return computeBrowse<Item>(db, query, options)
  const version = await catalogueVersion(db)
  const { pages, facets } = kept(db)
  const pageKey = JSON.stringify([query, options.detail ?? false])
  const facetsKey = filterKey(query)
  const facetsKept = facets.get(facetsKey)?.version === version
  // One statement gives the page and, unless they are kept, the counts; each is kept for the next reader.
  let computed: Promise<BrowseResult<Item>> | undefined
  const compute = () => (computed ??= computeBrowse<Item>(db, query, { ...options, facets: !facetsKept }))
  const [page, counts] = await Promise.all([
    keptOr(pages, pageKey, version, () => compute().then(({ total, items }) => ({ total, items })), (p) => JSON.stringify(p.items).length),
    keptOr(facets, facetsKey, version, () => compute().then((r) => r.facets)),
  ])
  return { ...(page as Page<Item>), facets: counts }
}
