import type { TFunction } from 'i18next'
import type { Db } from '~/utils/db.server'
import { countryName, regionName } from '../geography/geography.server'
import { formatDate, numberFormat, objectiveTitle, problemMessages } from '../search/present.server'
import { PAGE_SIZE } from '../search/params'
import { browsePractices, type PracticeFacetCounts, type PublicPracticeCard } from './browse.server'
import { parsePracticeParams, practiceFacets, type PracticeFacet } from './filters'

/** What the pages of practices show, named in the reader's language on the server. */

export interface Labeller {
  t: TFunction
  locale: string
}

export function practiceValueLabel(locale: string, param: PracticeFacet, value: string) {
  if (param === 'objective') return `${value}. ${objectiveTitle(Number(value), locale)}`
  return param === 'country' ? countryName(value, locale) : regionName(value, locale)
}

export function periodText({ t, locale }: Labeller, start: string | null, end: string | null) {
  if (start && end) return t('practices.period.range', { start: formatDate(locale, start), end: formatDate(locale, end) })
  if (start) return t('practices.period.from', { start: formatDate(locale, start) })
  return end ? t('practices.period.until', { end: formatDate(locale, end) }) : null
}

/** One practice in a list: enough to decide whether to open it, and nothing personal. */
export function practiceCard(labeller: Labeller, item: PublicPracticeCard) {
  return {
    id: item.id,
    href: `/practices/${item.id}`,
    title: item.title,
    summary: item.summary,
    language: item.language,
    organization: item.organization.name,
    places: item.countries.map((c) => countryName(c, labeller.locale)),
    objectives: item.objectives.map((n) => ({ number: n, title: objectiveTitle(n, labeller.locale) })),
    period: periodText(labeller, item.periodStart, item.periodEnd),
    published: { iso: item.publishedAt, text: formatDate(labeller.locale, item.publishedAt) },
  }
}
export type PracticeCardView = ReturnType<typeof practiceCard>

function facetViews(locale: string, counts: PracticeFacetCounts, chosen: Record<PracticeFacet, string[]>) {
  const number = numberFormat(locale)
  const collator = new Intl.Collator(locale)
  return practiceFacets.map((param) => {
    const given = counts[param] ?? {}
    const values = [...new Set([...Object.keys(given), ...chosen[param]])].map((value) => ({
      value,
      label: practiceValueLabel(locale, param, value),
      count: given[value] ?? 0,
      countText: number.format(given[value] ?? 0),
      selected: chosen[param].includes(value),
    }))
    values.sort(param === 'objective' ? (a, b) => Number(a.value) - Number(b.value) : (a, b) => b.count - a.count || collator.compare(a.label, b.label))
    return { param, values: values.filter((v) => v.count > 0 || v.selected) }
  })
}

/** Everything /practices shows, or the sentences explaining why its address cannot be searched. */
export async function practicesPage(db: Db, searchParams: URLSearchParams, labeller: Labeller) {
  const parsed = parsePracticeParams(searchParams)
  if (!parsed.success) return { ok: false as const, problems: problemMessages(labeller.t, parsed.problems) }
  const { query, state } = parsed
  const result = await browsePractices(db, query, { facets: true })
  const number = numberFormat(labeller.locale)
  const from = (query.page - 1) * PAGE_SIZE + 1
  const cards = result.items.map((item) => practiceCard(labeller, item))
  return {
    ok: true as const,
    state,
    sort: query.sort,
    total: result.total,
    totalText: number.format(result.total),
    page: query.page,
    pageCount: Math.max(1, Math.ceil(result.total / PAGE_SIZE)),
    range: cards.length ? { from: number.format(from), to: number.format(from + cards.length - 1) } : null,
    cards,
    facets: facetViews(labeller.locale, result.facets, state.filters),
    active: practiceFacets.flatMap((param) => state.filters[param].map((value) => ({ param, value, label: practiceValueLabel(labeller.locale, param, value) }))),
  }
}
export type PracticesPageData = Extract<Awaited<ReturnType<typeof practicesPage>>, { ok: true }>
