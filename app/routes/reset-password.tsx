import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useIsPending } from '~/utils/use-is-pending'
import { useTranslation } from '~/utils/i18n-react'
import { AuthCard } from '~/components/auth-layout'
import { FormErrors, TextField } from '~/components/forms'
import { ResetPasswordSchema } from '~/domain/accounts/schemas'
import { isResetTokenUsable, resetPassword } from '~/domain/accounts/users.server'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { parseForm } from '~/http/forms.server'
import { requestTranslator } from '~/utils/i18n.server'
import { passOnHeaders, titleMeta } from '~/utils/meta'
import { clearSessionCookie } from '~/http/session.server'
import type { I18nHandle } from '~/utils/i18n-page'
import { urls } from '~/utils/urls'

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token')?.slice(0, 100) ?? ''
  const { t } = await requestTranslator(request)
  const usable = token ? await isResetTokenUsable(db, token) : false
  return data(
    { title: t('auth.resetTitle'), token: usable ? token : null },
    // The token is in the URL: keep it out of Referer headers and shared caches.
    { headers: { 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' } },
  )
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await parseForm(request, ResetPasswordSchema)
  if (!form.ok) return form.response
  const done = await resetPassword(db, form.value.token, form.value.password)
  if (!done) {
    return data({ result: form.submission.reply({ formErrors: ['auth.resetInvalid'], hideFields: ['password', 'confirmPassword'] }) }, { status: 400 })
  }
  return redirectWithFlash(urls.login(), { key: 'auth.resetDone' }, { headers: { 'Set-Cookie': clearSessionCookie(request) } })
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['auth', 'validation'] }

export default function ResetPassword() {
  const { token } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const busy = useIsPending()
  const [form, fields] = useForm({
    id: 'reset-password',
    lastResult: actionData?.result,
    constraint: getZodConstraint(ResetPasswordSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetPasswordSchema }),
  })
  if (!token) {
    return (
      <AuthCard title={t('auth.resetTitle')}>
        <p>{t('auth.resetInvalid')}</p>
        <p className="mt-4">
          <Link to={urls.forgotPassword()} className="btn-primary">
            {t('auth.resetAgain')}
          </Link>
        </p>
      </AuthCard>
    )
  }
  return (
    <AuthCard title={t('auth.resetTitle')}>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name={fields.token.name} value={token} />
        <TextField meta={fields.password} label={t('auth.newPassword')} type="password" autoComplete="new-password" hint={t('auth.passwordHint')} />
        <TextField meta={fields.confirmPassword} label={t('auth.confirmPassword')} type="password" autoComplete="new-password" />
        <button type="submit" className="btn-primary w-full" disabled={busy}>
          {t('auth.resetSubmit')}
        </button>
      </Form>
    </AuthCard>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export const headers = passOnHeaders

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
