import { getFormProps } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useIsPending } from '~/utils/use-is-pending'
import type { ReactNode } from 'react'
import { useTranslation } from '~/utils/i18n-react'
import { ErrorList, FormErrors, TextareaField } from '~/components/forms'
import { ReviewSchema } from '~/domain/projects/schemas'
import { InvalidSummary } from './invalid-summary'
import type { Reply } from './reply'
import { useSchemaForm } from '~/components/use-schema-form'

/** The secretariat's decision on submitted work: approve, or return with a comment the implementer can act on. */
export function ReviewForm({ reply, note }: { reply: Reply; note?: ReactNode }) {
  const { t } = useTranslation()
  const busy = useIsPending({ intent: 'review', state: 'non-idle' })
  const [form, fields] = useSchemaForm<{ intent: string; decision: string; comment: string }>(ReviewSchema, { id: 'review', lastResult: reply })
  return (
    <section aria-labelledby="review-title" className="card space-y-4">
      <div className="space-y-1">
        <h2 id="review-title">{t('reporting.review.title')}</h2>
        <p className="text-sm text-slate-700">{t('reporting.review.lead')}</p>
        {note}
      </div>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <input type="hidden" name="intent" value="review" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <InvalidSummary errors={form.allErrors} />
        <TextareaField meta={fields.comment} label={t('reporting.fields.comment')} hint={t('reporting.review.commentHint')} rows={4} />
        <ErrorList errors={fields.decision.errors} />
        <div className="flex flex-wrap gap-3">
          <button type="submit" name="decision" value="approve" className="btn-primary" disabled={busy}>
            {t('reporting.review.approve')}
          </button>
          <button type="submit" name="decision" value="return" className="btn-secondary" disabled={busy}>
            {t('reporting.review.return')}
          </button>
        </div>
      </Form>
    </section>
  )
}
