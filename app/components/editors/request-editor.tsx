import { getInputProps, type SubmissionResult } from '@conform-to/react'
import { useTranslation } from '~/utils/i18n-react'
import type { RequestFormValues } from '~/domain/requests/form-values'
import { RequestSchema } from '~/domain/requests/schemas'
import type { VocabularyOptions } from '~/domain/vocabulary/options.server'
import { CheckboxGroup, FormSection, MultiSelect } from '../choice-fields'
import { ContentLanguageField, CurrencyField, DateField, TextareaField, TextField } from '../forms'
import { AlignmentFields } from './alignment-fields'
import { EditorForm, EditorPage, useEditorForm, type CatalogueFormProps } from './editor'
import { urls } from '~/utils/urls'

/** What the request editor starts from: a new request for an organisation, or the stored one. */
export type RequestEditorStart = { org: { name: string; country: string | null } } | { id: string; values: RequestFormValues }

/** The page that writes a request, new (saved as a draft or submitted for screening) or edited. */
export function RequestEditor({ start, options, lastResult }: { start: RequestEditorStart; options: VocabularyOptions; lastResult?: SubmissionResult<string[]> | null }) {
  const { t, i18n } = useTranslation()
  if ('org' in start) {
    return (
      <EditorPage back={{ to: urls.dashboard(), label: t('dashboard.title') }} title={t('requests.newTitle')} lead={t('requests.newLead', { organization: start.org.name })}>
        <RequestForm
          id="new-request"
          options={options}
          lastResult={lastResult}
          defaultValue={{ countries: start.org.country ? [start.org.country] : [], languages: [i18n.language], language: i18n.language }}
          submitLabel={t('requests.submitForScreening')}
          saveDraftLabel={t('requests.saveDraft')}
        />
      </EditorPage>
    )
  }
  return (
    <EditorPage back={{ to: urls.request(start.id), label: start.values.title ?? '' }} title={t('requests.editTitle')}>
      <RequestForm id="edit-request" options={options} lastResult={lastResult} defaultValue={start.values} submitLabel={t('requests.saveChanges')} />
    </EditorPage>
  )
}

function RequestForm({ options, submitLabel, saveDraftLabel, ...setup }: CatalogueFormProps<RequestFormValues>) {
  const { t } = useTranslation()
  const [form, fields] = useEditorForm<RequestFormValues>(RequestSchema, setup)
  const invalid = Boolean(form.errors?.length) || Object.values(fields).some((f) => f.errors?.length)
  return (
    <EditorForm form={form} alert={invalid ? t('validation.formErrors') : null} primary={{ intent: 'submit', label: submitLabel }} saveLabel={saveDraftLabel}>
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
        <AlignmentFields
          fields={fields}
          objectives={options.objectives}
          labels={{
            primary: t('requests.fields.primaryObjective'),
            others: t('requests.fields.otherObjectives'),
            othersHint: t('requests.hints.otherObjectives'),
            actions: t('requests.fields.actions'),
          }}
        />
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
    </EditorForm>
  )
}
