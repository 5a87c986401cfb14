import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useIsPending } from '~/utils/use-is-pending'
import { useTranslation } from '~/utils/i18n-react'
import { DateField, FormErrors, TextField } from '~/components/forms'
import { PledgeReceiptSchema } from '~/domain/fund/schemas'
import { AmountField } from './amount-field'
import { useSchemaForm } from '~/components/use-schema-form'

/** The secretariat records a bank transfer that arrived against one pledge (partial transfers add up). */
export function ReceiptForm({ pledgeId, currency, outstanding, lastResult }: { pledgeId: string; currency: string; outstanding: string; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation()
  const busy = useIsPending({ intent: 'receipt', fields: { contributionId: pledgeId } })
  const [form, fields] = useSchemaForm<{ receivedOn: string; amount: string; usdAmount: string; reference: string }>(PledgeReceiptSchema, { id: `receipt-${pledgeId}`, lastResult })
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-3 border-t border-slate-100 pt-3">
      <input type="hidden" name="intent" value="receipt" />
      <input type="hidden" name="contributionId" value={pledgeId} />
      <h4 className="text-sm font-semibold">{t('fundAdmin.pledges.form.legend')}</h4>
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="grid gap-3 sm:grid-cols-2">
        <DateField meta={fields.receivedOn} label={t('fundAdmin.pledges.form.receivedOn')} />
        <TextField meta={fields.reference} label={t('fundAdmin.pledges.form.reference')} />
        <AmountField meta={fields.amount} label={t('fundAdmin.pledges.form.amount', { currency })} hint={t('fundAdmin.pledges.form.amountHint', { amount: outstanding })} />
        <AmountField meta={fields.usdAmount} label={t('fundAdmin.pledges.form.usdAmount')} hint={t('fundAdmin.pledges.form.usdHint')} />
      </div>
      <button type="submit" className="btn-primary" disabled={busy}>
        {t('fundAdmin.pledges.form.submit')}
      </button>
    </Form>
  )
}
