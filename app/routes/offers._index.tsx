import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { BrowseErrorBoundary, BrowsePage } from '~/components/browse/browse-page'
import { browseMeta, browseTitle } from '~/domain/catalogue/meta'
import { browsePage } from '~/domain/catalogue/page.server'
import { db } from '~/utils/db.server'
import { requestTranslator } from '~/utils/i18n.server'
import type { I18nHandle } from '~/utils/i18n-page'
import type { HydrationHandle } from '~/utils/hydration'

export async function loader({ request }: LoaderFunctionArgs) {
  const { t, locale } = await requestTranslator(request)
  const page = await browsePage(db, 'offers', new URL(request.url).searchParams, { t, locale })
  if (!page.ok) throw new Response(page.problems.join(' '), { status: 400 })
  return { ...page, title: browseTitle(t, t('browse.offers.title'), page), description: t('browse.offers.lead') }
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle & HydrationHandle = { i18n: ['browse', 'practices'], hydrate: 'signed-in' }

export default function Offers() {
  return <BrowsePage data={useLoaderData<typeof loader>()} />
}

export const meta: MetaFunction<typeof loader> = browseMeta

export function ErrorBoundary() {
  return <BrowseErrorBoundary listing="offers" />
}
