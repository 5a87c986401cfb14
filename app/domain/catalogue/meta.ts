import type { TFunction } from 'i18next'
import { pageTitle } from '~/utils/meta'
import type { BrowseState } from './params'

/** The `<title>` of a browse page says what is searched, so a shared search reads well in a tab or a link preview. */
export function browseTitle(t: TFunction, base: string, page: { state: BrowseState; page: number }) {
  const title = page.state.q ? t('browse.titleWithQuery', { q: page.state.q, title: base }) : base
  return page.page > 1 ? t('browse.titlePage', { title, page: page.page }) : title
}

/**
 * Meta for pages whose loader returns `title` and `description` (and `feed`, a search's Atom feed, which feed
 * readers and browsers find by its `<link rel="alternate">`); an error page is titled by its status.
 */
export const browseMeta = ({ data, error, matches }: { data: unknown; error?: unknown; matches: { id: string; data: unknown }[] }) => {
  const page = data as { title?: string; description?: string; feed?: { href: string; title: string } } | undefined
  if (!page?.title) {
    const titles = (matches.find((m) => m.id === 'root')?.data as { errorTitles?: Record<'400' | '404' | '500', string> } | undefined)?.errorTitles
    const status = (error as { status?: number } | undefined)?.status
    const title = titles?.[status === 400 ? '400' : status === 404 ? '404' : '500']
    return [{ title: title ? pageTitle(title) : 'Connection Hub' }]
  }
  return [
    { title: pageTitle(page.title) },
    ...(page.description ? [{ name: 'description', content: page.description }] : []),
    ...(page.feed ? [{ tagName: 'link', rel: 'alternate', type: 'application/atom+xml', title: page.feed.title, href: page.feed.href }] : []),
  ]
}
