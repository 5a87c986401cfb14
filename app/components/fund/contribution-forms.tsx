import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useIsPending } from '~/utils/use-is-pending'
import { useTranslation } from '~/utils/i18n-react'
import { CurrencyField, DateField, FormErrors, SelectField, TextareaField, TextField } from '~/components/forms'
import { CardContributionSchema, PledgeSchema } from '~/domain/fund/schemas'
import { useSchemaForm } from '~/components/use-schema-form'
import { DonorFields, EarmarkFields, type ContributionChoices } from './contribution-fields'

/** What the forms hold: text as typed. */
interface ContributionValues {
  intent: string
  token: string
  amount: string
  currency: string
  earmark: string
  objective: string
  projectId: string
  organizationId: string
  anonymous: boolean
  dueDate: string
  note: string
}

export interface FormDefaults {
  earmark?: string
  objective?: string
  projectId?: string
}

const useContributionForm = (id: string, schema: typeof CardContributionSchema | typeof PledgeSchema, lastResult: SubmissionResult<string[]> | null | undefined, defaultValue: Partial<ContributionValues>) =>
  useSchemaForm<ContributionValues>(schema, { id, lastResult, defaultValue })

/** Without JavaScript the page comes back at the top: say there is something to correct below. */
function FieldErrorsNotice({ fields }: { fields: { errors?: string[] }[] }) {
  const { t } = useTranslation()
  return fields.some((f) => f.errors?.length) ? (
    <p role="alert" className="text-sm font-medium text-red-800">
      {t('validation.formErrors')}
    </p>
  ) : null
}

/** The random token (idempotency key) the server made, or the one already submitted when the form comes back. */
const tokenOf = (lastResult: SubmissionResult<string[]> | null | undefined, fresh: string) => {
  const submitted = (lastResult?.initialValue as { token?: unknown } | undefined)?.token
  return typeof submitted === 'string' ? submitted : fresh
}

interface ContributionFormProps {
  choices: ContributionChoices
  currencies: readonly string[]
  token: string
  defaults: FormDefaults
  lastResult?: SubmissionResult<string[]> | null
}

/**
 * What a card contribution and a pledge share: amount, currency, earmark and donor. A card payment may only use
 * the currencies Stripe takes (a short list); a pledge names any currency, with its own date and note after.
 */
function ContributionForm({
  id,
  intent,
  schema,
  submitLabel,
  choices,
  currencies,
  token,
  defaults,
  lastResult,
}: ContributionFormProps & { id: string; intent: 'card' | 'pledge'; schema: typeof CardContributionSchema | typeof PledgeSchema; submitLabel: string }) {
  const { t } = useTranslation()
  const busy = useIsPending({ intent })
  const [form, fields] = useContributionForm(id, schema, lastResult, { currency: 'USD', ...defaults })
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-6">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="token" value={tokenOf(lastResult, token)} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <FieldErrorsNotice fields={Object.values(fields)} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField meta={fields.amount} label={t('fundPages.form.amount')} hint={t('fundPages.form.amountHint')} />
        {intent === 'card' ? (
          <SelectField meta={fields.currency} label={t('fundPages.form.currency')} options={currencies.map((c) => ({ value: c, label: c }))} />
        ) : (
          <CurrencyField meta={fields.currency} label={t('fundPages.form.currency')} currencies={[...currencies]} />
        )}
      </div>
      <EarmarkFields earmark={fields.earmark} objective={fields.objective} projectId={fields.projectId} choices={choices} />
      <DonorFields organizationId={fields.organizationId} anonymous={fields.anonymous} choices={choices} />
      {intent === 'pledge' ? (
        <>
          <div className="grid gap-4 sm:grid-cols-2">
            <DateField meta={fields.dueDate} label={t('fundPages.form.dueDate')} />
          </div>
          <TextareaField meta={fields.note} label={t('fundPages.form.note')} hint={t('fundPages.form.noteHint')} rows={3} />
        </>
      ) : null}
      <button type="submit" className="btn-primary" disabled={busy}>
        {submitLabel}
      </button>
    </Form>
  )
}

export function CardContributionForm(props: ContributionFormProps) {
  const { t } = useTranslation()
  return <ContributionForm {...props} id="card-contribution" intent="card" schema={CardContributionSchema} submitLabel={t('fundPages.contribute.continue')} />
}

export function PledgeForm(props: ContributionFormProps) {
  const { t } = useTranslation()
  return <ContributionForm {...props} id="pledge-form" intent="pledge" schema={PledgeSchema} submitLabel={t('fundPages.contribute.recordPledge')} />
}
