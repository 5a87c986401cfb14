import { Form, Link, NavLink, useLocation } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { isLanguage, languageNames, supportedLanguages, textDirection } from '~/utils/i18n'
import { urls } from '~/utils/urls'

interface HeaderUser {
  displayName: string
  email: string
  staff: boolean
  unread: number
}

/**
 * Each language by its own name, in a disclosure that works without JavaScript. Choosing one reloads the page
 * in it (the strings of a language are loaded with the document).
 */
function LanguageSwitcher() {
  const { t, i18n } = useTranslation()
  const location = useLocation()
  const current = isLanguage(i18n.language) ? i18n.language : 'en'
  return (
    <details className="relative">
      <summary className="cursor-pointer list-none rounded-md px-2 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100" aria-label={t('nav.languageMenu', { language: languageNames[current] })}>
        <span className="inline-flex items-center gap-1.5">
          <svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.3">
            <circle cx="8" cy="8" r="6.5" />
            <path d="M1.5 8h13M8 1.5c2 2 2.8 4.2 2.8 6.5S10 12.5 8 14.5M8 1.5C6 3.5 5.2 5.7 5.2 8S6 12.5 8 14.5" />
          </svg>
          {languageNames[current]}
        </span>
      </summary>
      <Form method="post" action={urls.language()} reloadDocument className="absolute end-0 z-20 mt-2 w-44 rounded-md border border-slate-200 bg-white p-1 shadow-lg" aria-label={t('nav.language')}>
        <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
        <ul>
          {supportedLanguages.map((lng) => (
            <li key={lng}>
              <button
                type="submit"
                name="lng"
                value={lng}
                lang={lng}
                dir={textDirection(lng)}
                aria-current={current === lng ? 'true' : undefined}
                className="block w-full rounded px-3 py-1.5 text-start text-sm text-slate-800 hover:bg-slate-100 aria-[current=true]:font-semibold aria-[current=true]:text-brand-800"
              >
                {languageNames[lng]}
              </button>
            </li>
          ))}
        </ul>
      </Form>
    </details>
  )
}

const navClass = ({ isActive }: { isActive: boolean }) =>
  `rounded px-2 py-1 text-sm font-medium no-underline hover:bg-brand-50 hover:no-underline ${
    isActive ? 'text-brand-800 underline decoration-2 underline-offset-4' : 'text-slate-700'
  }`

export function SiteHeader({ user, showDevTools }: { user: HeaderUser | null; showDevTools: boolean }) {
  const { t } = useTranslation()
  return (
    <header className="border-b border-slate-200 bg-white">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:start-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        {t('app.skipToContent')}
      </a>
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link to="/" className="flex items-center gap-2 text-slate-900 no-underline hover:no-underline">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span className="text-lg font-semibold">{t('app.name')}</span>
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <LanguageSwitcher />
          {user ? (
            <Link
              to={urls.notifications()}
              className="relative rounded-md px-2 py-1.5 text-sm font-medium text-slate-800 no-underline hover:bg-slate-100 hover:no-underline"
              aria-label={t('nav.notificationsLabel', { count: user.unread })}
            >
              {t('nav.notifications')}
              {user.unread > 0 ? (
                <span className="ms-1.5 rounded-full bg-red-700 px-1.5 py-0.5 text-xs font-semibold text-white" aria-hidden="true">
                  {user.unread}
                </span>
              ) : null}
            </Link>
          ) : null}
          {user ? (
            <details className="relative">
              <summary
                className="cursor-pointer list-none rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100"
                aria-label={t('nav.accountMenu', { name: user.displayName })}
              >
                {user.displayName}
              </summary>
              <div className="absolute end-0 z-20 mt-2 w-56 rounded-md border border-slate-200 bg-white p-2 shadow-lg">
                <p className="truncate px-2 py-1 text-xs text-slate-600">{user.email}</p>
                <Link to={urls.account()} className="block rounded px-2 py-1.5 text-sm text-slate-800 no-underline hover:bg-slate-100">
                  {t('nav.account')}
                </Link>
                <Link to={urls.fundMine()} className="block rounded px-2 py-1.5 text-sm text-slate-800 no-underline hover:bg-slate-100">
                  {t('nav.fundMine')}
                </Link>
                <Link to={urls.alerts()} className="block rounded px-2 py-1.5 text-sm text-slate-800 no-underline hover:bg-slate-100">
                  {t('nav.alerts')}
                </Link>
                <Form method="post" action={urls.logout()}>
                  <button type="submit" className="block w-full rounded px-2 py-1.5 text-start text-sm text-slate-800 hover:bg-slate-100">
                    {t('nav.logout')}
                  </button>
                </Form>
              </div>
            </details>
          ) : (
            <div className="flex items-center gap-2">
              <Link to={urls.login()} className="btn-secondary">
                {t('nav.login')}
              </Link>
              <Link to={urls.signup()} className="btn-primary">
                {t('nav.signup')}
              </Link>
            </div>
          )}
        </div>
      </div>
      <nav aria-label={t('nav.main')} className="border-t border-slate-100">
        <ul className="mx-auto flex max-w-5xl flex-wrap gap-1 px-4 py-1.5 sm:px-6">
          <li>
            <NavLink to="/" end className={navClass}>
              {t('nav.home')}
            </NavLink>
          </li>
          <li>
            <NavLink to={urls.requests()} className={navClass}>
              {t('nav.requests')}
            </NavLink>
          </li>
          <li>
            <NavLink to={urls.offers()} className={navClass}>
              {t('nav.offers')}
            </NavLink>
          </li>
          <li>
            <NavLink to={urls.projects()} className={navClass}>
              {t('nav.projects')}
            </NavLink>
          </li>
          <li>
            <NavLink to={urls.fund()} className={navClass}>
              {t('nav.fund')}
            </NavLink>
          </li>
          <li>
            <NavLink to={urls.practices()} className={navClass}>
              {t('nav.practices')}
            </NavLink>
          </li>
          <li>
            <NavLink to={urls.objectives()} className={navClass}>
              {t('nav.objectives')}
            </NavLink>
          </li>
          <li>
            <NavLink to={urls.dashboards()} className={navClass}>
              {t('nav.dashboards')}
            </NavLink>
          </li>
          {user ? (
            <>
              <li>
                <NavLink to={urls.dashboard()} className={navClass}>
                  {t('nav.dashboard')}
                </NavLink>
              </li>
              <li>
                <NavLink to={urls.organizations()} className={navClass}>
                  {t('nav.organizations')}
                </NavLink>
              </li>
            </>
          ) : null}
          {user?.staff ? (
            <>
              <li>
                <NavLink to={urls.secretariatRequests()} className={navClass}>
                  {t('nav.screening')}
                </NavLink>
              </li>
              <li>
                <NavLink to={urls.secretariatMatches()} className={navClass}>
                  {t('nav.matchBoard')}
                </NavLink>
              </li>
              <li>
                <NavLink to={urls.secretariatProjects()} className={navClass}>
                  {t('nav.portfolio')}
                </NavLink>
              </li>
              <li>
                <NavLink to={urls.secretariatFund()} className={navClass}>
                  {t('nav.fundConsole')}
                </NavLink>
              </li>
              <li>
                <NavLink to={urls.secretariatPractices()} className={navClass}>
                  {t('nav.practiceReviews')}
                </NavLink>
              </li>
              <li>
                <NavLink to={urls.secretariatVerification()} className={navClass}>
                  {t('nav.verification')}
                </NavLink>
              </li>
              <li>
                <NavLink to={urls.secretariatMail()} className={navClass}>
                  {t('nav.mail')}
                </NavLink>
              </li>
            </>
          ) : null}
          {showDevTools ? (
            <li>
              <NavLink to={urls.devOutbox()} className={navClass}>
                {t('nav.outbox')}
              </NavLink>
            </li>
          ) : null}
        </ul>
      </nav>
    </header>
  )
}

export function SiteFooter() {
  const { t } = useTranslation()
  return (
    <footer className="mt-12 border-t border-slate-200 bg-white" aria-label={t('nav.footer')}>
      <div className="mx-auto max-w-5xl space-y-2 px-4 py-6 text-sm text-slate-600 sm:px-6">
        <p>{t('footer.about')}</p>
        <p>
          {t('footer.gcm')} {t('footer.openData')} <Link to={urls.developers()}>{t('footer.developers')}</Link>
        </p>
      </div>
    </footer>
  )
}
