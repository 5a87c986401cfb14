import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { CheckboxGroup, FormSection, MultiSelect } from '~/components/choice-fields'
import { ContentLanguageField, DateField, FormErrors, TextareaField, TextField } from '~/components/forms'
import { PracticeSchema } from '~/domain/knowledge/schemas'

interface Options {
  objectives: { number: number; shortTitle: string }[]
  principles: { code: string; title: string }[]
  countries: { code: string; name: string }[]
  languages: { code: string; name: string }[]
}

/** The practice form, for a new practice and for editing one; both can save a draft or submit it for review. */
export function PracticeForm({ id, options, lastResult, defaultValue, saveLabel }: { id: string; options: Options; lastResult?: SubmissionResult<string[]> | null; defaultValue?: PracticeFormValues; saveLabel: string }) {
  const { t } = useTranslation()
  const busy = useNavigation().state === 'submitting'
  const [form, fields] = useForm<PracticeFormValues>({
    id,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(PracticeSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    // The schema's output (numbers, lists of links) differs from the form's strings; only errors matter here.
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PracticeSchema }) as never,
  })
  const objectives = options.objectives.map((o) => ({ value: String(o.number), label: `${o.number}. ${o.shortTitle}` }))
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-8">
      <FormErrors id={form.errorId} errors={form.errors} />
      {Object.keys(form.allErrors).length > 0 ? (
        <p role="alert" className="text-sm text-red-800">
          {t('practices.form.formErrors')}
        </p>
      ) : null}
      <FormSection title={t('practices.form.about')}>
        <TextField meta={fields.title} label={t('practices.fields.title')} hint={t('practices.hints.title')} />
        <TextareaField meta={fields.summary} label={t('practices.fields.summary')} hint={t('practices.hints.summary')} rows={3} />
        <ContentLanguageField meta={fields.language} languages={options.languages} />
      </FormSection>
      <FormSection title={t('practices.form.story')}>
        <TextareaField meta={fields.whatWasDone} label={t('practices.fields.whatWasDone')} hint={t('practices.hints.whatWasDone')} rows={6} />
        <TextareaField meta={fields.results} label={t('practices.fields.results')} hint={t('practices.hints.results')} rows={5} />
        <TextareaField meta={fields.lessons} label={t('practices.fields.lessons')} hint={t('practices.hints.lessons')} rows={5} />
      </FormSection>
      <FormSection title={t('practices.form.alignment')}>
        <CheckboxGroup meta={fields.objectives} legend={t('practices.fields.objectives')} hint={t('practices.hints.objectives')} options={objectives} />
        <CheckboxGroup meta={fields.principles} legend={t('practices.fields.principles')} options={options.principles.map((p) => ({ value: p.code, label: p.title }))} />
      </FormSection>
      <FormSection title={t('practices.form.placeAndTime')}>
        <MultiSelect meta={fields.countries} label={t('practices.fields.countries')} hint={t('practices.hints.countries')} options={options.countries.map((c) => ({ value: c.code, label: c.name }))} />
        <div className="grid gap-4 sm:grid-cols-2">
          <DateField meta={fields.periodStart} label={t('practices.fields.periodStart')} />
          <DateField meta={fields.periodEnd} label={t('practices.fields.periodEnd')} />
        </div>
        <TextareaField meta={fields.links} label={t('practices.fields.links')} hint={t('practices.hints.links')} rows={3} />
      </FormSection>
      <div className="flex flex-wrap gap-3 border-t border-slate-200 pt-6">
        <button type="submit" name="intent" value="submit" className="btn-primary" disabled={busy}>
          {t('practices.form.saveAndSubmit')}
        </button>
        <button type="submit" name="intent" value="save" className="btn-secondary" disabled={busy}>
          {saveLabel}
        </button>
      </div>
    </Form>
  )
}
