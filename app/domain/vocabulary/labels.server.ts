import { countryName, regionName } from '../geography/geography.server'
import { languageName, principleCodes } from './codes'
import { vocabularyIn } from './translations.server'

/** Human names for the codes a request or offer carries, in the reader's language. */
export function describeCodes(
  language: string,
  codes: { objectives: number[]; actions: string[]; principles?: string[]; countries: string[]; regions: string[]; languages: string[] },
) {
  const vocabulary = vocabularyIn(language)
  const chosenPrinciples = new Set(codes.principles ?? [])
  return {
    objectives: codes.objectives.map((n) => ({ number: n, title: vocabulary.objective(n)?.shortTitle ?? `Objective ${n}` })),
    actions: [...new Set(codes.actions)]
      .flatMap((code) => {
        const text = vocabulary.action(code)
        return text === undefined ? [] : [{ code, text }]
      })
      .sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true })),
    principles: principleCodes.filter((code) => chosenPrinciples.has(code)).map((code) => ({ code, title: vocabulary.principle(code)?.title ?? code })),
    countries: codes.countries.map((code) => ({ code, name: countryName(code, language) })),
    regions: codes.regions.map((code) => ({ code, name: regionName(code, language) })),
    languages: codes.languages.map((code) => ({ code, name: languageName(code, language) })),
  }
}
