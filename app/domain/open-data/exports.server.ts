import type { Db } from '~/utils/db.server'
import { translator } from '~/utils/i18n.server'
import { publishedPracticesForExport, type PracticeExportRow } from '../knowledge/browse.server'
import { parsePracticeParams } from '../knowledge/filters'
import { listingFilters, parseProjectFilters } from '../projects/listing.server'
import { projectSummaries, type ProjectSummary } from '../projects/portfolio.server'
import { apiJson } from '../search/api.server'
import { browse } from '../search/browse.server'
import { parseBrowseParams } from '../search/filters'
import type { PublicOffer, PublicRequest } from '../search/items.server'
import type { Listing } from '../search/params'
import { problemMessages } from '../search/present.server'
import { dynamicKey } from '~/utils/i18n'

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

type Issue = { parameter: string; value: string | null; message: string }
const badParameters = (issues: Issue[]) =>
  apiJson({ error: `The query parameters are not valid: ${issues.map((i) => i.message).join(' ')}`, issues }, 400)

export type Export<T> = { ok: true; rows: T[] } | { ok: false; response: Response }

export async function exportListing<L extends Listing>(db: Db, listing: L, params: URLSearchParams): Promise<Export<L extends 'requests' ? PublicRequest : PublicOffer>> {
  type Item = L extends 'requests' ? PublicRequest : PublicOffer
  const parsed = parseBrowseParams(withoutPaging(params), listing, { api: true })
  if (!parsed.success) {
    const messages = problemMessages(translator('en'), parsed.problems)
    return { ok: false, response: badParameters(parsed.problems.map((p, i) => ({ parameter: p.parameter, value: p.value, message: messages[i] ?? p.message }))) }
  }
  const rows: Item[] = []
  for (let page = 1; rows.length < MAX_EXPORT_ROWS; page++) {
    const result = await browse<Item>(db, { ...parsed.query, page, pageSize: BATCH })
    rows.push(...result.items)
    if (result.items.length < BATCH || rows.length >= result.total) break
  }
  return { ok: true, rows }
}

export async function exportProjects(db: Db, params: URLSearchParams): Promise<Export<ProjectSummary>> {
  const parsed = parseProjectFilters(withoutPaging(params), { api: true })
  if (!parsed.success) {
    const t = translator('en')
    return { ok: false, response: badParameters(parsed.problems.map((p) => ({ parameter: p.parameter, value: p.value, message: t(dynamicKey(p.message), { value: p.value ?? '' }) }))) }
  }
  const rows: ProjectSummary[] = []
  for (let page = 1; rows.length < MAX_EXPORT_ROWS; page++) {
    const { items, total } = await projectSummaries(db, { ...listingFilters({ ...parsed.filters, page }, BATCH), publishedOnly: true })
    rows.push(...items)
    if (items.length < BATCH || rows.length >= total) break
  }
  return { ok: true, rows }
}

export async function exportPractices(db: Db, params: URLSearchParams): Promise<Export<PracticeExportRow>> {
  const parsed = parsePracticeParams(withoutPaging(params))
  if (!parsed.success) {
    const messages = problemMessages(translator('en'), parsed.problems)
    return { ok: false, response: badParameters(parsed.problems.map((p, i) => ({ parameter: p.parameter, value: p.value, message: messages[i] ?? p.message }))) }
  }
  const { q, sort, objective, country, region } = parsed.query
  return { ok: true, rows: await publishedPracticesForExport(db, { q, sort, objective: objective.map(String), country, region }) }
}
