import type { FieldMetadata } from '@conform-to/react'
import { useTranslation } from '~/utils/i18n-react'
import type { VocabularyOptions } from '~/domain/vocabulary/options.server'
import { ActionPicker, CheckboxGroup } from '../choice-fields'
import { SelectField } from '../forms'

/** How a request or an offer aligns with the Compact: its primary objective, the others, and their actions. */
export function AlignmentFields({
  fields,
  objectives,
  labels,
}: {
  fields: { primaryObjective: FieldMetadata<string | undefined>; objectives: FieldMetadata<string[] | undefined>; actions: FieldMetadata<string[] | undefined> }
  objectives: VocabularyOptions['objectives']
  labels: { primary: string; others: string; othersHint?: string; actions: string }
}) {
  const { t } = useTranslation()
  const objectiveOptions = objectives.map((o) => ({ value: String(o.number), label: `${o.number}. ${o.shortTitle}` }))
  return (
    <>
      <SelectField meta={fields.primaryObjective} label={labels.primary} placeholder={t('requests.choose')} options={objectiveOptions} />
      <CheckboxGroup meta={fields.objectives} legend={labels.others} hint={labels.othersHint} options={objectiveOptions} />
      <ActionPicker meta={fields.actions} legend={labels.actions} hint={t('requests.hints.actions')} objectives={objectives} />
    </>
  )
}
