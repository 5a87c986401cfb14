import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData } from '@remix-run/react'
import { useIsPending } from '~/utils/use-is-pending'
import { useTranslation } from '~/utils/i18n-react'
import { AuthCard } from '~/components/auth-layout'
import { FormErrors, Honeypot, TextField } from '~/components/forms'
import { ForgotPasswordSchema } from '~/domain/accounts/schemas'
import { requestPasswordReset } from '~/domain/accounts/users.server'
import { db } from '~/utils/db.server'
import { limitAttempt, parseForm } from '~/http/forms.server'
import { publicOrigin } from '~/utils/env.server'
import { requestTranslator } from '~/utils/i18n.server'
import { passOnHeaders, titleMeta } from '~/utils/meta'
import type { I18nHandle } from '~/utils/i18n-page'
import { urls } from '~/utils/urls'

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await requestTranslator(request)
  return { title: t('auth.forgotTitle') }
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await parseForm(request, ForgotPasswordSchema)
  if (!form.ok) return form.response
  const { locale } = await requestTranslator(request)
  const limit = await limitAttempt(request, form.submission, { scope: 'reset', account: form.value.email })
  if (limit.refusal) return limit.refusal
  // The same answer whether or not the account exists.
  await requestPasswordReset(db, form.value.email, { origin: publicOrigin(), locale })
  return { result: form.submission.reply({ resetForm: true }), sentTo: form.value.email }
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['auth', 'validation'] }

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const busy = useIsPending()
  const [form, fields] = useForm({
    id: 'forgot-password',
    lastResult: actionData?.result,
    constraint: getZodConstraint(ForgotPasswordSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotPasswordSchema }),
  })
  if (actionData && 'sentTo' in actionData) {
    return (
      <AuthCard title={t('auth.checkInbox')}>
        <p role="status">{t('auth.forgotDone', { email: actionData.sentTo })}</p>
        <p className="mt-4">
          <Link to={urls.login()}>{t('auth.loginSubmit')}</Link>
        </p>
      </AuthCard>
    )
  }
  return (
    <AuthCard title={t('auth.forgotTitle')} lead={t('auth.forgotLead')} footer={<Link to={urls.login()}>{t('nav.login')}</Link>}>
      <Form method="post" {...getFormProps(form)} className="relative space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Honeypot />
        <TextField meta={fields.email} label={t('auth.email')} type="email" autoComplete="email" />
        <button type="submit" className="btn-primary w-full" disabled={busy}>
          {t('auth.forgotSubmit')}
        </button>
      </Form>
    </AuthCard>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export const headers = passOnHeaders

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
