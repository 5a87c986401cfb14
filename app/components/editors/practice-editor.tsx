import type { SubmissionResult } from '@conform-to/react'
import { useTranslation } from '~/utils/i18n-react'
import type { PracticeFormValues } from '~/domain/practices/form-values'
import { PracticeSchema } from '~/domain/practices/schemas'
import { CheckboxGroup, FormSection, MultiSelect } from '../choice-fields'
import { ContentLanguageField, DateField, TextareaField, TextField } from '../forms'
import { ReviewComment } from '../practices/practice-review'
import { EditorForm, EditorPage, useEditorForm } from './editor'
import { urls } from '~/utils/urls'

export interface PracticeEditorOptions {
  objectives: { number: number; shortTitle: string }[]
  principles: { code: string; title: string }[]
  countries: { code: string; name: string }[]
  languages: { code: string; name: string }[]
}

/** What the practice editor starts from: a new practice for an organisation, or the stored one and any comment on it. */
export type PracticeEditorStart = { org: { name: string; country: string | null } } | { id: string; values: PracticeFormValues; reviewComment: string | null }

/** The page that writes a practice, new or edited; both can save a draft or submit it for review. */
export function PracticeEditor({ start, options, lastResult }: { start: PracticeEditorStart; options: PracticeEditorOptions; lastResult?: SubmissionResult<string[]> | null }) {
  const { t, i18n } = useTranslation()
  if ('org' in start) {
    return (
      <EditorPage back={{ to: urls.practices(), label: t('practices.list.title') }} title={t('practices.new.title')} lead={t('practices.new.lead', { organization: start.org.name })}>
        <PracticeForm
          id="new-practice"
          options={options}
          lastResult={lastResult}
          defaultValue={{ countries: start.org.country ? [start.org.country] : [], language: i18n.language }}
          saveLabel={t('practices.form.saveDraft')}
        />
      </EditorPage>
    )
  }
  return (
    <EditorPage
      back={{ to: urls.practice(start.id), label: start.values.title ?? '' }}
      title={t('practices.edit.title')}
      notice={start.reviewComment ? <ReviewComment comment={start.reviewComment} /> : null}
    >
      <PracticeForm id="edit-practice" options={options} lastResult={lastResult} defaultValue={start.values} saveLabel={t('practices.form.saveChanges')} />
    </EditorPage>
  )
}

function PracticeForm({
  id,
  options,
  lastResult,
  defaultValue,
  saveLabel,
}: {
  id: string
  options: PracticeEditorOptions
  lastResult?: SubmissionResult<string[]> | null
  defaultValue?: PracticeFormValues
  saveLabel: string
}) {
  const { t } = useTranslation()
  const [form, fields] = useEditorForm<PracticeFormValues>(PracticeSchema, { id, lastResult, defaultValue })
  const objectives = options.objectives.map((o) => ({ value: String(o.number), label: `${o.number}. ${o.shortTitle}` }))
  return (
    <EditorForm
      form={form}
      alert={Object.keys(form.allErrors).length > 0 ? t('practices.form.formErrors') : null}
      primary={{ intent: 'submit', label: t('practices.form.saveAndSubmit') }}
      saveLabel={saveLabel}
    >
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
    </EditorForm>
  )
}
