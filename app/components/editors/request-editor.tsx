import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { RequestSchema } from '~/domain/requests/schemas'
import type { VocabularyOptions } from '~/domain/vocabulary/options.server'
import { ActionPicker, CheckboxGroup, FormSection, MultiSelect } from './choice-fields'
import { ContentLanguageField, CurrencyField, DateField, FormErrors, SelectField, TextareaField, TextField } from './forms'

export function RequestForm({
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
  defaultValue?: RequestFormValues
  submitLabel: string
  saveDraftLabel?: string
}) {
  const { t } = useTranslation()
  const navigation = useNavigation()
  const [form, fields] = useForm<RequestFormValues>({
    id,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(RequestSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    // The schema's output (numbers, minor details) differs from the form's strings; only errors matter here.
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RequestSchema }) as never,
  })
  const busy = navigation.state === 'submitting'
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-8">
      <FormErrors id={form.errorId} errors={form.errors} />
      {form.errors?.length || Object.values(fields).some((f) => f.errors?.length) ? (
        <p role="alert" className="text-sm text-red-800">
          {t('validation.formErrors')}
        </p>
      ) : null}

      <FormSection title={t('requests.form.about')}>
        <TextField meta={fields.title} label={t('requests.fields.title')} hint={t('requests.hints.title')} />
        <TextareaField meta={fields.summary} label={t('requests.fields.summary')} hint={t('requests.hints.summary')} rows={3} />
        <TextareaField meta={fields.description} label={t('requests.fields.description')} hint={t('requests.hints.description')} rows={8} />
        <ContentLanguageField meta={fields.language} languages={options.languages} />
        <MultiSelect
          meta={fields.countries}
          label={t('requests.fields.countries')}
          hint={t('requests.hints.countries')}
          options={options.countries.map((c) => ({ value: c.code, label: c.name }))}
        />
      </FormSection>

      <FormSection title={t('requests.form.alignment')}>
        <SelectField
          meta={fields.primaryObjective}
          label={t('requests.fields.primaryObjective')}
          placeholder={t('requests.choose')}
          options={options.objectives.map((o) => ({ value: String(o.number), label: `${o.number}. ${o.shortTitle}` }))}
        />
        <CheckboxGroup
          meta={fields.objectives}
          legend={t('requests.fields.otherObjectives')}
          hint={t('requests.hints.otherObjectives')}
          options={options.objectives.map((o) => ({ value: String(o.number), label: `${o.number}. ${o.shortTitle}` }))}
        />
        <ActionPicker meta={fields.actions} legend={t('requests.fields.actions')} hint={t('requests.hints.actions')} objectives={options.objectives} />
        <CheckboxGroup
          meta={fields.principles}
          legend={t('requests.fields.principles')}
          options={options.principles.map((p) => ({ value: p.code, label: p.title }))}
        />
      </FormSection>

      <FormSection title={t('requests.form.support')}>
        <CheckboxGroup
          meta={fields.supportTypes}
          legend={t('requests.fields.supportTypes')}
          options={options.supportTypes.map((s) => ({ value: s, label: t(`supportTypes.${s}`) }))}
        />
        <CheckboxGroup
          meta={fields.languages}
          legend={t('requests.fields.languages')}
          hint={t('requests.hints.languages')}
          columns={3}
          options={options.languages.map((l) => ({ value: l.code, label: l.name }))}
        />
      </FormSection>

      <FormSection title={t('requests.form.budget')}>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField meta={fields.budgetAmount} label={t('requests.fields.budgetAmount')} hint={t('requests.hints.budgetAmount')} />
          <CurrencyField meta={fields.budgetCurrency} label={t('requests.fields.budgetCurrency')} currencies={options.currencies} />
        </div>
        <div className="flex items-start gap-2 text-sm">
          <input {...getInputProps(fields.seeksFunding, { type: 'checkbox' })} className="mt-0.5 size-4 accent-brand-700" />
          <label htmlFor={fields.seeksFunding.id}>{t('requests.fields.seeksFunding')}</label>
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <DateField meta={fields.startDate} label={t('requests.fields.startDate')} />
          <TextField meta={fields.durationMonths} label={t('requests.fields.durationMonths')} />
        </div>
      </FormSection>

      <FormSection title={t('requests.form.contact')}>
        <p className="hint">{t('requests.hints.contact')}</p>
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField meta={fields.contactName} label={t('requests.fields.contactName')} autoComplete="name" />
          <TextField meta={fields.contactEmail} label={t('requests.fields.contactEmail')} type="email" autoComplete="email" />
          <TextField meta={fields.contactPhone} label={t('requests.fields.contactPhone')} autoComplete="tel" />
        </div>
      </FormSection>

      <div className="flex flex-wrap gap-3 border-t border-slate-200 pt-6">
        <button type="submit" name="intent" value="submit" className="btn-primary" disabled={busy}>
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
