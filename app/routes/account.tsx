import type { LoaderFunctionArgs } from '@remix-run/node'
import { Form, NavLink, Outlet, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { requireUser } from '~/http/session.server'
import type { I18nHandle } from '~/utils/i18n-page'
import { urls } from '~/utils/urls'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return {
    email: user.email,
    emailVerified: Boolean(user.emailVerifiedAt),
    platformRole: user.platformRole,
  }
}

const tabClass = ({ isActive }: { isActive: boolean }) =>
  `block rounded-md px-3 py-2 text-sm font-medium no-underline hover:no-underline ${
    isActive ? 'bg-brand-50 text-brand-800' : 'text-slate-700 hover:bg-slate-100'
  }`

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['account', 'auth', 'roles'] }

export default function AccountLayout() {
  const { email, emailVerified, platformRole } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1>{t('account.title')}</h1>
        <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-700">
          <div className="flex gap-1">
            <dt className="font-medium">{t('account.emailStatus')}:</dt>
            <dd>
              {email} ({emailVerified ? t('account.verified') : t('account.notVerified')})
            </dd>
          </div>
          <div className="flex gap-1">
            <dt className="font-medium">{t('account.platformRole')}:</dt>
            <dd>{t(`roles.${platformRole}`)}</dd>
          </div>
        </dl>
        {emailVerified ? null : (
          <div className="flex flex-wrap items-center gap-3 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
            <p>{t('auth.verifyPending')}</p>
            <Form method="post" action={urls.verifyEmail()}>
              <button type="submit" className="btn-secondary">
                {t('auth.resendVerification')}
              </button>
            </Form>
          </div>
        )}
      </header>
      <div className="grid gap-6 md:grid-cols-[12rem_1fr]">
        <nav aria-label={t('account.title')}>
          <ul className="flex gap-1 md:flex-col">
            <li>
              <NavLink to={urls.account()} end className={tabClass}>
                {t('account.profile')}
              </NavLink>
            </li>
            <li>
              <NavLink to={urls.accountPassword()} className={tabClass}>
                {t('account.security')}
              </NavLink>
            </li>
            <li>
              <NavLink to={urls.accountTwoFactor()} className={tabClass}>
                {t('account.secondFactor.tab')}
              </NavLink>
            </li>
            <li>
              <NavLink to={urls.accountNotifications()} className={tabClass}>
                {t('account.notifications.tab')}
              </NavLink>
            </li>
            <li>
              <NavLink to={urls.accountSessions()} className={tabClass}>
                {t('account.sessions')}
              </NavLink>
            </li>
          </ul>
        </nav>
        <div className="card">
          <Outlet />
        </div>
      </div>
    </div>
  )
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
