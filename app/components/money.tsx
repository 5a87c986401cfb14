import { useTranslation } from 'react-i18next'

/** Minor units and ISO 4217 code, formatted for the reader (USD 150,000). */
export function formatMoney(language: string, minor: number, currency: string) {
  const format = new Intl.NumberFormat(language || 'en', { style: 'currency', currency, currencyDisplay: 'code', maximumFractionDigits: 0 })
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  return format.format(minor / 10 ** digits)
}

export function Money({ minor, currency }: { minor: number; currency: string }) {
  const { i18n } = useTranslation()
  return <>{formatMoney(i18n.language, minor, currency)}</>
}
