import { supportTypes } from '#db/schema/enums'
import objectiveData from '#db/vocabulary/objectives.json' with { type: 'json' }
import principleData from '#db/vocabulary/principles.json' with { type: 'json' }

/** The committed GCM vocabulary as sets of codes, for validating input anywhere (forms, import, API). */
export const objectiveNumbers: ReadonlySet<number> = new Set(objectiveData.map((o) => o.number))
export const actionCodes: ReadonlySet<string> = new Set(objectiveData.flatMap((o) => o.actions.map((a) => a.code)))
export const principleCodes = principleData.map((p) => p.code)
export const principleCodeSet: ReadonlySet<string> = new Set(principleCodes)
export { supportTypes }

export const objectiveOfAction = (code: string) => Number(code.split('.')[0])

/** The languages people pick from first; any ISO 639-1 code is accepted. */
export const commonLanguages = ['en', 'fr', 'es', 'ar', 'ru', 'zh', 'pt', 'sw', 'bn', 'hi', 'ne', 'ur', 'id', 'tl', 'am', 'ha', 'tr', 'de', 'it'] as const

const languageNamesEn = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' })
/** A two-letter code that ICU can name is an ISO 639-1 language. */
export function isLanguageCode(code: string) {
  return /^[a-z]{2}$/.test(code) && languageNamesEn.of(code) !== undefined
}

export function languageName(code: string, inLanguage: string) {
  return new Intl.DisplayNames([inLanguage], { type: 'language', fallback: 'code' }).of(code) ?? code
}

const currencies: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'))
export const isCurrencyCode = (code: string) => currencies.has(code)

/** ISO 4217 minor units (USD 2, JPY 0, KWD 3), as ICU knows them. */
const exponents = new Map<string, number>()
export function currencyExponent(code: string) {
  let exponent = exponents.get(code)
  if (exponent === undefined) {
    exponent = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2
    exponents.set(code, exponent)
  }
  return exponent
}

/** Money is stored in integer minor units; people type major units. */
export const toMinorUnits = (amount: number, currency: string) => Math.round(amount * 10 ** currencyExponent(currency))
export const toMajorUnits = (minor: number, currency: string) => minor / 10 ** currencyExponent(currency)
