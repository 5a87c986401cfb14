import { getFormProps, getInputProps, type FieldMetadata } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useIsPending } from '~/utils/use-is-pending'
import type { ReactNode } from 'react'
import { useTranslation } from '~/utils/i18n-react'
import { useFormatDate } from '~/components/date-time'
import { DateField, Described, describedBy, ErrorList, FormErrors, TextareaField } from '~/components/forms'
import { breakdownCells, ProgressUpdateFormSchema, type IndicatorForForm, type ProgressUpdateFormValues } from './progress-update-schema'
import { InvalidSummary } from './invalid-summary'
import type { Reply } from './reply'
import { dynamicKey } from '~/utils/i18n'
import { useSchemaForm } from '~/components/use-schema-form'

type Values = ProgressUpdateFormValues & { intent?: string }

/** A number box with its label, hint and errors tied together; empty means "not given". */
function NumberField({ meta, label, hint, step = 'any', min, max, narrow = false }: { meta: FieldMetadata<string>; label: string; hint?: ReactNode; step?: string; min?: number; max?: number; narrow?: boolean }) {
  const props = getInputProps(meta, { type: 'number', ariaAttributes: true })
  return (
    <div>
      <label htmlFor={meta.id} className="label">
        {label}
      </label>
      <input {...props} key={props.key} step={step} min={min} max={max} inputMode="decimal" className={`input mt-1 ${narrow ? 'max-w-xs' : ''}`} aria-describedby={describedBy(meta.id, hint, meta.errors)} />
      <Described id={meta.id} hint={hint} errors={meta.errors} />
    </div>
  )
}

/** One indicator of the results framework: its value at the end of the period and, per dimension, each category. */
function IndicatorFields({ indicator, meta }: { indicator: IndicatorForForm; meta: FieldMetadata<Values['values'][number]> }) {
  const { t } = useTranslation()
  const formatDate = useFormatDate()
  const fields = meta.getFieldset()
  const cellMetas = fields.breakdown.getFieldList()
  const cells = breakdownCells(indicator.disaggregation).map((cell, j) => ({ ...cell, meta: cellMetas[j] }))
  const hint = (
    <>
      {t('reporting.update.indicatorHint', { baseline: indicator.baseline, target: indicator.target, unit: indicator.unit })}
      {indicator.lastApproved ? ` ${t('reporting.update.lastApproved', { value: indicator.lastApproved.value, date: formatDate(indicator.lastApproved.periodEnd) })}` : null}
    </>
  )
  return (
    <fieldset className="space-y-4 rounded-md border border-slate-200 p-4">
      <legend className="px-1 text-sm font-semibold text-slate-900">
        {indicator.name} <span className="font-normal text-slate-600">· {t(dynamicKey(`projectTerms.levels.${indicator.level}`))}</span>
      </legend>
      <input type="hidden" name={fields.indicatorId.name} value={indicator.id} />
      <NumberField meta={fields.value} label={t('reporting.update.valueLabel', { unit: indicator.unit })} hint={hint} narrow />
      {indicator.disaggregation.map((dimension) => (
        <fieldset key={dimension}>
          <legend className="label">{t('reporting.update.byDimension', { dimension: t(dynamicKey(`projectTerms.dimensions.${dimension}`)).toLowerCase() })}</legend>
          <div className="mt-2 grid grid-cols-2 gap-3 sm:grid-cols-4">
            {cells
              .filter((cell) => cell.dimension === dimension && cell.meta)
              .map((cell) => {
                const cellFields = cell.meta!.getFieldset()
                return (
                  <div key={cell.category}>
                    <input type="hidden" name={cellFields.dimension.name} value={cell.dimension} />
                    <input type="hidden" name={cellFields.category.name} value={cell.category} />
                    <NumberField meta={cellFields.value} label={t(dynamicKey(`projectTerms.categories.${cell.category}`))} />
                  </div>
                )
              })}
          </div>
        </fieldset>
      ))}
    </fieldset>
  )
}

/** The implementer's progress update: the period, what happened, an estimate, and each indicator's value. */
export function ProgressUpdateForm({
  indicators,
  defaultValue,
  reply,
  nested = false,
}: {
  indicators: IndicatorForForm[]
  defaultValue: ProgressUpdateFormValues
  reply: Reply
  /** Inside a section that has its own h2: the indicators' heading is then an h3. */
  nested?: boolean
}) {
  const { t } = useTranslation()
  const busy = useIsPending({ intent: ['save', 'submit'], state: 'non-idle' })
  const [form, fields] = useSchemaForm<Values>(ProgressUpdateFormSchema, { id: 'progress-update', lastResult: reply, defaultValue })
  const valueMetas = fields.values.getFieldList()
  const Heading = nested ? 'h3' : 'h2'
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-8">
      <FormErrors id={form.errorId} errors={form.errors} />
        <InvalidSummary errors={form.allErrors} />
      <fieldset>
        <legend className="label">{t('reporting.update.period')}</legend>
        <div className="mt-2 grid gap-4 sm:grid-cols-2">
          <DateField meta={fields.periodStart} label={t('reporting.update.periodStart')} />
          <DateField meta={fields.periodEnd} label={t('reporting.update.periodEnd')} />
        </div>
      </fieldset>
      <TextareaField meta={fields.narrative} label={t('reporting.update.narrative')} hint={t('reporting.update.narrativeHint')} rows={8} />
      <NumberField meta={fields.estimatedPercent} label={t('reporting.update.estimate')} hint={t('reporting.update.estimateHint')} step="1" min={0} max={100} narrow />
      <section aria-labelledby="indicators-title" className="space-y-4">
        <div className="space-y-1">
          <Heading id="indicators-title" className={nested ? 'text-base font-semibold text-slate-900' : undefined}>{t('reporting.update.indicators')}</Heading>
          <p className="text-sm text-slate-700">{t('reporting.update.indicatorsLead')}</p>
          <p className="text-sm text-slate-700">{t('reporting.update.onlyApprovedCount')}</p>
        </div>
        <ErrorList errors={fields.values.errors} />
        {indicators.length === 0 ? <p className="text-sm text-slate-600">{t('reporting.update.noIndicators')}</p> : null}
        {indicators.map((indicator, i) => {
          const meta = valueMetas[i]
          return meta ? <IndicatorFields key={indicator.id} indicator={indicator} meta={meta} /> : null
        })}
      </section>
      <div className="space-y-3 border-t border-slate-100 pt-5">
        <p className="hint">{t('reporting.update.submitHint')}</p>
        <div className="flex flex-wrap gap-3">
          <button type="submit" name="intent" value="save" className="btn-secondary" disabled={busy}>
            {t('reporting.update.saveDraft')}
          </button>
          <button type="submit" name="intent" value="submit" className="btn-primary" disabled={busy}>
            {t('reporting.update.submit')}
          </button>
        </div>
      </div>
    </Form>
  )
}
