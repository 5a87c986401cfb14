import { stringify } from 'csv-stringify/sync'
import type { PracticeExportRow } from './exports.server'
import type { ProjectSummary } from '../projects/portfolio.server'
import type { PublicOffer, PublicRequest } from '../catalogue/items.server'
import { iatiActivityStatus } from '../projects/lifecycle'
import { currencyExponent } from '../vocabulary/codes'
import { absoluteUrl, urls } from '~/utils/urls'

/**
 * The CSV downloads: one row per item, the same public fields as the JSON API, flattened. Lists are joined
 * with ";", money is a decimal in major units written exactly, dates are ISO 8601. The columns are declared
 * here once; the route writes them and /developers lists them.
 */

type Cell = string | number | boolean | null | undefined
export interface CsvColumn<T> {
  name: string
  value: (row: T, origin: string) => Cell
}

const list = (values: readonly (string | number)[]) => values.join(';')

/** Minor units as a decimal string in major units ("1234.50"), exactly, without floating point. */
export function decimalAmount(minor: number, currency: string) {
  const exponent = currencyExponent(currency)
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0')
  const whole = exponent ? `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}` : digits
  return minor < 0 ? `-${whole}` : whole
}

/** A spreadsheet runs a cell that starts like a formula; such text is kept as text with a leading apostrophe. */
export const csvText = (value: string | null | undefined) => (value && /^[=+\-@\t\r]/.test(value) ? `'${value}` : (value ?? ''))

const itemColumns = <T extends PublicRequest | PublicOffer>(kind: 'requests' | 'offers'): CsvColumn<T>[] => [
  { name: 'id', value: (r) => r.id },
  { name: 'url', value: (r, origin) => absoluteUrl(origin, kind === 'requests' ? urls.request(r.id) : urls.offer(r.id)) },
  { name: 'title', value: (r) => csvText(r.title) },
  { name: 'summary', value: (r) => csvText(r.summary) },
  { name: 'status', value: (r) => r.status },
  { name: 'published_at', value: (r) => new Date(r.publishedAt).toISOString() },
  { name: 'organization', value: (r) => csvText(r.organization.name) },
  { name: 'organization_type', value: (r) => r.organization.type },
  { name: 'organization_country', value: (r) => r.organization.country },
  { name: 'countries', value: (r) => list(r.countries) },
  { name: 'regions', value: (r) => list(r.regions) },
  { name: 'primary_objective', value: (r) => r.primaryObjective },
  { name: 'objectives', value: (r) => list(r.objectives) },
  { name: 'actions', value: (r) => list(r.actions) },
  { name: 'support_types', value: (r) => list(r.supportTypes) },
  { name: 'languages', value: (r) => list(r.languages) },
]

export const requestColumns: CsvColumn<PublicRequest>[] = [
  ...itemColumns<PublicRequest>('requests'),
  { name: 'principles', value: (r) => list(r.principles) },
  { name: 'budget_amount', value: (r) => (r.budgetAmount !== null && r.budgetCurrency ? decimalAmount(r.budgetAmount, r.budgetCurrency) : null) },
  { name: 'budget_currency', value: (r) => r.budgetCurrency },
  { name: 'seeks_funding', value: (r) => r.seeksFunding },
  { name: 'start_date', value: (r) => r.startDate },
  { name: 'duration_months', value: (r) => r.durationMonths },
]

export const offerColumns: CsvColumn<PublicOffer>[] = [
  ...itemColumns<PublicOffer>('offers'),
  { name: 'kind', value: (r) => r.kind },
  { name: 'global', value: (r) => r.global },
  { name: 'served_regions', value: (r) => list(r.servedRegions) },
  { name: 'capacity_person_days', value: (r) => r.capacityPersonDays },
  { name: 'available_from', value: (r) => r.availableFrom },
  { name: 'available_until', value: (r) => r.availableUntil },
  { name: 'financing_min', value: (r) => (r.financingMin !== null && r.financingCurrency ? decimalAmount(r.financingMin, r.financingCurrency) : null) },
  { name: 'financing_max', value: (r) => (r.financingMax !== null && r.financingCurrency ? decimalAmount(r.financingMax, r.financingCurrency) : null) },
  { name: 'financing_currency', value: (r) => r.financingCurrency },
]

export const projectColumns: CsvColumn<ProjectSummary>[] = [
  { name: 'id', value: (r) => r.id },
  { name: 'url', value: (r, origin) => absoluteUrl(origin, urls.project(r.id)) },
  { name: 'title', value: (r) => csvText(r.title) },
  { name: 'summary', value: (r) => csvText(r.summary) },
  { name: 'status', value: (r) => r.status },
  { name: 'iati_status', value: (r) => iatiActivityStatus[r.status] },
  { name: 'published_at', value: (r) => r.publishedAt?.toISOString() },
  { name: 'state', value: (r) => csvText(r.state) },
  { name: 'implementing', value: (r) => csvText(list(r.partners.filter((p) => p.role === 'implementing').map((p) => p.name))) },
  { name: 'funding', value: (r) => csvText(list(r.partners.filter((p) => p.role === 'funding').map((p) => p.name))) },
  { name: 'objectives', value: (r) => list(r.objectives) },
  { name: 'countries', value: (r) => list(r.countries) },
  { name: 'start_date', value: (r) => r.startDate },
  { name: 'end_date', value: (r) => r.endDate },
  { name: 'budget_amount', value: (r) => decimalAmount(r.budgetAmount, r.budgetCurrency) },
  { name: 'budget_currency', value: (r) => r.budgetCurrency },
  { name: 'progress_percent', value: (r) => r.progress.percent },
  { name: 'milestones_done', value: (r) => r.progress.milestonesDone },
  { name: 'milestones_total', value: (r) => r.progress.milestonesTotal },
]

export const practiceColumns: CsvColumn<PracticeExportRow>[] = [
  { name: 'id', value: (r) => r.id },
  { name: 'url', value: (r, origin) => absoluteUrl(origin, urls.practice(r.id)) },
  { name: 'title', value: (r) => csvText(r.title) },
  { name: 'summary', value: (r) => csvText(r.summary) },
  { name: 'what_was_done', value: (r) => csvText(r.whatWasDone) },
  { name: 'results', value: (r) => csvText(r.results) },
  { name: 'lessons', value: (r) => csvText(r.lessons) },
  { name: 'objectives', value: (r) => list(r.objectives) },
  { name: 'principles', value: (r) => list(r.principles) },
  { name: 'countries', value: (r) => list(r.countries) },
  { name: 'regions', value: (r) => list(r.regions) },
  { name: 'period_start', value: (r) => r.periodStart },
  { name: 'period_end', value: (r) => r.periodEnd },
  { name: 'links', value: (r) => list(r.links) },
  { name: 'organization', value: (r) => csvText(r.organizationName) },
  { name: 'organization_type', value: (r) => r.organizationType },
  { name: 'organization_country', value: (r) => r.organizationCountry },
  { name: 'project_id', value: (r) => r.projectId },
  { name: 'published_at', value: (r) => r.publishedAt },
]

/** RFC 4180: a header row, CRLF between records, quotes around any field with a comma, quote or line break. */
export function toCsv<T>(columns: CsvColumn<T>[], rows: T[], origin: string) {
  const cell = (value: Cell) => (value === null || value === undefined ? '' : String(value))
  return stringify(
    rows.map((row) => columns.map((c) => cell(c.value(row, origin)))),
    { header: true, columns: columns.map((c) => c.name), record_delimiter: 'windows', quote_record_delimiter: true },
  )
}
