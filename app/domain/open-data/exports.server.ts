import type { Db } from '~/utils/db.server'
import { listingFilters, parseProjectFilters } from '../projects/listing.server'
import { projectSummaries, type ProjectSummary } from '../projects/portfolio.server'
import { apiIssues, invalidParameters, type ApiAnswer } from '../catalogue/api.server'
import { browse } from '../catalogue/browse.server'
import { parseBrowseParams, practiceQuery, type BrowseQuery } from '../catalogue/filters'
import { listings, practiceAccount, type PublicItem, type PublicPractice } from '../catalogue/items.server'
import type { Listing } from '../catalogue/params'

/**
 * Everything a filtered list holds, for the CSV downloads: the same parameters as the pages and the JSON API,
 * without paging (a download holds every match, read from the database a batch at a time).
 */

const BATCH = 500
/** A bound on one download, far above what the Hub holds; the JSON API pages through anything larger. */
export const MAX_EXPORT_ROWS = 50_000

const withoutPaging = (params: URLSearchParams) => {
  const copy = new URLSearchParams(params)
  copy.delete('page')
  copy.delete('pageSize')
  return copy
}

export type Export<T> = { ok: true; rows: T[] } | { ok: false; problem: ApiAnswer }

async function allRows<L extends Listing>(db: Db, query: BrowseQuery & { listing: L }) {
  const rows: PublicItem<L>[] = []
  for (let page = 1; rows.length < MAX_EXPORT_ROWS; page++) {
    const result = await browse<PublicItem<L>>(db, { ...query, page, pageSize: BATCH }, { detail: listings[query.listing].listsDetail })
    rows.push(...result.items)
    if (result.items.length < BATCH || rows.length >= result.total) break
  }
  return rows
}

export async function exportListing<L extends Listing>(db: Db, listing: L, params: URLSearchParams): Promise<Export<PublicItem<L>>> {
  const parsed = parseBrowseParams(withoutPaging(params), listing, { api: true })
  if (!parsed.success) return { ok: false, problem: invalidParameters(apiIssues(parsed.problems)) }
  return { ok: true, rows: await allRows(db, { ...parsed.query, listing }) }
}

export async function exportProjects(db: Db, params: URLSearchParams): Promise<Export<ProjectSummary>> {
  const parsed = parseProjectFilters(withoutPaging(params), { api: true })
  if (!parsed.success) return { ok: false, problem: invalidParameters(apiIssues(parsed.problems)) }
  const rows: ProjectSummary[] = []
  for (let page = 1; rows.length < MAX_EXPORT_ROWS; page++) {
    const { items, total } = await projectSummaries(db, { ...listingFilters({ ...parsed.filters, page }, BATCH), publishedOnly: true })
    rows.push(...items)
    if (items.length < BATCH || rows.length >= total) break
  }
  return { ok: true, rows }
}

/** A published practice as one flat row of an export (CSV): codes as lists, no personal data. */
export interface PracticeExportRow
  extends Pick<
    PublicPractice,
    'id' | 'title' | 'summary' | 'whatWasDone' | 'results' | 'lessons' | 'objectives' | 'principles' | 'countries' | 'regions' | 'periodStart' | 'periodEnd' | 'links'
  > {
  organizationName: string
  organizationType: PublicPractice['organization']['type']
  organizationCountry: string | null
  /** Set only when the project's page is public. */
  projectId: string | null
  publishedAt: string
}

const practiceRow = ({ organization, project, publishedAt, ...p }: PublicPractice): PracticeExportRow => ({
  id: p.id,
  title: p.title,
  summary: p.summary,
  ...practiceAccount(p),
  organizationName: organization.name,
  organizationType: organization.type,
  organizationCountry: organization.country,
  projectId: project?.id ?? null,
  publishedAt: new Date(publishedAt).toISOString(),
})

export async function exportPractices(db: Db, params: URLSearchParams): Promise<Export<PracticeExportRow>> {
  const found = await exportListing(db, 'practices', params)
  return found.ok ? { ok: true, rows: found.rows.map(practiceRow) } : found
}

/** Every published practice matching the filters of /practices, newest first unless sorted. */
export const publishedPracticesForExport = async (db: Db, filters: Parameters<typeof practiceQuery>[0] = {}) =>
  (await allRows(db, practiceQuery(filters) as BrowseQuery & { listing: 'practices' })).map(practiceRow)
