import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { offerKinds } from '#db/schema/enum-values'
import { OfferSchema } from '~/domain/offers/schemas'
import type { VocabularyOptions } from '~/domain/vocabulary/options.server'
import { ActionPicker, CheckboxGroup, FormSection, MultiSelect } from './choice-fields'
import { ContentLanguageField, CurrencyField, DateField, FormErrors, SelectField, TextareaField, TextField } from './forms'

export function OfferForm({
  id,
  options,
  lastResult,
  defaultValue,
  submitLabel,
  saveDraftLabel,
}: {
  id: string
  options: VocabularyOptions
  lastResult?: SubmissionResult<string[]> | null
  defaultValue?: OfferFormValues
  submitLabel: string
  saveDraftLabel?: string
}) {
  const { t } = useTranslation()
  const busy = useNavigation().state === 'submitting'
  const [form, fields] = useForm<OfferFormValues>({
    id,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(OfferSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    // The schema's output (numbers) differs from the form's strings; only its errors matter here.
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OfferSchema }) as never,
  })
  const objectiveOptions = options.objectives.map((o) => ({ value: String(o.number), label: `${o.number}. ${o.shortTitle}` }))
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-8">
      <FormErrors id={form.errorId} errors={form.errors} />
      {Object.values(fields).some((f) => f.errors?.length) ? (
        <p role="alert" className="text-sm text-red-800">
          {t('validation.formErrors')}
        </p>
      ) : null}
      <FormSection title={t('offers.form.about')}>
        <SelectField
          meta={fields.kind}
          label={t('offers.fields.kind')}
          hint={t('offers.hints.kind')}
          options={offerKinds.map((k) => ({ value: k, label: t(`offerKinds.${k}`) }))}
        />
        <TextField meta={fields.title} label={t('offers.fields.title')} />
        <TextareaField meta={fields.summary} label={t('offers.fields.summary')} rows={3} />
        <ContentLanguageField meta={fields.language} languages={options.languages} />
        <TextareaField meta={fields.description} label={t('offers.fields.description')} rows={8} />
      </FormSection>

      <FormSection title={t('offers.form.alignment')}>
        <SelectField meta={fields.primaryObjective} label={t('offers.fields.primaryObjective')} placeholder={t('requests.choose')} options={objectiveOptions} />
        <CheckboxGroup meta={fields.objectives} legend={t('offers.fields.otherObjectives')} options={objectiveOptions} />
        <ActionPicker meta={fields.actions} legend={t('offers.fields.actions')} hint={t('requests.hints.actions')} objectives={options.objectives} />
        <CheckboxGroup
          meta={fields.supportTypes}
          legend={t('offers.fields.supportTypes')}
          options={options.supportTypes.map((s) => ({ value: s, label: t(`supportTypes.${s}`) }))}
        />
        <CheckboxGroup meta={fields.languages} legend={t('offers.fields.languages')} columns={3} options={options.languages.map((l) => ({ value: l.code, label: l.name }))} />
      </FormSection>

      <FormSection title={t('offers.form.geography')}>
        <div className="flex items-start gap-2 text-sm">
          <input {...getInputProps(fields.global, { type: 'checkbox' })} className="mt-0.5 size-4 accent-brand-700" />
          <label htmlFor={fields.global.id}>{t('offers.fields.global')}</label>
        </div>
        <div className="grid gap-4 md:grid-cols-2">
          <MultiSelect meta={fields.regions} label={t('offers.fields.regions')} hint={t('offers.hints.countries')} options={options.regions.map((r) => ({ value: r.code, label: `${r.level > 1 ? '— ' : ''}${r.name}` }))} />
          <MultiSelect meta={fields.countries} label={t('offers.fields.countries')} hint={t('offers.hints.countries')} options={options.countries.map((c) => ({ value: c.code, label: c.name }))} />
        </div>
      </FormSection>

      <FormSection title={t('offers.form.capacity')}>
        <TextField meta={fields.capacityPersonDays} label={t('offers.fields.capacityPersonDays')} hint={t('offers.hints.capacity')} />
        <div className="grid gap-4 sm:grid-cols-2">
          <DateField meta={fields.availableFrom} label={t('offers.fields.availableFrom')} />
          <DateField meta={fields.availableUntil} label={t('offers.fields.availableUntil')} />
        </div>
      </FormSection>

      <FormSection title={t('offers.form.financing')}>
        <p className="hint">{t('offers.hints.financing')}</p>
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField meta={fields.financingMin} label={t('offers.fields.financingMin')} />
          <TextField meta={fields.financingMax} label={t('offers.fields.financingMax')} />
          <CurrencyField meta={fields.financingCurrency} label={t('offers.fields.financingCurrency')} currencies={options.currencies} />
        </div>
        <TextareaField meta={fields.conditions} label={t('offers.fields.conditions')} hint={t('offers.hints.conditions')} rows={3} />
      </FormSection>

      <div className="flex flex-wrap gap-3 border-t border-slate-200 pt-6">
        <button type="submit" name="intent" value="publish" className="btn-primary" disabled={busy}>
          {submitLabel}
        </button>
        {saveDraftLabel ? (
          <button type="submit" name="intent" value="save" className="btn-secondary" disabled={busy}>
            {saveDraftLabel}
          </button>
        ) : null}
      </div>
    </Form>
  )
}
