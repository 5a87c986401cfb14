import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { BrowseErrorBoundary, BrowsePage } from '~/components/browse/browse-page'
import { browseMeta } from '~/domain/catalogue/meta'
import { searchPage } from '~/http/search-page.server'
import type { I18nHandle } from '~/utils/i18n-page'
import type { HydrationHandle } from '~/utils/hydration'

export const loader = ({ request }: LoaderFunctionArgs) => searchPage(request, 'requests')

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle & HydrationHandle = { i18n: ['alerts', 'browse', 'practices'], hydrate: 'signed-in' }

export default function Requests() {
  const data = useLoaderData<typeof loader>()
  return <BrowsePage data={data} save={data.save} />
}

export const meta: MetaFunction<typeof loader> = browseMeta

export function ErrorBoundary() {
  return <BrowseErrorBoundary listing="requests" />
}
