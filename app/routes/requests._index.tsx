import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { BrowseErrorBoundary, BrowsePage } from '~/components/browse/browse-page'
import { describeSearch } from '~/domain/alerts/saved-searches.server'
import { browseMeta, browseTitle } from '~/domain/catalogue/meta'
import { browsePage } from '~/domain/catalogue/page.server'
import { feedLink } from '~/domain/open-data/atom.server'
import { getUser } from '~/http/session.server'
import { db } from '~/utils/db.server'
import { requestTranslator } from '~/utils/i18n.server'
import type { I18nHandle } from '~/utils/i18n-page'

export async function loader({ request }: LoaderFunctionArgs) {
  const { t, locale } = await requestTranslator(request)
  const [page, user] = await Promise.all([browsePage(db, 'requests', new URL(request.url).searchParams, { t, locale }), getUser(request)])
  if (!page.ok) throw new Response(page.problems.join(' '), { status: 400 })
  const save = { signedIn: user !== null, defaultName: describeSearch(t, locale, { listing: 'requests', state: page.state }) }
  return { ...page, save, title: browseTitle(t, t('browse.requests.title'), page), description: t('browse.requests.lead'), feed: feedLink({ t, locale }, 'requests', page.state) }
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['alerts', 'browse', 'practices'] }

export default function Requests() {
  const data = useLoaderData<typeof loader>()
  return <BrowsePage data={data} save={data.save} />
}

export const meta: MetaFunction<typeof loader> = browseMeta

export function ErrorBoundary() {
  return <BrowseErrorBoundary listing="requests" />
}
