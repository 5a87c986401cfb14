import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData } from '@remix-run/react'
import { useIsPending } from '~/utils/use-is-pending'
import { useTranslation } from '~/utils/i18n-react'
import { AuthCard } from '~/components/auth-layout'
import { FormErrors, Honeypot, TextField } from '~/components/forms'
import { SignupSchema } from '~/domain/accounts/schemas'
import { signUp } from '~/domain/accounts/users.server'
import { db } from '~/utils/db.server'
import { passOnHeaders, titleMeta } from '~/utils/meta'
import { limitAttempt, parseForm } from '~/http/forms.server'
import { publicOrigin } from '~/utils/env.server'
import { requestTranslator } from '~/utils/i18n.server'
import { requireAnonymous } from '~/http/session.server'
import type { I18nHandle } from '~/utils/i18n-page'
import { urls } from '~/utils/urls'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request)
  const { t } = await requestTranslator(request)
  return { title: t('auth.signupTitle') }
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAnonymous(request)
  const form = await parseForm(request, SignupSchema)
  if (!form.ok) return form.response
  const { locale } = await requestTranslator(request)
  const limit = await limitAttempt(request, form.submission, { scope: 'signup', account: form.value.email })
  if (limit.refusal) return limit.refusal
  await signUp(db, form.value, { origin: publicOrigin(), locale })
  return { result: form.submission.reply({ resetForm: true }), sentTo: form.value.email }
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['auth', 'validation'] }

export default function Signup() {
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const busy = useIsPending()
  const [form, fields] = useForm({
    id: 'signup',
    lastResult: actionData?.result,
    constraint: getZodConstraint(SignupSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignupSchema }),
  })

  if (actionData && 'sentTo' in actionData) {
    return (
      <AuthCard title={t('auth.checkInbox')}>
        <p role="status">{t('auth.signupDone', { email: actionData.sentTo })}</p>
        <p className="mt-4">
          <Link to={urls.login()}>{t('auth.loginSubmit')}</Link>
        </p>
      </AuthCard>
    )
  }

  return (
    <AuthCard
      title={t('auth.signupTitle')}
      lead={t('auth.signupLead')}
      footer={
        <>
          {t('auth.haveAccount')} <Link to={urls.login()}>{t('nav.login')}</Link>
        </>
      }
    >
      <Form method="post" {...getFormProps(form)} className="relative space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Honeypot />
        <TextField meta={fields.displayName} label={t('auth.displayName')} autoComplete="name" />
        <TextField meta={fields.email} label={t('auth.email')} type="email" autoComplete="email" />
        <TextField meta={fields.password} label={t('auth.password')} type="password" autoComplete="new-password" hint={t('auth.passwordHint')} />
        <button type="submit" className="btn-primary w-full" disabled={busy}>
          {t('auth.signupSubmit')}
        </button>
      </Form>
    </AuthCard>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export const headers = passOnHeaders

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
