import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useIsPending } from '~/utils/use-is-pending'
import { useTranslation } from '~/utils/i18n-react'
import { DateTime } from '~/components/date-time'
import { FormErrors, TextareaField } from '~/components/forms'
import type { ProjectAction } from '~/domain/projects/lifecycle'
import { TransitionSchema } from '~/domain/projects/schemas'
import { formErrorsOf, replyFor, useFreshFormKey, type Reply } from './reply'

const needsReason = (action: ProjectAction): action is 'hold' | 'cancel' => action === 'hold' || action === 'cancel'

/** The secretariat's controls: move the project through its lifecycle and publish its public page. */
export function SteeringPanel({ actions, publishedAt, reply }: { actions: ProjectAction[]; publishedAt: Date | null; reply: Reply }) {
  const { t } = useTranslation()
  const transitioning = useIsPending({ intent: 'transition' })
  const publishing = useIsPending({ intent: 'publish' })
  const refused = formErrorsOf(replyFor(reply, 'transition'))
  const publishErrors = formErrorsOf(replyFor(reply, 'publish'))
  const simple = actions.filter((a) => !needsReason(a))
  const withReason = actions.filter(needsReason)
  const formKey = useFreshFormKey()
  return (
    <section id="steering" aria-labelledby="steering-title" className="card space-y-5">
      <div>
        <h2 id="steering-title">{t('workspace.steering.title')}</h2>
        <p className="hint">{t('workspace.steering.lead')}</p>
      </div>
      <FormErrors id="steering-errors" errors={refused} />
      {simple.length > 0 ? (
        <div className="flex flex-wrap gap-3">
          {simple.map((action) => (
            <Form key={action} method="post">
              <input type="hidden" name="intent" value="transition" />
              <button type="submit" name="action" value={action} className="btn-primary" disabled={transitioning}>
                {t(`workspace.steering.actions.${action}`)}
              </button>
            </Form>
          ))}
        </div>
      ) : null}
      {withReason.length > 0 ? (
        <div className="grid gap-5 md:grid-cols-2">
          {withReason.map((action) => (
            <ReasonForm key={`${action}-${formKey}`} action={action} reply={replyFor(reply, 'transition', { action })} />
          ))}
        </div>
      ) : null}
      {actions.length === 0 ? <p className="text-sm text-slate-600">{t('workspace.steering.none')}</p> : null}
      <div className="space-y-2 border-t border-slate-100 pt-4">
        <h3 className="text-base font-semibold">{t('workspace.steering.publicPage')}</h3>
        <p className="text-sm text-slate-700">
          {publishedAt ? (
            <>
              {t('workspace.steering.publishedSince')} <DateTime value={publishedAt} dateOnly />
            </>
          ) : (
            t('workspace.steering.notPublished')
          )}
        </p>
        <FormErrors id="publish-errors" errors={publishErrors} />
        <Form method="post">
          <input type="hidden" name="intent" value="publish" />
          <input type="hidden" name="published" value={publishedAt ? 'false' : 'true'} />
          <button type="submit" className="btn-secondary" disabled={publishing}>
            {publishedAt ? t('workspace.steering.unpublish') : t('workspace.steering.publish')}
          </button>
        </Form>
      </div>
    </section>
  )
}

/** Holding or cancelling a project says why: the parties are told. */
function ReasonForm({ action, reply }: { action: 'hold' | 'cancel'; reply: Reply }) {
  const { t } = useTranslation()
  const busy = useIsPending({ intent: 'transition', fields: { action } })
  const [form, fields] = useForm<{ action: string; reason?: string }>({
    id: `transition-${action}`,
    lastResult: reply,
    constraint: getZodConstraint(TransitionSchema),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TransitionSchema }) as never,
  })
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-3 rounded-md border border-slate-200 p-4">
      <input type="hidden" name="intent" value="transition" />
      <input type="hidden" name="action" value={action} />
      <TextareaField meta={fields.reason} label={t(`workspace.steering.reason.${action}`)} hint={t('workspace.steering.reasonHint')} rows={3} />
      <button type="submit" className={action === 'cancel' ? 'btn-danger' : 'btn-secondary'} disabled={busy}>
        {t(`workspace.steering.actions.${action}`)}
      </button>
    </Form>
  )
}
