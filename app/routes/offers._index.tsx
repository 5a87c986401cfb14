import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { BrowseErrorBoundary, BrowsePage } from '~/components/browse/browse-page'
import { browseMeta, browseTitle } from '~/domain/search/meta'
import { browsePage } from '~/domain/search/page.server'
import { db } from '~/utils/db.server'
import { requestTranslator } from '~/utils/i18n.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const { t, locale } = await requestTranslator(request)
  const page = await browsePage(db, 'offers', new URL(request.url).searchParams, { t, locale })
  if (!page.ok) throw new Response(page.problems.join(' '), { status: 400 })
  return { ...page, title: browseTitle(t, page), description: t('browse.offers.lead') }
}

export default function Offers() {
  return <BrowsePage data={useLoaderData<typeof loader>()} />
}

export const meta: MetaFunction<typeof loader> = browseMeta

export function ErrorBoundary() {
  return <BrowseErrorBoundary listing="offers" />
}
