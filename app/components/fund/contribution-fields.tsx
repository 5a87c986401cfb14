import { getInputProps, type FieldMetadata } from '@conform-to/react'
import { useTranslation } from '~/utils/i18n-react'
import { ErrorList, SelectField } from '~/components/forms'

export interface ContributionChoices {
  objectives: { number: number; shortTitle: string }[]
  projects: { id: string; title: string }[]
  organizations: { id: string; name: string }[]
  displayName: string
}

type Meta = FieldMetadata<string | undefined>

/**
 * Where the money goes: a radio group (the fund, one objective, one project) with the two choices it may need.
 * Both selects are always there, so the form works without JavaScript; the schema asks only for the one chosen.
 */
export function EarmarkFields({ earmark, objective, projectId, choices }: { earmark: Meta; objective: Meta; projectId: Meta; choices: ContributionChoices }) {
  const { t } = useTranslation()
  const chosen = String(earmark.initialValue ?? 'fund')
  const kinds = choices.projects.length ? (['fund', 'objective', 'project'] as const) : (['fund', 'objective'] as const)
  const hintId = `${earmark.id}-hint`
  return (
    <fieldset className="space-y-3" aria-describedby={[hintId, earmark.errors?.length ? `${earmark.id}-error` : null].filter(Boolean).join(' ')}>
      <legend className="label">{t('fundPages.form.earmark')}</legend>
      <p id={hintId} className="hint">
        {t('fundPages.form.earmarkHint')}
      </p>
      <div className="space-y-1.5">
        {kinds.map((kind) => (
          <div key={kind} className="flex items-center gap-2 text-sm">
            <input id={`${earmark.id}-${kind}`} type="radio" name={earmark.name} value={kind} defaultChecked={chosen === kind} className="size-4 accent-brand-700" />
            <label htmlFor={`${earmark.id}-${kind}`}>{t(`fundPages.form.earmarks.${kind}`)}</label>
          </div>
        ))}
      </div>
      <ErrorList id={`${earmark.id}-error`} errors={earmark.errors} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          meta={objective}
          label={t('fundPages.form.objective')}
          placeholder={t('fundPages.form.choose')}
          options={choices.objectives.map((o) => ({ value: String(o.number), label: `${o.number}. ${o.shortTitle}` }))}
        />
        {choices.projects.length ? (
          <SelectField meta={projectId} label={t('fundPages.form.project')} placeholder={t('fundPages.form.choose')} options={choices.projects.map((p) => ({ value: p.id, label: p.title }))} />
        ) : (
          <p className="hint self-end">{t('fundPages.form.noProjects')}</p>
        )}
      </div>
    </fieldset>
  )
}

/** Who gives (the person, or a verified organisation they act for) and whether the public pages may name them. */
export function DonorFields({ organizationId, anonymous, choices }: { organizationId: Meta; anonymous: FieldMetadata<boolean | undefined>; choices: ContributionChoices }) {
  const { t } = useTranslation()
  return (
    <div className="space-y-4">
      {choices.organizations.length ? (
        <SelectField
          meta={organizationId}
          label={t('fundPages.form.onBehalfOf')}
          hint={t('fundPages.form.onBehalfOfHint')}
          options={[{ value: '', label: t('fundPages.form.myself', { name: choices.displayName }) }, ...choices.organizations.map((o) => ({ value: o.id, label: o.name }))]}
        />
      ) : null}
      <div className="flex items-start gap-2 text-sm">
        <input {...getInputProps(anonymous, { type: 'checkbox' })} className="mt-0.5 size-4 accent-brand-700" aria-describedby={`${anonymous.id}-hint`} />
        <div>
          <label htmlFor={anonymous.id} className="font-medium">
            {t('fundPages.form.anonymous')}
          </label>
          <p id={`${anonymous.id}-hint`} className="hint">
            {t('fundPages.form.anonymousHint')}
          </p>
        </div>
      </div>
    </div>
  )
}
