import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useIsPending } from '~/utils/use-is-pending'
import { useTranslation } from '~/utils/i18n-react'
import { FormErrors, TextareaField } from '~/components/forms'
import { ReverseAllocationSchema } from '~/domain/fund/schemas'
import { useSchemaForm } from '~/components/use-schema-form'

/** Takes back what an allocation has not disbursed, saying why. */
export function ReverseForm({ allocationId, remainder, lastResult }: { allocationId: string; remainder: string; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation()
  const busy = useIsPending({ intent: 'reverse', fields: { allocationId } })
  const [form, fields] = useSchemaForm<{ reason: string }>(ReverseAllocationSchema, { id: `reverse-${allocationId}`, lastResult })
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-3 border-t border-slate-100 pt-3">
      <input type="hidden" name="intent" value="reverse" />
      <input type="hidden" name="allocationId" value={allocationId} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextareaField meta={fields.reason} label={t('fundAdmin.allocations.reverse.reason')} hint={t('fundAdmin.allocations.reverse.hint', { amount: remainder })} rows={2} />
      <button type="submit" className="btn-danger" disabled={busy}>
        {t('fundAdmin.allocations.reverse.submit')}
      </button>
    </Form>
  )
}
