import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useIsPending } from '~/utils/use-is-pending'
import { useTranslation } from '~/utils/i18n-react'
import { DateTime } from '~/components/date-time'
import { ErrorList, FormErrors, TextareaField } from '~/components/forms'
import { EvaluationSchema, FinalReportSchema } from '~/domain/projects/schemas'
import { InvalidSummary } from './invalid-summary'
import type { Reply } from './reply'
import { DraftFinalReportSchema } from './schemas'
import { dynamicKey } from '~/utils/i18n'
import { useSchemaForm } from '~/components/use-schema-form'

interface ReportText {
  results: string
  lessons: string
  sustainability: string
}

const sections = ['results', 'lessons', 'sustainability'] as const

/** The report as written: results achieved, lessons learned, sustainability. */
export function FinalReportSections({ report }: { report: ReportText | null }) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="report-title" className="card space-y-5">
      <h2 id="report-title">{t('reporting.finalReport.sectionsTitle')}</h2>
      {report ? (
        sections.map((key) => (
          <div key={key} className="space-y-1">
            <h3 className="text-base font-semibold text-slate-900">{t(`reporting.finalReport.${key}`)}</h3>
            <p className="max-w-3xl whitespace-pre-line text-slate-800">{report[key]}</p>
          </div>
        ))
      ) : (
        <p className="text-sm text-slate-600">{t('reporting.finalReport.empty')}</p>
      )}
    </section>
  )
}

/** The implementer writes the report, saves drafts, and submits it for the secretariat's approval. */
export function FinalReportForm({ reply, defaultValue, editing }: { reply: Reply; defaultValue: ReportText | null; editing: boolean }) {
  const { t } = useTranslation()
  const busy = useIsPending({ intent: ['save', 'submit'], state: 'non-idle' })
  const [form, fields] = useForm<ReportText & { intent?: string }>({
    id: 'final-report',
    lastResult: reply,
    defaultValue: defaultValue ?? undefined,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    // A draft may be unfinished; the full rules apply to the version submitted for review.
    onValidate: ({ formData, submitter }) => parseWithZod(formData, { schema: submitter?.getAttribute('value') === 'save' ? DraftFinalReportSchema : FinalReportSchema }) as never,
  })
  return (
    <section aria-labelledby="report-form-title" className="card space-y-4">
      <h2 id="report-form-title">{editing ? t('reporting.finalReport.editTitle') : t('reporting.finalReport.writeTitle')}</h2>
      <Form method="post" {...getFormProps(form)} className="space-y-5">
        <FormErrors id={form.errorId} errors={form.errors} />
        <InvalidSummary errors={form.allErrors} />
        {sections.map((key) => (
          <TextareaField key={key} meta={fields[key]} label={t(`reporting.finalReport.${key}`)} hint={t(`reporting.finalReport.${key}Hint`)} rows={8} />
        ))}
        <div className="space-y-3 border-t border-slate-100 pt-5">
          <p className="hint">{t('reporting.update.submitHint')}</p>
          <div className="flex flex-wrap gap-3">
            <button type="submit" name="intent" value="save" className="btn-secondary" disabled={busy}>
              {t('reporting.finalReport.saveDraft')}
            </button>
            <button type="submit" name="intent" value="submit" className="btn-primary" disabled={busy}>
              {t('reporting.finalReport.submit')}
            </button>
          </div>
        </div>
      </Form>
    </section>
  )
}

const ratings = ['1', '2', '3', '4', '5'] as const

/** The requesting State's word on how it went: a rating from 1 to 5 and a comment. */
export function EvaluationForm({ reply }: { reply: Reply }) {
  const { t } = useTranslation()
  const busy = useIsPending({ intent: 'evaluate', state: 'non-idle' })
  const [form, fields] = useSchemaForm<{ intent: string; rating: string; comment: string }>(EvaluationSchema, { id: 'evaluation', lastResult: reply })
  const rating = fields.rating
  const errorId = `${rating.id}-error`
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-5">
      <input type="hidden" name="intent" value="evaluate" />
      <FormErrors id={form.errorId} errors={form.errors} />
        <InvalidSummary errors={form.allErrors} />
      <fieldset aria-describedby={rating.errors?.length ? errorId : undefined}>
        <legend className="label">{t('reporting.finalReport.evaluation.rating')}</legend>
        <div className="mt-2 grid max-w-md gap-2">
          {ratings.map((value) => {
            const id = `${rating.id}-${value}`
            return (
              <label
                key={value}
                htmlFor={id}
                className="flex cursor-pointer items-center gap-3 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm hover:bg-slate-50 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
              >
                <input
                  id={id}
                  type="radio"
                  name={rating.name}
                  value={value}
                  defaultChecked={rating.initialValue === value}
                  className="size-4 shrink-0 accent-brand-700"
                  aria-invalid={rating.errors?.length ? true : undefined}
                />
                <span>
                  <span className="font-semibold">{value}</span> · {t(`reporting.finalReport.evaluation.ratings.${value}`)}
                </span>
              </label>
            )
          })}
        </div>
        <ErrorList id={errorId} errors={rating.errors} />
      </fieldset>
      <TextareaField meta={fields.comment} label={t('reporting.finalReport.evaluation.comment')} hint={t('reporting.finalReport.evaluation.commentHint')} rows={5} />
      <button type="submit" className="btn-primary" disabled={busy}>
        {t('reporting.finalReport.evaluation.button')}
      </button>
    </Form>
  )
}

export function EvaluationView({ evaluation }: { evaluation: { rating: number; comment: string; createdAt: Date } }) {
  const { t } = useTranslation()
  return (
    <div className="space-y-2">
      <p className="text-lg font-semibold text-slate-900">
        {t('reporting.finalReport.evaluation.ratingValue', { rating: evaluation.rating, label: t(dynamicKey(`reporting.finalReport.evaluation.ratings.${evaluation.rating}`)) })}
      </p>
      <p className="max-w-3xl whitespace-pre-line text-slate-800">{evaluation.comment}</p>
      <p className="text-sm text-slate-600">
        {t('reporting.finalReport.evaluation.givenOn')} <DateTime value={evaluation.createdAt} dateOnly />
      </p>
    </div>
  )
}

/** What the secretariat needs before it can close the project, and what is still missing. */
export function ClosingChecklist({ reportApproved, evaluated, closed }: { reportApproved: boolean; evaluated: boolean; closed: boolean }) {
  const { t } = useTranslation()
  const items = [
    { key: 'report', done: reportApproved },
    { key: 'evaluation', done: evaluated },
  ] as const
  return (
    <section aria-labelledby="closing-title" className="rounded-lg border border-slate-200 bg-slate-50 p-4 sm:p-5">
      <h2 id="closing-title" className="text-base">
        {t('reporting.finalReport.closing.title')}
      </h2>
      {closed ? (
        <p className="mt-2 text-sm text-slate-800">{t('reporting.finalReport.closing.closed')}</p>
      ) : (
        <>
          <p className="mt-1 text-sm text-slate-700">{reportApproved && evaluated ? t('reporting.finalReport.closing.ready') : t('reporting.finalReport.closing.lead')}</p>
          <ul className="mt-3 space-y-2 text-sm">
            {items.map((item) => (
              <li key={item.key} className="flex flex-wrap items-center gap-2">
                <span className={`badge min-w-16 justify-center ${item.done ? 'bg-emerald-100 text-emerald-900' : 'bg-slate-200 text-slate-800'}`}>
                  {item.done ? t('reporting.finalReport.closing.done') : t('reporting.finalReport.closing.missing')}
                </span>
                <span className="text-slate-800">{t(`reporting.finalReport.closing.${item.key}`)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
