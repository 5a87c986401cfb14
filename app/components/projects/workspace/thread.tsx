import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useIsPending } from '~/utils/use-is-pending'
import { useTranslation } from '~/utils/i18n-react'
import { DateTime } from '~/components/date-time'
import { FormErrors, TextareaField } from '~/components/forms'
import { MessageSchema } from '~/domain/projects/schemas'
import type { ProjectWorkspace } from '~/domain/projects/workspace.server'
import { useFreshFormKey, type Reply } from './reply'

/** The parties' discussion, oldest first, with a form to add to it while the project is open. */
export function ThreadSection({ messages, canPost, reply }: { messages: ProjectWorkspace['messages']; canPost: boolean; reply: Reply }) {
  const { t } = useTranslation()
  const formKey = useFreshFormKey()
  return (
    <section id="thread" aria-labelledby="thread-title" className="card space-y-5">
      <div>
        <h2 id="thread-title">{t('workspace.thread.title')}</h2>
        <p className="hint">{t('workspace.thread.lead')}</p>
      </div>
      {messages.length === 0 ? (
        <p className="text-sm text-slate-600">{t('workspace.thread.none')}</p>
      ) : (
        <ol className="space-y-4">
          {messages.map((m) => (
            <li key={m.id} className="border-s-2 border-slate-200 ps-4">
              <p className="text-sm">
                <span className="font-medium text-slate-900">{m.author ?? t('workspace.formerUser')}</span>
                <span className="text-slate-600">
                  {' · '}
                  <DateTime value={m.createdAt} />
                </span>
              </p>
              <p className="mt-1 whitespace-pre-line text-sm text-slate-800">{m.body}</p>
            </li>
          ))}
        </ol>
      )}
      {canPost ? <MessageForm key={formKey} reply={reply} /> : <p className="text-sm text-slate-600">{t('workspace.thread.closed')}</p>}
    </section>
  )
}

function MessageForm({ reply }: { reply: Reply }) {
  const { t } = useTranslation()
  const busy = useIsPending({ intent: 'postMessage' })
  const [form, fields] = useForm<{ body?: string }>({
    id: 'post-message',
    lastResult: reply,
    constraint: getZodConstraint(MessageSchema),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MessageSchema }) as never,
  })
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-3 border-t border-slate-100 pt-4">
      <input type="hidden" name="intent" value="postMessage" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextareaField meta={fields.body} label={t('workspace.thread.message')} hint={t('workspace.thread.messageHint')} rows={4} />
      <button type="submit" className="btn-primary" disabled={busy}>
        {t('workspace.thread.post')}
      </button>
    </Form>
  )
}
