import { Form } from '@remix-run/react'
import { useIsPending } from '~/utils/use-is-pending'
import type { ReviewKind } from '#db/schema/enum-values'
import { useTranslation } from '~/utils/i18n-react'
import { DateTime } from './date-time'
import { ErrorList } from './forms'

/** The parts of a request's page only its State's members and the secretariat see. */

type FieldError = (field: string) => string[] | undefined

/** Whom to contact about the request: personal data, shown only to the privileged. */
export function RequestContact({ contact }: { contact: { name: string | null; email: string | null; phone: string | null } }) {
  const { t } = useTranslation()
  if (!contact.name && !contact.email && !contact.phone) return null
  return (
    <section className="card space-y-1 text-sm" aria-labelledby="contact-title">
      <h2 id="contact-title" className="text-base">
        {t('requests.contact')}
      </h2>
      {contact.name ? <p>{contact.name}</p> : null}
      {contact.email ? (
        <p>
          <a href={`mailto:${contact.email}`}>{contact.email}</a>
        </p>
      ) : null}
      {contact.phone ? <p>{contact.phone}</p> : null}
    </section>
  )
}

/** Submitting a draft, or resubmitting a returned request with an answer to the secretariat's comments. */
export function SubmitRequestForm({ returned, fieldError }: { returned: boolean; fieldError: FieldError }) {
  const busy = useIsPending({ intent: 'submit' })
  const { t } = useTranslation()
  return (
    <Form method="post" className="space-y-2">
      {returned ? (
        <div>
          <label htmlFor="answer" className="label">
            {t('requests.answer')}
          </label>
          <textarea id="answer" name="answer" rows={3} maxLength={5000} className="input mt-1" aria-describedby="answer-hint" />
          <p id="answer-hint" className="hint">
            {t('requests.answerHint')}
          </p>
          <ErrorList errors={fieldError('answer')} />
        </div>
      ) : null}
      <button type="submit" name="intent" value="submit" className="btn-primary w-full" disabled={busy}>
        {returned ? t('requests.resubmit') : t('requests.submit')}
      </button>
    </Form>
  )
}

/** The secretariat's screening: publish the request (with an optional note), or return it with comments. */
export function RequestScreening({ fieldError }: { fieldError: FieldError }) {
  const publishing = useIsPending({ intent: 'publish' })
  const returning = useIsPending({ intent: 'return' })
  const { t } = useTranslation()
  return (
    <section className="card space-y-4" aria-labelledby="screening-title">
      <h2 id="screening-title" className="text-base">
        {t('requests.screening')}
      </h2>
      <p className="text-sm text-slate-700">{t('requests.screeningLead')}</p>
      <Form method="post" className="space-y-2">
        <label htmlFor="note" className="label">
          {t('requests.publishNote')}
        </label>
        <textarea id="note" name="note" rows={2} maxLength={5000} className="input" />
        <ErrorList errors={fieldError('note')} />
        <button type="submit" name="intent" value="publish" className="btn-primary w-full" disabled={publishing}>
          {t('requests.publish')}
        </button>
      </Form>
      <Form method="post" className="space-y-2">
        <label htmlFor="comments" className="label">
          {t('requests.comments')}
        </label>
        <textarea
          id="comments"
          name="comments"
          rows={3}
          maxLength={5000}
          className="input"
          aria-describedby={`comments-hint${fieldError('comments') ? ' comments-error' : ''}`}
          aria-invalid={fieldError('comments') ? true : undefined}
        />
        <p id="comments-hint" className="hint">
          {t('requests.commentsHint')}
        </p>
        <ErrorList id="comments-error" errors={fieldError('comments')} />
        <button type="submit" name="intent" value="return" className="btn-secondary w-full" disabled={returning}>
          {t('requests.return')}
        </button>
      </Form>
    </section>
  )
}

/** The screening conversation between the secretariat and the requesting State. */
export function ReviewThread({ reviews }: { reviews: { id: string; kind: ReviewKind; author: string | null; createdAt: string | Date; body: string }[] }) {
  const { t } = useTranslation()
  return (
    <section className="card space-y-3" aria-labelledby="thread-title">
      <h2 id="thread-title" className="text-base">
        {t('requests.thread')}
      </h2>
      {reviews.length === 0 ? <p className="text-sm text-slate-600">{t('requests.threadEmpty')}</p> : null}
      <ol className="space-y-3">
        {reviews.map((review) => (
          <li key={review.id} className="border-s-2 border-slate-200 ps-3 text-sm">
            <p className="font-medium">{t(`requests.reviewKinds.${review.kind}`)}</p>
            <p className="text-xs text-slate-600">
              {review.author} · <DateTime value={review.createdAt} />
            </p>
            <p className="mt-1 whitespace-pre-line">{review.body}</p>
          </li>
        ))}
      </ol>
    </section>
  )
}
