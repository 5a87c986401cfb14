import type { TFunction } from 'i18next'
import type { MatchFactor } from '#db/schema/matching'
import { dynamicKey } from '~/utils/i18n'
import { countryName, regionName } from '../geography/geography.server'
import { objectiveTitleIn } from '../vocabulary/translations.server'
import { toMajorUnits } from '../vocabulary/money'
import type { Money } from './features'

/**
 * The sentences that explain a suggestion, as translation keys under `matchReasons` with their values. The
 * values are stored, so they hold only codes and numbers (an objective's number, a country code, amounts in
 * minor units with their currency, a share); `reasonText` names and formats them in the reader's language.
 */
export type MatchReason = NonNullable<MatchFactor['reason']>
type Values = Record<string, string | number>
type Translate = TFunction

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
const percentFormat = perLanguage((language) => new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }))
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
/** Codes stored as one comma-separated value ("19,5"; older rows wrote "19, 5"). */
const codesOf = (value: string | number | undefined) => (value === undefined || value === '' ? [] : String(value).split(/,\s*/))

const reason = (key: string, values?: Values): MatchReason => ({ key: `matchReasons.${key}`, ...(values ? { values } : {}) })

const money = (prefix: 'budget' | 'min' | 'max', value: Money): Values => ({ [`${prefix}Amount`]: value.amount, [`${prefix}Currency`]: value.currency })

export const matchReason = {
  sharedPrimaryObjective: (number: number, others: number[]) =>
    others.length
      ? reason('sharedPrimaryObjectiveAndMore', { number, count: others.length, numbers: others.join(',') })
      : reason('sharedPrimaryObjective', { number }),
  sharedOtherObjectives: (shared: number[]) => reason('sharedOtherObjectives', { count: shared.length, number: shared[0]!, numbers: shared.join(',') }),
  sharedActions: (codes: string[]) => reason('sharedActions', { count: codes.length, actions: codes.join(',') }),
  sameCountry: (code: string) => reason('sameCountry', { countryCode: code }),
  subRegion: (code: string) => reason('subRegion', { regionCode: code }),
  region: (code: string) => reason('region', { regionCode: code }),
  globalOffer: () => reason('globalOffer'),
  supportTypes: (codes: string[]) => reason('supportTypes', { count: codes.length, supportTypes: codes.join(',') }),
  budgetWithinRange: (budget: Money, min: Money, max: Money) => reason('budgetWithinRange', { ...money('budget', budget), ...money('min', min), ...money('max', max) }),
  budgetBelowRange: (budget: Money, min: Money) => reason('budgetBelowRange', { ...money('budget', budget), ...money('min', min) }),
  budgetAboveRange: (budget: Money, max: Money) => reason('budgetAboveRange', { ...money('budget', budget), ...money('max', max) }),
  budgetOtherCurrency: (budget: Money, offerCurrency: string) => reason('budgetOtherCurrency', { ...money('budget', budget), offerCurrency }),
  noBudgetGiven: () => reason('noBudgetGiven'),
  noFundingSought: () => reason('noFundingSought'),
  fundsCommitted: () => reason('fundsCommitted'),
  availableThroughout: () => reason('availableThroughout'),
  availablePartly: (share: number) => reason('availablePartly', { share: Math.round(share * 100) / 100 }),
  similarText: () => reason('similarText'),
  trackRecord: (count: number) => reason('trackRecord', { count }),
}

/** The stored values named and formatted in `language`: objective titles, places, support types, money, shares. */
export function localizeReasonValues(values: Values, language: string, t: Translate): Values {
  const out: Values = { ...values }
  const format = numberFormat(language)
  if (typeof values.number === 'number') out.title = objectiveTitleIn(values.number, language)
  if (values.numbers !== undefined) out.numbers = listIn(codesOf(values.numbers).map((n) => format.format(Number(n))), language)
  if (values.actions !== undefined) out.actions = listIn(codesOf(values.actions), language)
  if (typeof values.countryCode === 'string') out.country = countryName(values.countryCode, language)
  if (typeof values.regionCode === 'string') out.region = regionName(values.regionCode, language)
  if (values.supportTypes !== undefined) {
    out.types = listIn(codesOf(values.supportTypes).map((c) => t(dynamicKey(`supportTypes.${c}`)).toLocaleLowerCase(language)), language)
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
  if (amounts.min && amounts.max) out.range = formatRange(amounts.min, amounts.max, language)
  // Older rows stored a whole percentage; newer ones the share.
  const share = typeof values.share === 'number' ? values.share : typeof values.percent === 'number' ? values.percent / 100 : undefined
  if (share !== undefined) out.percent = percentFormat(language).format(share)
  return out
}

/** The sentence a person reads for one reason, in the language of `t`. */
export function reasonText(reason: MatchReason, language: string, t: Translate) {
  return t(dynamicKey(reason.key), reason.values ? localizeReasonValues(reason.values, language, t) : {})
}

/** The reasons worth showing, strongest first: factors that contributed and have something to say. */
export function shownReasons(factors: readonly MatchFactor[]): MatchReason[] {
  return [...factors]
    .filter((f) => f.reason && f.contribution > 0)
    .sort((a, b) => b.contribution - a.contribution)
    .map((f) => f.reason!)
}

/** Every reason a suggestion carries, strongest first, as sentences in `language` (what the pages show). */
export function explainFactors(factors: readonly MatchFactor[], language: string, t: Translate): string[] {
  return [...factors]
    .filter((f) => f.reason)
    .sort((a, b) => b.contribution - a.contribution)
    .map((f) => reasonText(f.reason!, language, t))
}
