import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { DateTime } from '~/components/date-time'
import { FormErrors, TextField } from '~/components/forms'
import { EnrolTotpSchema, SecondFactorSettingsSchema } from '~/domain/accounts/schemas'
import { newTotpKey, secondFactorRequired, totpKeyFromText } from '~/domain/accounts/second-factor'
import { disableTotp, enrolTotp, regenerateRecoveryCodes, secondFactorStatus } from '~/domain/accounts/second-factor.server'
import { DomainError } from '~/domain/errors'
import { domainErrorText, parseForm } from '~/http/forms.server'
import { isDeployed, requireSession } from '~/http/session.server'
import { requireRecentAuthentication } from '~/http/step-up.server'
import { totpSetup } from '~/http/totp-setup.server'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { useTranslation } from '~/utils/i18n-react'
import type { I18nHandle } from '~/utils/i18n-page'
import { requestTranslator } from '~/utils/i18n.server'
import { titleMeta } from '~/utils/meta'
import { urls } from '~/utils/urls'
import { useIsPending } from '~/utils/use-is-pending'

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSession(request)
  const { t } = await requestTranslator(request)
  const status = await secondFactorStatus(db, session.user.id)
  return {
    title: t('account.secondFactor.title'),
    ...status,
    required: secondFactorRequired(session.user.platformRole, isDeployed()),
    // A new key on every visit until one is confirmed: nothing is stored before the app's first code proves it.
    setup: status.enrolled ? null : totpSetup(session.user.email, newTotpKey()),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await requireSession(request)
  const form = await parseForm(request, SecondFactorSettingsSchema)
  // A refused enrolment shows the same key again: the person's app already holds it.
  const keyText = form.formData.get('key')
  const sameKey = typeof keyText === 'string' ? totpKeyFromText(keyText) : null
  const setup = sameKey ? totpSetup(session.user.email, sameKey) : null
  if (!form.ok) return data({ result: form.response.data.result, setup, recoveryCodes: null }, { status: 400 })
  const step = form.value
  if (step.intent === 'enrol') {
    if (!sameKey) throw new Response('The key could not be read.', { status: 400 })
    try {
      const recoveryCodes = await enrolTotp(db, { user: session.user, sessionId: session.id, key: sameKey, code: step.code })
      return { result: undefined, setup: null, recoveryCodes }
    } catch (error) {
      if (!(error instanceof DomainError)) throw error
      const { locale } = await requestTranslator(request)
      const result = form.submission.reply({ fieldErrors: { code: [domainErrorText(error, locale)] } })
      return data({ result, setup, recoveryCodes: null }, { status: error.status })
    }
  }
  await requireRecentAuthentication(request, form.formData)
  try {
    if (step.intent === 'regenerate') return { result: undefined, setup: null, recoveryCodes: await regenerateRecoveryCodes(db, session.user) }
    await disableTotp(db, session.user)
  } catch (error) {
    // Already off, or already on: a second tab acted first; the page shows how things stand now.
    if (error instanceof DomainError && error.status === 409) return redirectWithFlash(urls.accountTwoFactor(), { key: error.code, tone: 'error' })
    throw error
  }
  return redirectWithFlash(urls.accountTwoFactor(), { key: 'account.secondFactor.disabled', tone: 'info' })
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['account', 'auth', 'validation'] }

function RecoveryCodes({ codes }: { codes: string[] }) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="recovery-title" className="space-y-3 rounded-md border border-amber-200 bg-amber-50 p-4">
      <h3 id="recovery-title">{t('account.secondFactor.recoveryTitle')}</h3>
      <p className="text-sm">{t('account.secondFactor.recoveryLead')}</p>
      <ol className="grid grid-cols-2 gap-2 font-mono text-sm" aria-label={t('account.secondFactor.recoveryTitle')}>
        {codes.map((code) => (
          <li key={code}>
            <code dir="ltr">{code}</code>
          </li>
        ))}
      </ol>
    </section>
  )
}

function Enrolment({ setup, lastResult }: { setup: { keyText: string; qrSvg: string }; lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation()
  const busy = useIsPending()
  const [form, fields] = useForm({
    id: 'enrol-totp',
    lastResult,
    constraint: getZodConstraint(EnrolTotpSchema),
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EnrolTotpSchema }),
  })
  return (
    <div className="space-y-4">
      <p>{t('account.secondFactor.enrolLead')}</p>
      <ol className="list-decimal space-y-4 ps-5">
        <li className="space-y-2">
          <p>{t('account.secondFactor.scan')}</p>
          {/* Drawn on the server from our own key URI; it carries no script. */}
          <div role="img" aria-label={t('account.secondFactor.qrLabel')} className="w-44 bg-white p-1" dangerouslySetInnerHTML={{ __html: setup.qrSvg }} />
          <label htmlFor="totp-key" className="label">
            {t('account.secondFactor.keyLabel')}
          </label>
          <input id="totp-key" readOnly value={setup.keyText} dir="ltr" className="input mt-1 max-w-md font-mono" aria-describedby="totp-key-hint" />
          <p id="totp-key-hint" className="hint">
            {t('account.secondFactor.keyHint')}
          </p>
        </li>
        <li>
          <Form method="post" {...getFormProps(form)} className="max-w-md space-y-4">
            <FormErrors id={form.errorId} errors={form.errors} />
            <input type="hidden" name="intent" value="enrol" />
            <input type="hidden" name="key" value={setup.keyText} />
            <TextField meta={fields.code} label={t('account.secondFactor.codeLabel')} hint={t('auth.secondFactor.codeHint')} autoComplete="one-time-code" inputMode="numeric" />
            <button type="submit" className="btn-primary" disabled={busy}>
              {t('account.secondFactor.enable')}
            </button>
          </Form>
        </li>
      </ol>
    </div>
  )
}

function Enrolled({ enabledAt, recoveryCodesLeft }: { enabledAt: Date | string | null; recoveryCodesLeft: number }) {
  const { t } = useTranslation()
  const busy = useIsPending()
  return (
    <div className="space-y-4">
      <p>
        {t('account.secondFactor.enabledSince')} {enabledAt ? <DateTime value={enabledAt} /> : null}
      </p>
      <p>{t('account.secondFactor.codesLeft', { left: recoveryCodesLeft })}</p>
      <div className="flex flex-wrap gap-3">
        <Form method="post">
          <input type="hidden" name="intent" value="regenerate" />
          <button type="submit" className="btn-secondary" disabled={busy}>
            {t('account.secondFactor.regenerate')}
          </button>
        </Form>
        <Form method="post">
          <input type="hidden" name="intent" value="disable" />
          <button type="submit" className="btn-danger" disabled={busy}>
            {t('account.secondFactor.disable')}
          </button>
        </Form>
      </div>
    </div>
  )
}

export default function SecondFactorSettings() {
  const { enrolled, enabledAt, recoveryCodesLeft, required, setup } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const shownSetup = actionData?.setup ?? setup
  return (
    <section aria-labelledby="second-factor-title" className="space-y-4">
      <h2 id="second-factor-title">{t('account.secondFactor.title')}</h2>
      {required && !enrolled ? (
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          {t('account.secondFactor.requiredNotice')}
        </p>
      ) : null}
      {actionData?.recoveryCodes ? <RecoveryCodes codes={actionData.recoveryCodes} /> : null}
      {enrolled ? <Enrolled enabledAt={enabledAt} recoveryCodesLeft={recoveryCodesLeft} /> : null}
      {!enrolled && shownSetup ? <Enrolment setup={shownSetup} lastResult={actionData?.result} /> : null}
    </section>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
