import { useTranslation } from '~/utils/i18n-react'

/** Formatted in UTC so the server and the browser render the same text. */
export function formatDateTime(language: string, value: string | Date, dateOnly = false) {
  const date = typeof value === 'string' ? new Date(value) : value
  const text = new Intl.DateTimeFormat(language || 'en', {
    dateStyle: 'medium',
    ...(dateOnly ? {} : { timeStyle: 'short' }),
    timeZone: 'UTC',
  }).format(date)
  return dateOnly ? text : `${text} UTC`
}

export function useFormatDate() {
  const { i18n } = useTranslation()
  return (value: string | Date, dateOnly = true) => formatDateTime(i18n.language, value, dateOnly)
}

/** A date (and time) in the reader's language. */
export function DateTime({ value, dateOnly = false }: { value: string | Date; dateOnly?: boolean }) {
  const { i18n } = useTranslation()
  const date = typeof value === 'string' ? new Date(value) : value
  return <time dateTime={date.toISOString()}>{formatDateTime(i18n.language, date, dateOnly)}</time>
}
