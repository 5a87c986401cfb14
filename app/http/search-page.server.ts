import { describeSearch } from '~/domain/alerts/saved-searches.server'
import { browseTitle } from '~/domain/catalogue/meta'
import { browsePage } from '~/domain/catalogue/page.server'
import { feedLink } from '~/domain/open-data/atom.server'
import { db } from '~/utils/db.server'
import { requestTranslator } from '~/utils/i18n.server'
import { getUser } from './session.server'

/**
 * What /requests and /offers load: a page of the search (a 400 for an address it cannot search), its title, the
 * "save this search" form's defaults and the search's Atom feed.
 */
export async function searchPage(request: Request, listing: 'requests' | 'offers') {
  const { t, locale } = await requestTranslator(request)
  const [page, user] = await Promise.all([browsePage(db, listing, new URL(request.url).searchParams, { t, locale }), getUser(request)])
  if (!page.ok) throw new Response(page.problems.join(' '), { status: 400 })
  return {
    ...page,
    title: browseTitle(t, t(`browse.${listing}.title`), page),
    description: t(`browse.${listing}.lead`),
    save: { signedIn: user !== null, defaultName: describeSearch(t, locale, { listing, state: page.state }) },
    feed: feedLink({ t, locale }, listing, page.state),
  }
}
