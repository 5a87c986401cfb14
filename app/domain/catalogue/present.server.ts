import type { TFunction } from 'i18next'
import { offerKinds, supportTypes } from '#db/schema/enums'
import { countryName, regionName } from '../geography/geography.server'
import { currencyExponent, languageName } from '../vocabulary/codes'
import { objectiveTitleIn } from '../vocabulary/translations.server'
import type { FacetCounts } from './browse.server'
import { publicStatuses, type ParameterProblem } from './filters'
import type { PublicOffer, PublicPracticeCard, PublicRequest } from './items.server'
import { listingFacets, type BrowseState, type FacetParam, type Listing } from './params'
import { dynamicKey } from '~/utils/i18n'
import { urls } from '~/utils/urls'

/** Turns codes into what a reader understands, in the reader's language, on the server (so the browser renders the same text). */

/** An objective's short title in the reader's language. */
export const objectiveTitle = (n: number, language: string) => objectiveTitleIn(n, language)

export interface Labeller {
  t: TFunction
  locale: string
}

export function valueLabel({ t, locale }: Labeller, listing: Listing, param: FacetParam, value: string) {
  switch (param) {
    case 'objective':
      return `${value}. ${objectiveTitle(Number(value), locale)}`
    case 'country':
      return countryName(value, locale)
    case 'region':
      return regionName(value, locale)
    case 'language':
      return languageName(value, locale)
    case 'supportType':
      return t(dynamicKey(`supportTypes.${value}`))
    case 'status':
      return t(dynamicKey(listing === 'requests' ? `requestStatuses.${value}` : `offerStatuses.${value}`))
    case 'kind':
      return t(dynamicKey(`offerKinds.${value}`))
  }
}

export interface FacetValueView {
  value: string
  label: string
  count: number
  selected: boolean
  /** Chosen because nothing else was (active offers): it cannot be removed, only joined by others. */
  byDefault: boolean
}

export interface FacetView {
  param: FacetParam
  values: FacetValueView[]
}

/** A fixed order where the vocabulary has one; otherwise most results first. */
const fixedOrder: Partial<Record<FacetParam, (listing: Listing) => readonly string[]>> = {
  supportType: () => supportTypes,
  status: (listing) => publicStatuses[listing],
  kind: () => offerKinds,
}

/** `shownStatuses`: the statuses the results have, chosen or (for offers, `active`) by default. */
export function facetViews(labeller: Labeller, listing: Listing, counts: FacetCounts, state: BrowseState, shownStatuses: readonly string[]): FacetView[] {
  const collator = new Intl.Collator(labeller.locale)
  return listingFacets[listing].map((param) => {
    // Requests show every public status unless told otherwise: then no status is chosen.
    const chosen = param === 'status' && state.filters.status.length === 0 && listing === 'offers' ? shownStatuses : state.filters[param]
    const given = counts[param] ?? {}
    const codes = new Set([...Object.keys(given), ...chosen])
    const values = [...codes]
      .map((value) => ({
        value,
        label: valueLabel(labeller, listing, param, value),
        count: given[value] ?? 0,
        selected: chosen.includes(value),
        byDefault: !state.filters[param].includes(value) && chosen.includes(value),
      }))
      .filter((v) => v.count > 0 || v.selected)
    const order = fixedOrder[param]?.(listing)
    values.sort(
      order
        ? (a, b) => order.indexOf(a.value) - order.indexOf(b.value)
        : param === 'objective'
          ? (a, b) => Number(a.value) - Number(b.value)
          : (a, b) => b.count - a.count || collator.compare(a.label, b.label),
    )
    return { param, values }
  })
}

export interface ActiveFilter {
  param: FacetParam
  value: string
  label: string
}

export function activeFilters(labeller: Labeller, listing: Listing, state: BrowseState): ActiveFilter[] {
  return (Object.keys(state.filters) as FacetParam[]).flatMap((param) =>
    state.filters[param].map((value) => ({ param, value, label: valueLabel(labeller, listing, param, value) })),
  )
}

// Intl formatters are costly to build and cheap to reuse; a page formats dozens of dates and amounts.
const memo = <T>(make: (key: string) => T) => {
  const made = new Map<string, T>()
  return (key: string) => made.get(key) ?? made.set(key, make(key)).get(key)!
}
const exponentOf = memo(currencyExponent)
const moneyFormat = memo((key) => {
  const [locale, currency] = key.split('|') as [string, string]
  return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 })
})
const dateFormat = memo((locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }))
export const numberFormat = memo((locale) => new Intl.NumberFormat(locale))

/** Money is kept in minor units; people read major units. */
export const majorUnits = (minor: number, currency: string) => minor / 10 ** exponentOf(currency)

export const formatMoney = (locale: string, minor: number, currency: string) => moneyFormat(`${locale}|${currency}`).format(majorUnits(minor, currency))

function formatMoneyRange(locale: string, min: number, max: number, currency: string) {
  const format = moneyFormat(`${locale}|${currency}`)
  return min === max ? format.format(majorUnits(min, currency)) : format.formatRange(majorUnits(min, currency), majorUnits(max, currency))
}

export const formatDate = (locale: string, iso: string) => dateFormat(locale).format(new Date(iso))

export interface CardView {
  id: string
  href: string
  title: string
  summary: string
  language: string
  organization: string
  places: string[]
  objective: { number: number; title: string }
  supportTypes: string[]
  published: { iso: string; text: string }
  status: { code: string; label: string }
  kind: { code: string; label: string } | null
  money: string | null
}

function baseCard(labeller: Labeller, listing: 'requests' | 'offers', item: PublicRequest | PublicOffer) {
  const { t, locale } = labeller
  return {
    id: item.id,
    href: listing === 'requests' ? urls.request(item.id) : urls.offer(item.id),
    title: item.title,
    summary: item.summary,
    language: item.language,
    organization: item.organization.name,
    objective: { number: item.primaryObjective, title: objectiveTitle(item.primaryObjective, locale) },
    supportTypes: item.supportTypes.map((s) => t(dynamicKey(`supportTypes.${s}`))),
    published: { iso: item.publishedAt, text: formatDate(locale, item.publishedAt) },
    status: { code: item.status, label: valueLabel(labeller, listing, 'status', item.status) },
  }
}

export function requestCard(labeller: Labeller, item: PublicRequest): CardView {
  return {
    ...baseCard(labeller, 'requests', item),
    places: item.countries.map((c) => countryName(c, labeller.locale)),
    kind: null,
    money: item.budgetAmount !== null && item.budgetCurrency ? formatMoney(labeller.locale, item.budgetAmount, item.budgetCurrency) : null,
  }
}

export function offerCard(labeller: Labeller, item: PublicOffer): CardView {
  const { t, locale } = labeller
  const places = item.global
    ? [t('browse.card.worldwide')]
    : [...item.servedRegions.map((r) => regionName(r, locale)), ...item.countries.map((c) => countryName(c, locale))]
  return {
    ...baseCard(labeller, 'offers', item),
    places,
    kind: { code: item.kind, label: t(`offerKinds.${item.kind}`) },
    money:
      item.financingMin !== null && item.financingMax !== null && item.financingCurrency
        ? formatMoneyRange(locale, item.financingMin, item.financingMax, item.financingCurrency)
        : null,
  }
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
    href: urls.practice(item.id),
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

/** One sentence per problem, naming the parameter and the value, for the 400 page and the API. */
export function problemMessages(t: TFunction, problems: ParameterProblem[]) {
  return problems.map((p) => t(dynamicKey(p.message), { value: p.value ?? '', parameter: p.parameter, max: p.max ?? '' }))
}
