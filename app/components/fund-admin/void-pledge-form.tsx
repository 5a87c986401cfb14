import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useIsPending } from '~/utils/use-is-pending'
import { useTranslation } from '~/utils/i18n-react'
import { FormErrors, TextareaField } from '~/components/forms'
import { VoidPledgeSchema } from '~/domain/fund/schemas'
import { useSchemaForm } from '~/components/use-schema-form'

/** Voids a pledge recorded by mistake or in bad faith, saying why; only while no money has arrived against it. */
export function VoidPledgeForm({ pledgeId, lastResult }: { pledgeId: string; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation()
  const busy = useIsPending({ intent: 'void', fields: { contributionId: pledgeId } })
  const [form, fields] = useSchemaForm<{ reason: string }>(VoidPledgeSchema, { id: `void-${pledgeId}`, lastResult })
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-3 border-t border-slate-100 pt-3">
      <input type="hidden" name="intent" value="void" />
      <input type="hidden" name="contributionId" value={pledgeId} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextareaField meta={fields.reason} label={t('fundAdmin.pledges.void.reason')} hint={t('fundAdmin.pledges.void.hint')} rows={2} />
      <button type="submit" className="btn-danger" disabled={busy}>
        {t('fundAdmin.pledges.void.submit')}
      </button>
    </Form>
  )
}
