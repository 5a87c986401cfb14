import { FormProvider, getFormProps, useField, useForm, type FieldMetadata, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useIsPending } from '~/utils/use-is-pending'
import { useTranslation } from '~/utils/i18n-react'
import { z } from 'zod'
import { ProjectSetupSchema } from '~/domain/projects/schemas'
import { FormSection } from '../../choice-fields'
import { CurrencyField, DateField, ErrorList, FormErrors, SelectField, TextareaField, TextField } from '../../forms'

/** Rows of budget sources the form offers; rows left blank are not sources. */
export const SOURCE_ROWS = 3
const sourceFields = ['label', 'amount', 'organizationId'] as const

/** Removes the fields of blank source rows, so a row left empty is no row at all (its place stays a gap). */
export function withoutBlankSources(formData: FormData) {
  for (let i = 0; i < SOURCE_ROWS; i++) {
    const names = sourceFields.map((f) => `sources[${i}].${f}`)
    if (names.every((n) => String(formData.get(n) ?? '').trim() === '')) names.forEach((n) => formData.delete(n))
  }
  return formData
}

const sourceRow = ProjectSetupSchema.shape.sources.unwrap().element

/**
 * ProjectSetupSchema, with the gaps of blank rows tolerated: each row is checked where it stands, so errors keep
 * the row numbers the person sees, and only valid rows reach the budget check.
 */
export const SetupFormSchema = ProjectSetupSchema.safeExtend({
  // The same output as ProjectSetupSchema's sources; only the input may have gaps, which safeExtend's types refuse.
  sources: z
    .array(z.unknown())
    .max(SOURCE_ROWS)
    .default([])
    .transform((rows, ctx) =>
      rows.flatMap((row, index) => {
        if (row === undefined) return []
        const parsed = sourceRow.safeParse(row)
        if (parsed.success) return [parsed.data]
        for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: [index, ...issue.path], continue: true })
        return []
      }),
    ) as unknown as typeof ProjectSetupSchema.shape.sources,
})

export interface SetupFormValues {
  title?: string
  summary?: string
  startDate?: string
  endDate?: string
  budgetAmount?: string
  budgetCurrency?: string
  reportingMonths?: string
  funderIds?: string[]
  sources?: { label?: string; amount?: string; organizationId?: string }[]
}

interface Option {
  value: string
  label: string
}

export interface FunderOption extends Option {
  /** The organisation type, to group the list. */
  group: string
  groupLabel: string
}

export function ProjectSetupForm({
  lastResult,
  defaultValue,
  funders,
  currencies,
}: {
  lastResult?: SubmissionResult<string[]> | null
  defaultValue: SetupFormValues
  funders: FunderOption[]
  currencies: string[]
}) {
  const { t } = useTranslation()
  const busy = useIsPending()
  const [form, fields] = useForm<SetupFormValues>({
    id: 'project-setup',
    lastResult,
    defaultValue,
    constraint: getZodConstraint(ProjectSetupSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(withoutBlankSources(formData), { schema: SetupFormSchema }) as never,
  })
  const months = Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: t('projectPages.setup.everyMonths', { count: i + 1 }) }))
  return (
    <FormProvider context={form.context}>
      <Form method="post" {...getFormProps(form)} className="space-y-8">
        <FormErrors id={form.errorId} errors={form.errors} />
        <FormSection title={t('projectPages.setup.about')}>
          <TextField meta={fields.title} label={t('projectPages.setup.fields.title')} hint={t('projectPages.setup.hints.title')} />
          <TextareaField meta={fields.summary} label={t('projectPages.setup.fields.summary')} hint={t('projectPages.setup.hints.summary')} rows={4} />
        </FormSection>

        <FormSection title={t('projectPages.setup.schedule')}>
          <div className="grid gap-4 sm:grid-cols-2">
            <DateField meta={fields.startDate} label={t('projectPages.setup.fields.startDate')} />
            <DateField meta={fields.endDate} label={t('projectPages.setup.fields.endDate')} />
          </div>
          <SelectField
            meta={fields.reportingMonths}
            className="sm:max-w-xs"
            label={t('projectPages.setup.fields.reportingMonths')}
            hint={t('projectPages.setup.hints.reportingMonths')}
            options={months}
          />
        </FormSection>

        <FormSection title={t('projectPages.setup.funding')}>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField meta={fields.budgetAmount} label={t('projectPages.setup.fields.budgetAmount')} hint={t('projectPages.setup.hints.budgetAmount')} />
            <CurrencyField meta={fields.budgetCurrency} label={t('projectPages.setup.fields.budgetCurrency')} currencies={currencies} />
          </div>
          {funders.length ? <FunderPicker meta={fields.funderIds} funders={funders} /> : <p className="hint">{t('projectPages.setup.noFunders')}</p>}
          <fieldset className="space-y-3" aria-describedby={`sources-hint${fields.sources.errors?.length ? ' sources-error' : ''}`}>
            <legend className="label">{t('projectPages.setup.fields.sources')}</legend>
            <p id="sources-hint" className="hint">
              {t('projectPages.setup.hints.sources')}
            </p>
            {Array.from({ length: SOURCE_ROWS }, (_, i) => (
              <SourceRow key={i} index={i} funders={funders} />
            ))}
            <ErrorList id="sources-error" errors={fields.sources.errors} />
          </fieldset>
        </FormSection>

        <div className="flex flex-wrap gap-3 border-t border-slate-200 pt-6">
          <button type="submit" className="btn-primary" disabled={busy}>
            {t('projectPages.setup.submit')}
          </button>
        </div>
      </Form>
    </FormProvider>
  )
}

/** Funding organisations as checkboxes grouped by type, in a box that scrolls when the list is long. */
function FunderPicker({ meta, funders }: { meta: FieldMetadata<string[] | undefined>; funders: FunderOption[] }) {
  const { t } = useTranslation()
  const initial = meta.initialValue as unknown
  const selected = new Set((Array.isArray(initial) ? initial : initial ? [initial] : []).map(String))
  const groups = [...new Set(funders.map((f) => f.group))]
  const describedBy = ['funders-hint', meta.errors?.length ? `${meta.id}-error` : null].filter(Boolean).join(' ')
  return (
    <fieldset aria-describedby={describedBy}>
      <legend className="label">{t('projectPages.setup.fields.funders')}</legend>
      <p id="funders-hint" className="hint">
        {t('projectPages.setup.hints.funders')}
      </p>
      <div className="mt-2 max-h-80 space-y-4 overflow-y-auto rounded-md border border-slate-200 p-3">
        {groups.map((group) => (
          <fieldset key={group}>
            <legend className="text-sm font-semibold text-slate-700">{funders.find((f) => f.group === group)?.groupLabel}</legend>
            <div className="mt-1.5 grid gap-x-4 gap-y-1.5 sm:grid-cols-2">
              {funders
                .filter((f) => f.group === group)
                .map((f) => (
                  <div key={f.value} className="flex items-start gap-2 text-sm">
                    <input
                      id={`${meta.id}-${f.value}`}
                      type="checkbox"
                      name={meta.name}
                      value={f.value}
                      defaultChecked={selected.has(f.value)}
                      className="mt-0.5 size-4 shrink-0 accent-brand-700"
                      aria-invalid={meta.errors?.length ? true : undefined}
                    />
                    <label htmlFor={`${meta.id}-${f.value}`}>{f.label}</label>
                  </div>
                ))}
            </div>
          </fieldset>
        ))}
      </div>
      <ErrorList id={`${meta.id}-error`} errors={meta.errors} />
    </fieldset>
  )
}

/** One budget source: what it is, how much, and optionally which organisation gives it. */
function SourceRow({ index, funders }: { index: number; funders: FunderOption[] }) {
  const { t } = useTranslation()
  const [meta] = useField<{ label?: string; amount?: string; organizationId?: string }>(`sources[${index}]`)
  const row = meta.getFieldset()
  return (
    <div role="group" aria-label={t('projectPages.setup.sourceRow', { number: index + 1 })} className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-[2fr_1fr_2fr]">
      <TextField meta={row.label} label={t('projectPages.setup.fields.sourceLabel', { number: index + 1 })} />
      <TextField meta={row.amount} label={t('projectPages.setup.fields.sourceAmount', { number: index + 1 })} />
      <SelectField
        meta={row.organizationId}
        label={t('projectPages.setup.fields.sourceOrganization', { number: index + 1 })}
        placeholder={t('projectPages.setup.noOrganization')}
        options={funders}
      />
    </div>
  )
}
