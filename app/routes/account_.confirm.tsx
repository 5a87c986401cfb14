import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { AuthCard } from '~/components/auth-layout'
import { FormErrors, TextField } from '~/components/forms'
import { ConfirmIdentitySchema } from '~/domain/accounts/schemas'
import { confirmIdentity } from '~/domain/accounts/second-factor.server'
import { attempt, limitAttempt, parseForm } from '~/http/forms.server'
import { requireSession, safeRedirect } from '~/http/session.server'
import { pendingResubmission } from '~/http/step-up.server'
import { db } from '~/utils/db.server'
import { flashCookie } from '~/utils/flash.server'
import { useTranslation } from '~/utils/i18n-react'
import type { I18nHandle } from '~/utils/i18n-page'
import { requestTranslator } from '~/utils/i18n.server'
import { passOnHeaders, titleMeta } from '~/utils/meta'
import { urls } from '~/utils/urls'
import { useIsPending } from '~/utils/use-is-pending'

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSession(request)
  const { t } = await requestTranslator(request)
  const back = safeRedirect(new URL(request.url).searchParams.get('redirectTo'), urls.dashboard())
  return { title: t('auth.confirm.title'), withCode: session.secondFactorEnrolled, back }
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await requireSession(request)
  const form = await parseForm(request, ConfirmIdentitySchema)
  if (!form.ok) return form.response
  const limit = await limitAttempt(request, form.submission, { scope: 'step-up', account: session.user.id })
  if (limit.refusal) return limit.refusal
  const proof = form.value.method === 'password' ? { password: form.value.password } : { code: form.value.code }
  const outcome = await attempt(form.submission, () => confirmIdentity(db, { user: session.user, sessionId: session.id, proof }))
  if (!outcome.ok) return outcome.response
  // As at login: the proof given forgets the earlier misses, so a person who confirms often is never locked out.
  await limit.forget()
  const back = safeRedirect(form.value.redirectTo, urls.dashboard())
  const { resubmission, forget } = pendingResubmission(request, back)
  const headers = new Headers()
  if (forget) headers.append('Set-Cookie', forget)
  // A form the step-up interrupted is offered again, filled in as it was, for the person to send.
  if (resubmission) return data({ result: undefined, resubmission }, { headers })
  headers.append('Set-Cookie', flashCookie({ key: 'auth.confirm.confirmed', tone: 'info' }))
  return redirect(back, { headers })
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['auth', 'validation'] }

function ProofForm({ method }: { method: 'password' | 'code' }) {
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const { t } = useTranslation()
  const busy = useIsPending()
  const result = actionData && 'result' in actionData ? actionData.result : undefined
  const submitted = (result?.initialValue as { method?: string } | null | undefined)?.method
  const [form, fields] = useForm({
    id: `confirm-${method}`,
    lastResult: submitted === method ? result : undefined,
    constraint: getZodConstraint(ConfirmIdentitySchema),
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ConfirmIdentitySchema }),
  })
  const meta = method === 'password' ? fields.password : fields.code
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="method" value={method} />
      <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
      {method === 'password' ? (
        <TextField meta={meta} label={t('auth.password')} type="password" autoComplete="current-password" />
      ) : (
        <TextField meta={meta} label={t('auth.secondFactor.codeLabel')} hint={t('auth.secondFactor.codeHint')} autoComplete="one-time-code" inputMode="numeric" />
      )}
      <button type="submit" className={method === 'password' ? 'btn-primary w-full' : 'btn-secondary w-full'} disabled={busy}>
        {method === 'password' ? t('auth.confirm.withPassword') : t('auth.confirm.withCode')}
      </button>
    </Form>
  )
}

/** The interrupted form, as it was: one press sends it again. */
function Resubmit({ action, fields }: { action: string; fields: [string, string][] }) {
  const { t } = useTranslation()
  return (
    <Form method="post" action={action} className="space-y-4">
      <p role="status">{t('auth.confirm.resubmitLead')}</p>
      {fields.map(([name, value], i) => (
        <input key={`${name}-${i}`} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className="btn-primary w-full">
        {t('auth.confirm.resubmit')}
      </button>
    </Form>
  )
}

export default function ConfirmIdentity() {
  const { withCode, back } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const resubmission = actionData && 'resubmission' in actionData ? actionData.resubmission : null
  if (resubmission) {
    return (
      <AuthCard title={t('auth.confirm.confirmedTitle')}>
        <Resubmit action={resubmission.action} fields={resubmission.fields} />
      </AuthCard>
    )
  }
  return (
    <AuthCard
      title={t('auth.confirm.title')}
      lead={t('auth.confirm.lead')}
      footer={<Link to={back}>{t('auth.confirm.back')}</Link>}
    >
      <div className="space-y-6">
        <ProofForm method="password" />
        {withCode ? (
          <>
            <p className="text-center text-sm text-slate-700">{t('auth.confirm.or')}</p>
            <ProofForm method="code" />
          </>
        ) : null}
      </div>
    </AuthCard>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export const headers = passOnHeaders

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
