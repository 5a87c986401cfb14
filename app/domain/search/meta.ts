import type { TFunction } from 'i18next'
import { messages } from '~/locales'
import { pageTitle } from '~/utils/meta'
import type { BrowseState, Listing } from './params'

/** The `<title>` of a browse page says what is searched, so a shared search reads well in a tab or a link preview. */
export function browseTitle(t: TFunction, page: { listing: Listing; state: BrowseState; page: number }) {
  const base = t(`browse.${page.listing}.title`)
  const title = page.state.q ? t('browse.titleWithQuery', { q: page.state.q, title: base }) : base
  return page.page > 1 ? t('browse.titlePage', { title, page: page.page }) : title
}

/** Meta for pages whose loader returns `title` and `description`; an error page is titled by its status. */
export const browseMeta = ({ data, error, matches }: { data: unknown; error?: unknown; matches: { id: string; data: unknown }[] }) => {
  const page = data as { title?: string; description?: string } | undefined
  if (!page?.title) {
    const locale = (matches.find((m) => m.id === 'root')?.data as { locale?: string } | undefined)?.locale
    const strings = messages[locale === 'fr' ? 'fr' : 'en']
    const status = (error as { status?: number } | undefined)?.status
    const title = status === 400 ? strings.browse.errors.title : status === 404 ? strings.errors.notFoundTitle : strings.errors.serverTitle
    return [{ title: pageTitle(title) }]
  }
  return [{ title: pageTitle(page.title) }, ...(page.description ? [{ name: 'description', content: page.description }] : [])]
}
