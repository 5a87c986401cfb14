import { getInputProps, type SubmissionResult } from '@conform-to/react'
import { useTranslation } from '~/utils/i18n-react'
import { offerKinds } from '#db/schema/enum-values'
import type { OfferFormValues } from '~/domain/offers/form-values'
import { OfferSchema } from '~/domain/offers/schemas'
import type { VocabularyOptions } from '~/domain/vocabulary/options.server'
import { CheckboxGroup, FormSection, MultiSelect } from '../choice-fields'
import { ContentLanguageField, CurrencyField, DateField, SelectField, TextareaField, TextField } from '../forms'
import { AlignmentFields } from './alignment-fields'
import { EditorForm, EditorPage, useEditorForm, type CatalogueFormProps } from './editor'
import { urls } from '~/utils/urls'

/** What the offer editor starts from: a new offer for an organisation, or the stored one. */
export type OfferEditorStart = { org: { name: string; type: string } } | { id: string; values: OfferFormValues }

/** The page that writes an offer, new (saved as a draft or published at once) or edited. */
export function OfferEditor({ start, options, lastResult }: { start: OfferEditorStart; options: VocabularyOptions; lastResult?: SubmissionResult<string[]> | null }) {
  const { t, i18n } = useTranslation()
  if ('org' in start) {
    const kind = start.org.type === 'philanthropy' ? 'financing' : 'expertise'
    return (
      <EditorPage back={{ to: urls.dashboard(), label: t('dashboard.title') }} title={t('offers.newTitle')} lead={t('offers.newLead', { organization: start.org.name })}>
        <OfferForm
          id="new-offer"
          options={options}
          lastResult={lastResult}
          defaultValue={{ kind, languages: [i18n.language], language: i18n.language }}
          submitLabel={t('offers.publishNow')}
          saveDraftLabel={t('offers.saveDraft')}
        />
      </EditorPage>
    )
  }
  return (
    <EditorPage back={{ to: urls.offer(start.id), label: start.values.title ?? '' }} title={t('offers.editTitle')}>
      <OfferForm id="edit-offer" options={options} lastResult={lastResult} defaultValue={start.values} submitLabel={t('offers.saveChanges')} />
    </EditorPage>
  )
}

function OfferForm({ options, submitLabel, saveDraftLabel, ...setup }: CatalogueFormProps<OfferFormValues>) {
  const { t } = useTranslation()
  const [form, fields] = useEditorForm<OfferFormValues>(OfferSchema, setup)
  const invalid = Object.values(fields).some((f) => f.errors?.length)
  return (
    <EditorForm form={form} alert={invalid ? t('validation.formErrors') : null} primary={{ intent: 'publish', label: submitLabel }} saveLabel={saveDraftLabel}>
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
        <AlignmentFields
          fields={fields}
          objectives={options.objectives}
          labels={{ primary: t('offers.fields.primaryObjective'), others: t('offers.fields.otherObjectives'), actions: t('offers.fields.actions') }}
        />
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
    </EditorForm>
  )
}
