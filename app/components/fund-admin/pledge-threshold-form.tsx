import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useIsPending } from '~/utils/use-is-pending'
import { useTranslation } from '~/utils/i18n-react'
import { FormErrors } from '~/components/forms'
import { formatMoney } from '~/components/money'
import { PledgeThresholdSchema } from '~/domain/fund/schemas'
import { useSchemaForm } from '~/components/use-schema-form'
import { AmountField } from './amount-field'

/** The amount in USD above which a pledge must come from a verified donor organisation. */
export function PledgeThresholdForm({ thresholdUsd, lastResult }: { thresholdUsd: number; lastResult?: SubmissionResult<string[]> }) {
  const { t, i18n } = useTranslation()
  const busy = useIsPending({ intent: 'threshold' })
  const [form, fields] = useSchemaForm<{ thresholdUsd: string }>(PledgeThresholdSchema, { id: 'pledge-threshold', lastResult, defaultValue: { thresholdUsd: String(thresholdUsd / 100) } })
  return (
    <section aria-labelledby="threshold-title" className="card space-y-3">
      <h2 id="threshold-title" className="text-base">
        {t('fundAdmin.threshold.title')}
      </h2>
      <p className="text-sm text-slate-700">{t('fundAdmin.threshold.lead', { amount: formatMoney(i18n.language, thresholdUsd, 'USD') })}</p>
      <Form method="post" {...getFormProps(form)} className="flex flex-wrap items-end gap-3">
        <input type="hidden" name="intent" value="threshold" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <AmountField meta={fields.thresholdUsd} label={t('fundAdmin.threshold.amount')} />
        <button type="submit" className="btn-secondary" disabled={busy}>
          {t('fundAdmin.threshold.submit')}
        </button>
      </Form>
    </section>
  )
}
