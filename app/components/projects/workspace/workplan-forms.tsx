import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useIsPending } from '~/utils/use-is-pending'
import type { ReactNode } from 'react'
import { useTranslation } from '~/utils/i18n-react'
import { indicatorLevels } from '#db/schema/enum-values'
import { CheckboxGroup } from '~/components/choice-fields'
import { useFormatDate } from '~/components/date-time'
import { DateField, FormErrors, SelectField, TextareaField, TextField } from '~/components/forms'
import type { Project } from '~/domain/projects/access.server'
import { dimensions, IndicatorSchema, MilestoneSchema, ReviewSchema } from '~/domain/projects/schemas'
import type { Reply } from './reply'

/** A form folded away until wanted; open when the server sent it back with errors. */
function Disclosure({ summary, open, children }: { summary: string; open: boolean; children: ReactNode }) {
  return (
    <details open={open} className="group rounded-md border border-slate-200 bg-slate-50/60">
      <summary className="cursor-pointer list-none px-4 py-3 text-sm font-medium text-brand-700 hover:bg-slate-100 [&::-webkit-details-marker]:hidden">
        <span aria-hidden="true" className="me-2 inline-block transition-transform group-open:rotate-90">
          ›
        </span>
        {summary}
      </summary>
      <div className="border-t border-slate-200 bg-white p-4">{children}</div>
    </details>
  )
}

export function AddMilestoneForm({ project, reply }: { project: Project; reply: Reply }) {
  const { t } = useTranslation()
  const formatDate = useFormatDate()
  const busy = useIsPending({ intent: 'addMilestone' })
  const [form, fields] = useForm<{ title?: string; description?: string; deliverable?: string; dueDate?: string; trancheAmount?: string }>({
    id: 'add-milestone',
    lastResult: reply,
    constraint: getZodConstraint(MilestoneSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MilestoneSchema }) as never,
  })
  return (
    <Disclosure summary={t('workspace.workplan.addMilestone')} open={Boolean(reply)}>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <input type="hidden" name="intent" value="addMilestone" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField meta={fields.title} label={t('workspace.milestoneForm.title')} />
        <TextareaField meta={fields.deliverable} label={t('workspace.milestoneForm.deliverable')} hint={t('workspace.milestoneForm.deliverableHint')} rows={2} />
        <TextareaField meta={fields.description} label={t('workspace.milestoneForm.description')} rows={3} />
        <div className="grid gap-4 sm:grid-cols-2">
          <DateField meta={fields.dueDate} label={t('workspace.milestoneForm.dueDate', { start: formatDate(project.startDate), end: formatDate(project.endDate) })} />
          <TextField meta={fields.trancheAmount} label={t('workspace.milestoneForm.tranche', { currency: project.budgetCurrency })} hint={t('workspace.milestoneForm.trancheHint')} />
        </div>
        <button type="submit" className="btn-primary" disabled={busy}>
          {t('workspace.milestoneForm.submit')}
        </button>
      </Form>
    </Disclosure>
  )
}

export function AddIndicatorForm({ reply }: { reply: Reply }) {
  const { t } = useTranslation()
  const busy = useIsPending({ intent: 'addIndicator' })
  const [form, fields] = useForm<{ level?: string; name?: string; unit?: string; baseline?: string; target?: string; disaggregation?: string[] }>({
    id: 'add-indicator',
    lastResult: reply,
    constraint: getZodConstraint(IndicatorSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: IndicatorSchema }) as never,
  })
  return (
    <Disclosure summary={t('workspace.workplan.addIndicator')} open={Boolean(reply)}>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <input type="hidden" name="intent" value="addIndicator" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="grid gap-4 sm:grid-cols-[12rem_1fr]">
          <SelectField
            meta={fields.level}
            label={t('workspace.indicatorForm.level')}
            placeholder={t('workspace.indicatorForm.choose')}
            options={indicatorLevels.map((level) => ({ value: level, label: t(`projectTerms.levels.${level}`) }))}
          />
          <TextField meta={fields.name} label={t('workspace.indicatorForm.name')} hint={t('workspace.indicatorForm.nameHint')} />
        </div>
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField meta={fields.unit} label={t('workspace.indicatorForm.unit')} hint={t('workspace.indicatorForm.unitHint')} />
          <TextField meta={fields.baseline} label={t('workspace.indicatorForm.baseline')} />
          <TextField meta={fields.target} label={t('workspace.indicatorForm.target')} />
        </div>
        <CheckboxGroup
          meta={fields.disaggregation}
          legend={t('workspace.indicatorForm.disaggregation')}
          hint={t('workspace.indicatorForm.disaggregationHint')}
          options={dimensions.map((d) => ({ value: d, label: t(`projectTerms.dimensions.${d}`) }))}
          columns={2}
        />
        <button type="submit" className="btn-primary" disabled={busy}>
          {t('workspace.indicatorForm.submit')}
        </button>
      </Form>
    </Disclosure>
  )
}

/** The secretariat approves the workplan, or returns it with comments the implementer can act on. */
export function WorkplanReviewForm({ reply }: { reply: Reply }) {
  const { t } = useTranslation()
  const busy = useIsPending({ intent: 'reviewWorkplan' })
  const [form, fields] = useForm<{ decision?: string; comment?: string }>({
    id: 'review-workplan',
    lastResult: reply,
    constraint: getZodConstraint(ReviewSchema),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReviewSchema }) as never,
  })
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-3 rounded-md border border-amber-200 bg-amber-50/50 p-4">
      <input type="hidden" name="intent" value="reviewWorkplan" />
      <h3 className="text-base font-semibold">{t('workspace.review.title')}</h3>
      <p className="hint">{t('workspace.review.lead')}</p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextareaField meta={fields.comment} label={t('workspace.review.comment')} hint={t('workspace.review.commentHint')} rows={3} />
      <div className="flex flex-wrap gap-3">
        <button type="submit" name="decision" value="approve" className="btn-primary" disabled={busy}>
          {t('workspace.review.approve')}
        </button>
        <button type="submit" name="decision" value="return" className="btn-secondary" disabled={busy}>
          {t('workspace.review.return')}
        </button>
      </div>
    </Form>
  )
}
