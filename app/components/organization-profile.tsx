import type { SubmissionResult } from '@conform-to/react'
import { useTranslation } from '~/utils/i18n-react'
import { ProfileSchema } from '~/domain/organizations/profile-schema'
import type { VocabularyOptions } from '~/domain/vocabulary/options.server'
import { CheckboxGroup, FormSection, MultiSelect } from './choice-fields'
import { TextField } from './forms'
import { EditorForm, useEditorForm } from './editors/editor'

export type ProfileFormValues = {
  objectives?: string[]
  countries?: string[]
  regions?: string[]
  supportTypes?: string[]
  languages?: string[]
  financingMin?: string
  financingMax?: string
}

/** What an organisation works on, in the words offers use; the matching service suggests requests from it. */
export function ProfileForm({
  options,
  lastResult,
  defaultValue,
}: {
  options: VocabularyOptions
  lastResult?: SubmissionResult<string[]> | null
  defaultValue?: ProfileFormValues
}) {
  const { t } = useTranslation()
  const [form, fields] = useEditorForm<ProfileFormValues>(ProfileSchema, { id: 'organization-profile', lastResult, defaultValue })
  const invalid = Object.values(fields).some((f) => f.errors?.length)
  return (
    <EditorForm form={form} alert={invalid ? t('validation.formErrors') : null} primary={{ intent: 'save', label: t('organizations.profile.save') }}>
      <FormSection title={t('organizations.profile.work')}>
        <CheckboxGroup
          meta={fields.objectives}
          legend={t('organizations.profile.objectives')}
          hint={t('organizations.profile.objectivesHint')}
          options={options.objectives.map((o) => ({ value: String(o.number), label: `${o.number}. ${o.shortTitle}` }))}
        />
        <CheckboxGroup meta={fields.supportTypes} legend={t('organizations.profile.supportTypes')} options={options.supportTypes.map((s) => ({ value: s, label: t(`supportTypes.${s}`) }))} />
        <CheckboxGroup meta={fields.languages} legend={t('organizations.profile.languages')} columns={3} options={options.languages.map((l) => ({ value: l.code, label: l.name }))} />
      </FormSection>
      <FormSection title={t('organizations.profile.geography')}>
        <div className="grid gap-4 md:grid-cols-2">
          <MultiSelect meta={fields.regions} label={t('organizations.profile.regions')} hint={t('organizations.profile.placesHint')} options={options.regions.map((r) => ({ value: r.code, label: `${r.level > 1 ? '— ' : ''}${r.name}` }))} />
          <MultiSelect meta={fields.countries} label={t('organizations.profile.countries')} hint={t('organizations.profile.placesHint')} options={options.countries.map((c) => ({ value: c.code, label: c.name }))} />
        </div>
      </FormSection>
      <FormSection title={t('organizations.profile.financing')}>
        <p className="hint">{t('organizations.profile.financingHint')}</p>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField meta={fields.financingMin} label={t('organizations.profile.financingMin')} />
          <TextField meta={fields.financingMax} label={t('organizations.profile.financingMax')} />
        </div>
      </FormSection>
    </EditorForm>
  )
}
