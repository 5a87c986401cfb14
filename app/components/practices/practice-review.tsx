import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useIsPending } from '~/utils/use-is-pending'
import { useTranslation } from '~/utils/i18n-react'
import { ErrorList, FormErrors, TextareaField } from '~/components/forms'
import { ManageCard } from '~/components/item-page'
import { PracticeReviewSchema } from '~/domain/practices/schemas'
import { urls } from '~/utils/urls'

/**
 * The secretariat's decision on a submitted practice: publish it, or return it with a comment. On the review
 * queue each practice has its own form (`practiceId`); on the practice's page there is one.
 */
export function PracticeReviewForm({ practiceId, reply, headingLevel = 2, title }: { practiceId?: string; reply?: SubmissionResult<string[]> | null; headingLevel?: 2 | 3; title?: string }) {
  const { t } = useTranslation()
  const busy = useIsPending({ intent: 'review', fields: practiceId ? { practiceId } : {}, state: 'non-idle' })
  const [form, fields] = useForm<{ decision: string; comment: string }>({
    id: `review-${practiceId ?? 'practice'}`,
    lastResult: reply,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PracticeReviewSchema }) as never,
  })
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  const headingId = `${form.id}-title`
  // On the queue, many review forms sit side by side: there they are parts of each practice, not landmarks.
  const Wrapper = practiceId ? 'div' : 'section'
  return (
    <Wrapper aria-labelledby={practiceId ? undefined : headingId} className="space-y-3">
      <div className="space-y-1">
        <Heading id={headingId} className="text-base">
          {title ?? t('practices.review.title')}
        </Heading>
        <p className="text-sm text-slate-700">{t('practices.review.lead')}</p>
      </div>
      <Form method="post" {...getFormProps(form)} className="space-y-3">
        <input type="hidden" name="intent" value="review" />
        {practiceId ? <input type="hidden" name="practiceId" value={practiceId} /> : null}
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextareaField meta={fields.comment} label={t('practices.review.comment')} hint={t('practices.review.commentHint')} rows={3} />
        <ErrorList errors={fields.decision.errors} />
        <div className="flex flex-wrap gap-3">
          <button type="submit" name="decision" value="publish" className="btn-primary" disabled={busy}>
            {t('practices.review.publish')}
          </button>
          <button type="submit" name="decision" value="return" className="btn-secondary" disabled={busy}>
            {t('practices.review.return')}
          </button>
        </div>
      </Form>
    </Wrapper>
  )
}

/** What the submitting organisation may do with its practice: edit, submit, withdraw. */
export function ManagePractice({ id, can, returned }: { id: string; can: { edit: boolean; submit: boolean; withdraw: boolean }; returned: boolean }) {
  const { t } = useTranslation()
  const submitting = useIsPending({ intent: 'submit', state: 'non-idle' })
  const withdrawing = useIsPending({ intent: 'withdraw', state: 'non-idle' })
  return (
    <ManageCard title={t('practices.page.manage')} edit={can.edit ? { to: urls.practiceEdit(id), label: t('practices.page.edit') } : null}>
      {can.submit ? (
        <Form method="post" className="space-y-1">
          <button type="submit" name="intent" value="submit" className="btn-primary w-full" disabled={submitting} aria-describedby="submit-hint">
            {returned ? t('practices.page.resubmit') : t('practices.page.submit')}
          </button>
          <p id="submit-hint" className="hint">
            {t('practices.page.incompleteHint')}
          </p>
        </Form>
      ) : null}
      {can.withdraw ? (
        <Form method="post" className="space-y-1">
          <button type="submit" name="intent" value="withdraw" className="btn-danger w-full" disabled={withdrawing} aria-describedby="withdraw-hint">
            {t('practices.page.withdraw')}
          </button>
          <p id="withdraw-hint" className="hint">
            {t('practices.page.withdrawHint')}
          </p>
        </Form>
      ) : null}
    </ManageCard>
  )
}

/** The secretariat's comment on a returned practice, shown to its organisation above the practice and the editor. */
export function ReviewComment({ comment }: { comment: string }) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="review-comment" className="rounded-md border border-amber-200 bg-amber-50 p-4 text-sm text-amber-950">
      <h2 id="review-comment" className="text-base">
        {t('practices.page.comment')}
      </h2>
      <p className="mt-1 whitespace-pre-line">{comment}</p>
    </section>
  )
}
