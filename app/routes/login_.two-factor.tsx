import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useSearchParams } from '@remix-run/react'
import { AuthCard } from '~/components/auth-layout'
import { FormErrors, TextField } from '~/components/forms'
import { SecondFactorSchema } from '~/domain/accounts/schemas'
import { passSecondFactor } from '~/domain/accounts/second-factor.server'
import { attempt, limitAttempt, parseForm } from '~/http/forms.server'
import { safeRedirect, sessionOfBrowser, standingOf } from '~/http/session.server'
import { db } from '~/utils/db.server'
import { flashCookie } from '~/utils/flash.server'
import { useTranslation } from '~/utils/i18n-react'
import type { I18nHandle } from '~/utils/i18n-page'
import { requestTranslator } from '~/utils/i18n.server'
import { passOnHeaders, titleMeta } from '~/utils/meta'
import { urls } from '~/utils/urls'
import { useIsPending } from '~/utils/use-is-pending'

/** Only a partial session (password given, second factor not yet) has anything to do here. */
async function requirePartialSession(request: Request) {
  const session = await sessionOfBrowser(request)
  if (!session) throw redirect(urls.login())
  if (standingOf(session) !== 'second-factor-pending') throw redirect(urls.dashboard())
  return session
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePartialSession(request)
  const { t } = await requestTranslator(request)
  return { title: t('auth.secondFactor.title') }
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await requirePartialSession(request)
  const form = await parseForm(request, SecondFactorSchema)
  if (!form.ok) return form.response
  const limit = await limitAttempt(request, form.submission, { scope: 'second-factor', account: session.user.id })
  if (limit.refusal) return limit.refusal
  const { kind, code } = form.value
  const outcome = await attempt(form.submission, () => passSecondFactor(db, { userId: session.user.id, sessionId: session.id, kind, code }))
  if (!outcome.ok) return outcome.response
  await limit.forget()
  const to = safeRedirect(form.value.redirectTo, urls.dashboard())
  if (kind === 'totp') return redirect(to)
  return redirect(to, { headers: { 'Set-Cookie': flashCookie({ key: 'auth.secondFactor.recoveryCodeUsed', tone: 'info' }) } })
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['auth', 'validation'] }

function CodeForm({ kind }: { kind: 'totp' | 'recovery' }) {
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const { t } = useTranslation()
  const busy = useIsPending()
  const submittedKind = (actionData?.result.initialValue as { kind?: string } | null | undefined)?.kind
  const [form, fields] = useForm({
    id: `second-factor-${kind}`,
    lastResult: submittedKind === kind ? actionData?.result : undefined,
    constraint: getZodConstraint(SecondFactorSchema),
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SecondFactorSchema }),
  })
  const totp = kind === 'totp'
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
      <TextField
        meta={fields.code}
        label={totp ? t('auth.secondFactor.codeLabel') : t('auth.secondFactor.recoveryLabel')}
        hint={totp ? t('auth.secondFactor.codeHint') : t('auth.secondFactor.recoveryHint')}
        autoComplete={totp ? 'one-time-code' : 'off'}
        inputMode={totp ? 'numeric' : 'text'}
      />
      <button type="submit" className={totp ? 'btn-primary w-full' : 'btn-secondary w-full'} disabled={busy}>
        {totp ? t('auth.secondFactor.submit') : t('auth.secondFactor.recoverySubmit')}
      </button>
    </Form>
  )
}

export default function SecondFactorStep() {
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const recoveryTried = (actionData?.result.initialValue as { kind?: string } | null | undefined)?.kind === 'recovery'
  return (
    <AuthCard
      title={t('auth.secondFactor.title')}
      lead={t('auth.secondFactor.lead')}
      footer={
        <Form method="post" action={urls.logout()}>
          <button type="submit" className="text-brand-700 underline hover:text-brand-800">
            {t('auth.secondFactor.cancel')}
          </button>
        </Form>
      }
    >
      <div className="space-y-6">
        <CodeForm kind="totp" />
        <details open={recoveryTried} className="rounded-md border border-slate-200 p-3">
          <summary className="cursor-pointer text-sm font-medium">{t('auth.secondFactor.useRecovery')}</summary>
          <div className="mt-3">
            <CodeForm kind="recovery" />
          </div>
        </details>
      </div>
    </AuthCard>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export const headers = passOnHeaders

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
