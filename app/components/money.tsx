import { useTranslation } from '~/utils/i18n-react'
import { toMajorUnits } from '~/domain/vocabulary/money'

/** Minor units and ISO 4217 code, formatted for the reader with the code spelled out (USD 150,000). */
export function formatMoney(language: string, minor: number, currency: string) {
  const format = new Intl.NumberFormat(language || 'en', { style: 'currency', currency, currencyDisplay: 'code', maximumFractionDigits: 0 })
  return format.format(toMajorUnits(minor, currency))
}

export function Money({ minor, currency }: { minor: number; currency: string }) {
  const { i18n } = useTranslation()
  // Isolated, so an amount keeps its own order inside a right-to-left sentence.
  return <bdi>{formatMoney(i18n.language, minor, currency)}</bdi>
}
