import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useSearchParams } from '@remix-run/react'
import { useIsPending } from '~/utils/use-is-pending'
import { useTranslation } from '~/utils/i18n-react'
import { AuthCard } from '~/components/auth-layout'
import { FormErrors, Honeypot, TextField } from '~/components/forms'
import { LoginSchema } from '~/domain/accounts/schemas'
import { endSession } from '~/domain/accounts/sessions.server'
import { authenticate } from '~/domain/accounts/users.server'
import { recordAudit } from '~/utils/audit.server'
import { db } from '~/utils/db.server'
import { limitAttempt, parseForm } from '~/http/forms.server'
import { isLanguage } from '~/utils/i18n'
import { languageCookie, requestTranslator } from '~/utils/i18n.server'
import { passOnHeaders, titleMeta } from '~/utils/meta'
import { requireAnonymous, safeRedirect, sessionOfBrowser, startSession } from '~/http/session.server'
import type { I18nHandle } from '~/utils/i18n-page'
import { urls } from '~/utils/urls'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request)
  const { t } = await requestTranslator(request)
  return { title: t('auth.loginTitle') }
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await parseForm(request, LoginSchema)
  if (!form.ok) return form.response
  const { t } = await requestTranslator(request)
  const limit = await limitAttempt(request, form.submission, { scope: 'login', account: form.value.email })
  if (limit.refusal) return limit.refusal
  const user = await authenticate(db, form.value.email, form.value.password)
  if (!user) {
    return data(
      { result: form.submission.reply({ formErrors: [t('auth.invalidCredentials')], hideFields: ['password'] }) },
      { status: 400 },
    )
  }
  await limit.forget()
  // Rotation: whatever session the browser carried ends; a new id and secret are issued.
  const previous = await sessionOfBrowser(request)
  if (previous) await endSession(db, previous.user.id, previous.id)
  const cookie = await startSession(request, user.id)
  // The account's language follows the person to this browser.
  const headers = new Headers({ 'Set-Cookie': cookie })
  if (isLanguage(user.locale)) headers.append('Set-Cookie', await languageCookie.serialize(user.locale))
  // With a second factor the new session is partial (Lucia's pattern): it can only give the code.
  if (user.totpKey) return redirect(urls.loginSecondFactor(form.value.redirectTo), { headers })
  await recordAudit(db, { actorId: user.id, action: 'user.logged_in', entityType: 'user', entityId: user.id })
  return redirect(safeRedirect(form.value.redirectTo, urls.dashboard()), { headers })
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['auth', 'validation'] }

export default function Login() {
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const { t } = useTranslation()
  const busy = useIsPending()
  const [form, fields] = useForm({
    id: 'login',
    lastResult: actionData?.result,
    constraint: getZodConstraint(LoginSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
    defaultValue: { redirectTo: searchParams.get('redirectTo') ?? '' },
  })
  return (
    <AuthCard
      title={t('auth.loginTitle')}
      footer={
        <>
          {t('auth.noAccount')} <Link to={urls.signup()}>{t('nav.signup')}</Link>
        </>
      }
    >
      <Form method="post" {...getFormProps(form)} className="relative space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Honeypot />
        <input type="hidden" name={fields.redirectTo.name} value={fields.redirectTo.initialValue ?? ''} />
        <TextField meta={fields.email} label={t('auth.email')} type="email" autoComplete="username" />
        <TextField meta={fields.password} label={t('auth.password')} type="password" autoComplete="current-password" />
        <button type="submit" className="btn-primary w-full" disabled={busy}>
          {t('auth.loginSubmit')}
        </button>
        <p className="text-sm">
          <Link to={urls.forgotPassword()}>{t('auth.forgotLink')}</Link>
        </p>
      </Form>
    </AuthCard>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export const headers = passOnHeaders

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
