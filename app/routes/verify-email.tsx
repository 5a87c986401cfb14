import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { AuthCard } from '~/components/auth-layout'
import { resendVerification, verifyEmail } from '~/domain/accounts/users.server'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { readForm } from '~/http/forms.server'
import { publicOrigin } from '~/utils/env.server'
import { requestTranslator } from '~/utils/i18n.server'
import { passOnHeaders, titleMeta } from '~/utils/meta'
import { requireUser } from '~/http/session.server'
import type { I18nHandle } from '~/utils/i18n-page'
import { urls } from '~/utils/urls'

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token')?.slice(0, 100) ?? ''
  const { t } = await requestTranslator(request)
  const verified = token ? await verifyEmail(db, token) : false
  return data(
    { title: t('auth.verifyTitle'), verified },
    { status: verified ? 200 : 400, headers: { 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' } },
  )
}

/** Sends a fresh verification link to the signed-in user, within the limits per account and per address. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  await readForm(request)
  const { t, locale } = await requestTranslator(request)
  const outcome = await resendVerification(db, user, { origin: publicOrigin(), locale })
  if (outcome.status === 'limited') {
    throw new Response(t('auth.verificationResendLimited'), { status: 429, headers: { 'Retry-After': String(outcome.retryAfterSeconds) } })
  }
  return redirectWithFlash(urls.account(), { key: 'auth.verificationSent', tone: 'info' })
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['auth'] }

export default function VerifyEmail() {
  const { verified } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <AuthCard title={t('auth.verifyTitle')}>
      <p role="status">{verified ? t('auth.verifyDone') : t('auth.verifyInvalid')}</p>
      <p className="mt-4">
        <Link to={urls.login()} className="btn-primary">
          {t('auth.loginSubmit')}
        </Link>
      </p>
    </AuthCard>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export const headers = passOnHeaders

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
