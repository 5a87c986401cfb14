import { supportTypes } from '#db/schema/enum-values'
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

export { currencyExponent, isCurrencyCode, toMajorUnits, toMinorUnits } from './money'
