import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { notificationKinds } from '#db/schema/enum-values'
import { CheckboxGroup } from '~/components/choice-fields'
import { FormErrors } from '~/components/forms'
import { emailedKinds, saveNotificationPreferences } from '~/domain/notifications/preferences.server'
import { NotificationPreferencesSchema } from '~/domain/notifications/schemas'
import { parseForm } from '~/http/forms.server'
import { requireUser } from '~/http/session.server'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { useTranslation } from '~/utils/i18n-react'
import { requestTranslator } from '~/utils/i18n.server'
import type { I18nHandle } from '~/utils/i18n-page'
import { titleMeta } from '~/utils/meta'
import { useIsPending } from '~/utils/use-is-pending'
import { urls } from '~/utils/urls'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const { t } = await requestTranslator(request)
  return { title: t('account.notifications.title'), email: await emailedKinds(db, user.id) }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const form = await parseForm(request, NotificationPreferencesSchema)
  if (!form.ok) return form.response
  await saveNotificationPreferences(db, user.id, form.value)
  return redirectWithFlash(urls.accountNotifications(), { key: 'account.notifications.saved' })
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['account', 'validation'] }

export default function NotificationPreferences() {
  const { email } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const busy = useIsPending()
  const [form, fields] = useForm({
    id: 'notification-preferences',
    lastResult: actionData?.result,
    defaultValue: { email },
    constraint: getZodConstraint(NotificationPreferencesSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NotificationPreferencesSchema }),
  })
  return (
    <section aria-labelledby="notifications-title" className="space-y-4">
      <h2 id="notifications-title">{t('account.notifications.title')}</h2>
      <p className="text-slate-700">{t('account.notifications.lead')}</p>
      <Form method="post" {...getFormProps(form)} className="max-w-xl space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <CheckboxGroup
          meta={fields.email}
          legend={t('account.notifications.legend')}
          columns={1}
          options={notificationKinds.map((kind) => ({ value: kind, label: t(`account.notifications.kinds.${kind}`) }))}
        />
        <p className="hint">{t('account.notifications.security')}</p>
        <button type="submit" className="btn-primary" disabled={busy}>
          {t('account.notifications.save')}
        </button>
      </Form>
    </section>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
