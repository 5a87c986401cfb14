import { useTranslation } from '~/utils/i18n-react'

/**
 * "Please correct the highlighted fields" when any field of the form has an error. It reads the form's
 * `allErrors` in the form's own component, which is also what makes Conform re-render the form (and the field
 * components below it) when a submit is refused on the client.
 */
export function InvalidSummary({ errors }: { errors: Record<string, string[] | undefined> }) {
  const { t } = useTranslation()
  const invalid = Object.entries(errors).some(([name, messages]) => name !== '' && messages?.length)
  return invalid ? (
    <p role="alert" className="text-sm font-medium text-red-800">
      {t('validation.formErrors')}
    </p>
  ) : null
}
