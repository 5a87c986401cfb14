import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { useIsPending } from '~/utils/use-is-pending'
import { useTranslation } from '~/utils/i18n-react'
import { FormErrors, TextField } from '~/components/forms'
import { ChangePasswordSchema } from '~/domain/accounts/schemas'
import { changePassword } from '~/domain/accounts/users.server'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { attempt, limitAttempt, parseForm } from '~/http/forms.server'
import { requestTranslator } from '~/utils/i18n.server'
import { titleMeta } from '~/utils/meta'
import { requireSession } from '~/http/session.server'
import type { I18nHandle } from '~/utils/i18n-page'
import { urls } from '~/utils/urls'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSession(request)
  const { t } = await requestTranslator(request)
  return { title: t('account.changePassword') }
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await requireSession(request)
  const form = await parseForm(request, ChangePasswordSchema)
  if (!form.ok) return form.response
  // The current password is guessed like a login's: limited per account and per client, right or wrong.
  const limit = await limitAttempt(request, form.submission, {
    scope: 'password-change',
    account: session.user.id,
    message: 'account.passwordRateLimited',
    hideFields: ['currentPassword', 'newPassword', 'confirmPassword'],
  })
  if (limit.refusal) return limit.refusal
  const outcome = await attempt(form.submission, () => changePassword(db, session.user, form.value, session.id))
  if (!outcome.ok) return outcome.response
  // As at login: the right current password forgets the earlier misses, so changing it twice never locks anyone out.
  await limit.forget()
  return redirectWithFlash(urls.accountPassword(), { key: 'account.passwordChanged' })
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['account', 'auth', 'validation'] }

export default function ChangePassword() {
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const busy = useIsPending()
  const [form, fields] = useForm({
    id: 'change-password',
    lastResult: actionData?.result,
    constraint: getZodConstraint(ChangePasswordSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
  })
  return (
    <section aria-labelledby="password-title">
      <h2 id="password-title">{t('account.changePassword')}</h2>
      <Form method="post" {...getFormProps(form)} className="mt-4 max-w-md space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField meta={fields.currentPassword} label={t('auth.currentPassword')} type="password" autoComplete="current-password" />
        <TextField meta={fields.newPassword} label={t('auth.newPassword')} type="password" autoComplete="new-password" hint={t('auth.passwordHint')} />
        <TextField meta={fields.confirmPassword} label={t('auth.confirmPassword')} type="password" autoComplete="new-password" />
        <button type="submit" className="btn-primary" disabled={busy}>
          {t('account.changePassword')}
        </button>
      </Form>
    </section>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
