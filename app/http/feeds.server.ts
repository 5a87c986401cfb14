import type { LoaderFunctionArgs } from '@remix-run/node'
import { ATOM_CONTENT_TYPE } from '~/domain/open-data/atom'
import { listingFeed, type FeedListing } from '~/domain/open-data/atom.server'
import { db } from '~/utils/db.server'
import { publicOrigin } from '~/utils/env.server'
import { requestTranslator } from '~/utils/i18n.server'
import { openData } from './open-data.server'

/**
 * The loader of a search's Atom feed (`/requests.atom`, `/offers.atom`), cached as the open data is (an ETag, a
 * minute in shared caches, readable from any site). A search the page refuses is refused the same way: a 400 that
 * says why, in the reader's language, never kept by a cache.
 */
export const atomFeedLoader = (listing: FeedListing) =>
  openData(async ({ request }: LoaderFunctionArgs) => {
    const { t, locale } = await requestTranslator(request)
    const feed = await listingFeed(db, listing, new URL(request.url).searchParams, { t, locale, origin: publicOrigin() })
    if (!feed.ok) {
      return new Response(feed.problems.join(' '), { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })
    }
    return new Response(feed.xml, { headers: { 'Content-Type': ATOM_CONTENT_TYPE } })
  })
