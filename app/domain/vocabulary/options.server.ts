import { countryOptions, regionOptions } from '../geography/geography.server'
import { commonLanguages, languageName, supportTypes } from './codes'
import { actionsOf, listObjectives, listPrinciples } from './vocabulary.server'

/** Currencies offered first in money fields; any ISO 4217 code is accepted. */
export const commonCurrencies = ['USD', 'EUR', 'GBP', 'CHF', 'JPY', 'CAD', 'AUD', 'SEK', 'NOK', 'DKK'] as const

/** Everything a request or offer form offers to choose from, named in the reader's language. */
export function vocabularyOptions(language: string) {
  return {
    objectives: listObjectives(language).map(({ number, shortTitle }) => ({ number, shortTitle, actions: actionsOf(number, language) })),
    principles: listPrinciples(language),
    supportTypes: [...supportTypes],
    countries: countryOptions(language),
    regions: regionOptions(language),
    languages: commonLanguages.map((code) => ({ code, name: languageName(code, language) })),
    currencies: [...commonCurrencies],
  }
}

export type VocabularyOptions = ReturnType<typeof vocabularyOptions>
