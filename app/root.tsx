import { data, type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node'
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { useChangeLanguage } from 'remix-i18next/react'
import { SiteFooter, SiteHeader } from '~/components/layout'
import { ErrorPage } from '~/components/error-page'
import { FlashMessage } from '~/components/flash'
import { unreadCount } from '~/domain/notifications/notifications.server'
import { db } from '~/utils/db.server'
import { publicEnv } from '~/utils/env.server'
import { readFlash } from '~/utils/flash.server'
import { textDirection } from '~/utils/i18n'
import { i18next } from '~/utils/i18n.server'
import { useNonce } from '~/utils/nonce'
import { isStaff } from '~/utils/permissions'
import { getUser } from '~/utils/session.server'
import stylesheet from './styles.css?url'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, locale] = await Promise.all([getUser(request), i18next.getLocale(request)])
  const unread = user ? await unreadCount(db, user.id) : 0
  const { flash, clear } = readFlash(request)
  return data(
    {
      locale,
      flash,
      env: publicEnv(request),
      user: user
        ? { displayName: user.displayName, email: user.email, staff: isStaff(user), emailVerified: Boolean(user.emailVerifiedAt), unread }
        : null,
    },
    { headers: clear ? { 'Set-Cookie': clear } : undefined },
  )
}

export const handle = { i18n: 'common' }

export function useRootData() {
  return useRouteLoaderData<typeof loader>('root')
}

function Document({ children, locale }: { children: React.ReactNode; locale: string }) {
  const nonce = useNonce()
  return (
    <html lang={locale} dir={textDirection(locale)} className="h-full">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-full flex-col">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  const { locale, flash, user, env } = useLoaderData<typeof loader>()
  const { i18n } = useTranslation()
  useChangeLanguage(locale)
  return (
    <Document locale={i18n.language || locale}>
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
  return (
    <Document locale={root?.locale ?? 'en'}>
      <SiteHeader user={root?.user ?? null} showDevTools={false} />
      <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 sm:px-6">
        <ErrorPage error={error} />
      </main>
      <SiteFooter />
    </Document>
  )
}
