import { data, type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node'
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import { useTranslation, useTranslator } from '~/utils/i18n-react'
import { SiteFooter, SiteHeader } from '~/components/layout'
import { ErrorPage } from '~/components/error-page'
import { FlashMessage } from '~/components/flash'
import { unreadCount } from '~/domain/notifications/notifications.server'
import { db } from '~/utils/db.server'
import { publicEnv, publicOrigin } from '~/utils/env.server'
import { readFlash } from '~/utils/flash.server'
import { supportedLanguages, textDirection } from '~/utils/i18n'
import { useNamespaces } from '~/utils/i18n-loader'
import { PAGE_STRINGS_ID, pageNamespaces, serializePageStrings } from '~/utils/i18n-page'
import { languageCookie, languageFromLink, requestLanguage, translator } from '~/utils/i18n.server'
import { useNonce } from '~/utils/nonce'
import { pageHydrates } from '~/utils/hydration'
import { isStaff } from '~/domain/access/abilities'
import { getUser } from '~/http/session.server'
import stylesheet from './styles.css?url'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, locale] = await Promise.all([getUser(request), requestLanguage(request)])
  const unread = user ? await unreadCount(db, user.id) : 0
  const { flash, clear } = readFlash(request)
  // Flashes are worded here, in the reader's language: the page they land on need not carry their namespace.
  const t = translator(locale)
  const headers = new Headers()
  if (clear) headers.append('Set-Cookie', clear)
  // A shared link's language is kept, so the pages the reader goes on to stay in it.
  if (languageFromLink(request)) headers.append('Set-Cookie', await languageCookie.serialize(locale))
  return data(
    {
      locale,
      origin: publicOrigin(),
      /** The titles of error pages, for route `meta` functions (which have no translator of their own). */
      errorTitles: { '400': t('errors.badSearchTitle'), '404': t('errors.notFoundTitle'), '500': t('errors.serverTitle') },
      flash: flash ? { tone: flash.tone, text: t(flash.key as never, flash.values ?? {}) as string } : null,
      env: publicEnv(request),
      user: user
        ? { displayName: user.displayName, email: user.email, staff: isStaff(user), emailVerified: Boolean(user.emailVerifiedAt), unread }
        : null,
    },
    { headers },
  )
}

export function useRootData() {
  return useRouteLoaderData<typeof loader>('root')
}

/** The same page in each language, for search engines and for people who share links (`?lng=`). */
function LanguageAlternates({ origin }: { origin: string }) {
  const location = useLocation()
  const href = (lng?: string) => {
    const params = new URLSearchParams(location.search)
    params.delete('lng')
    if (lng) params.set('lng', lng)
    const query = params.toString()
    return `${origin}${location.pathname}${query ? `?${query}` : ''}`
  }
  return (
    <>
      {supportedLanguages.map((lng) => (
        <link key={lng} rel="alternate" hrefLang={lng} href={href(lng)} />
      ))}
      <link rel="alternate" hrefLang="x-default" href={href()} />
    </>
  )
}

/** The page's strings for the browser, written once by the server (the browser reads them before it hydrates). */
function PageStrings({ locale }: { locale: string }) {
  const page = useTranslator()
  const json = typeof document === 'undefined' ? serializePageStrings({ lng: locale, resources: page.resources }) : ''
  return <script id={PAGE_STRINGS_ID} type="application/json" suppressHydrationWarning dangerouslySetInnerHTML={{ __html: json }} />
}

function Document({ children, locale, origin, hydrate = true }: { children: React.ReactNode; locale: string; origin?: string; hydrate?: boolean }) {
  const nonce = useNonce()
  return (
    <html lang={locale} dir={textDirection(locale)} className="h-full">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        {origin ? <LanguageAlternates origin={origin} /> : null}
        <Links />
      </head>
      <body className="flex min-h-full flex-col">
        {children}
        {hydrate ? (
          <>
            <PageStrings locale={locale} />
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  )
}

export default function App() {
  const { locale, origin, flash, user, env } = useLoaderData<typeof loader>()
  const { i18n } = useTranslation()
  const handles = useMatches().map((match) => match.handle)
  useNamespaces(pageNamespaces(handles))
  return (
    <Document locale={i18n.language || locale} origin={origin} hydrate={pageHydrates(handles, { signedIn: Boolean(user) })}>
      <SiteHeader user={user} showDevTools={env.devTools} />
      <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 sm:px-6">
        {flash ? <FlashMessage flash={flash} /> : null}
        <Outlet />
      </main>
      <SiteFooter />
    </Document>
  )
}

export function ErrorBoundary() {
  const error = useRouteError()
  const root = useRootData()
  const { i18n } = useTranslation()
  return (
    <Document locale={i18n.language || root?.locale || 'en'}>
      <SiteHeader user={root?.user ?? null} showDevTools={false} />
      <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 sm:px-6">
        <ErrorPage error={error} />
      </main>
      <SiteFooter />
    </Document>
  )
}
