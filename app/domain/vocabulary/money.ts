/** Money is stored in integer minor units of its ISO 4217 currency; people read and type major units. */

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

export const toMinorUnits = (amount: number, currency: string) => Math.round(amount * 10 ** currencyExponent(currency))
export const toMajorUnits = (minor: number, currency: string) => minor / 10 ** currencyExponent(currency)
