import { getFormProps, getInputProps, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useIsPending } from '~/utils/use-is-pending'
import { useTranslation } from '~/utils/i18n-react'
import { useFormatDate } from '~/components/date-time'
import { ErrorList, FormErrors, SelectField, TextareaField } from '~/components/forms'
import { formatMoney } from '~/components/money'
import { AllocationFormSchema, type AllocationFormValues } from './allocation-form-schema'
import { AmountField } from './amount-field'
import { poolName, type PoolView } from './pool-name'
import { useSchemaForm } from '~/components/use-schema-form'
import { urls } from '~/utils/urls'

export interface OpenMilestone {
  id: string
  title: string
  dueDate: string
}

/** Step 2 of allocating: the pool (only those the project may draw from), the amount, and a tranche per open milestone. */
export function AllocationForm({ projectId, pools, milestones, lastResult }: { projectId: string; pools: PoolView[]; milestones: OpenMilestone[]; lastResult?: SubmissionResult<string[]> }) {
  const { t, i18n } = useTranslation()
  const formatDate = useFormatDate()
  // It posts to the allocation page (with its project) from wherever it is shown.
  const action = urls.secretariatAllocate({ project: projectId })
  const busy = useIsPending({ formAction: action })
  const defaultValue: AllocationFormValues = {
    projectId,
    pool: [...pools].sort((a, b) => b.balance - a.balance)[0]?.account ?? '',
    amountUsd: '',
    note: '',
    tranches: milestones.map((m) => ({ milestoneId: m.id, amountUsd: '' })),
  }
  // The schema's output (numbers) differs from the form's strings; only its errors matter here.
  const [form, fields] = useSchemaForm<AllocationFormValues>(AllocationFormSchema, { id: `allocate-${projectId}`, lastResult, defaultValue })
  const rows = fields.tranches.getFieldList()
  const poolOptions = pools.map((p) => ({
    value: p.account,
    label: t(p.kind === 'unallocated' ? 'fundAdmin.allocate.poolOption' : 'fundAdmin.allocate.poolOptionEarmarked', { name: poolName(t, p), balance: formatMoney(i18n.language, p.balance, 'USD') }),
  }))
  return (
    <Form method="post" action={action} {...getFormProps(form)} className="space-y-5">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input {...getInputProps(fields.projectId, { type: 'hidden' })} key={fields.projectId.key} />
      <ErrorList errors={fields.projectId.errors} />
      <SelectField meta={fields.pool} label={t('fundAdmin.allocate.pool')} hint={t('fundAdmin.allocate.poolHint')} options={poolOptions} />
      <AmountField meta={fields.amountUsd} label={t('fundAdmin.allocate.amount')} className="max-w-xs" />
      <TextareaField meta={fields.note} label={t('fundAdmin.allocate.note')} rows={2} />
      <fieldset className="space-y-3" aria-describedby={`${fields.tranches.id}-hint${fields.tranches.errors?.length ? ` ${fields.tranches.id}-error` : ''}`}>
        <legend className="text-base font-semibold">{t('fundAdmin.allocate.tranchesTitle')}</legend>
        <p id={`${fields.tranches.id}-hint`} className="hint">
          {milestones.length ? t('fundAdmin.allocate.tranchesHint') : t('fundAdmin.allocate.noMilestones')}
        </p>
        <ErrorList id={`${fields.tranches.id}-error`} errors={fields.tranches.errors} />
        {rows.map((row, i) => {
          const tranche = row.getFieldset()
          const milestone = milestones[i]
          if (!milestone) return null
          return (
            <div key={row.key} className="max-w-md">
              <input {...getInputProps(tranche.milestoneId, { type: 'hidden' })} key={tranche.milestoneId.key} />
              <AmountField meta={tranche.amountUsd} label={t('fundAdmin.allocate.trancheLabel', { title: milestone.title })} hint={t('fundAdmin.allocate.due', { date: formatDate(milestone.dueDate) })} required={false} />
            </div>
          )
        })}
      </fieldset>
      <button type="submit" className="btn-primary" disabled={busy}>
        {t('fundAdmin.allocate.submit')}
      </button>
    </Form>
  )
}
