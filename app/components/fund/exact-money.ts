import { formatMoney } from '~/components/money'
import { currencyExponent, toMajorUnits } from '~/domain/vocabulary/money'

/** Like formatMoney, but keeps the cents when there are any (a donor's own receipt: USD 76.20, not USD 76). */
export function formatExactMoney(language: string, minor: number, currency: string) {
  if (minor % 10 ** currencyExponent(currency) === 0) return formatMoney(language, minor, currency)
  const digits = currencyExponent(currency)
  return new Intl.NumberFormat(language || 'en', { style: 'currency', currency, currencyDisplay: 'code', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(toMajorUnits(minor, currency))
}
