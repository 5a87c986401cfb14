/** `<title>` for a page: what it is first, then the product. */
export const pageTitle = (title: string) => `${title} — Connection Hub`

/** Meta for routes whose loader returns a translated `title`. */
export const titleMeta = ({ data }: { data: unknown }) => {
  const title = (data as { title?: string } | undefined)?.title
  return [{ title: title ? pageTitle(title) : 'Connection Hub' }]
}

/**
 * Remix keeps only Set-Cookie from loaders and actions unless a route says otherwise; routes whose answers
 * carry meaningful headers (Retry-After, Referrer-Policy, Cache-Control) pass them on with this.
 */
export const passOnHeaders = ({ actionHeaders, loaderHeaders }: { actionHeaders: Headers; loaderHeaders: Headers }) => {
  const headers = new Headers()
  for (const source of [loaderHeaders, actionHeaders]) {
    for (const name of ['Retry-After', 'Referrer-Policy', 'Cache-Control']) {
      const value = source.get(name)
      if (value) headers.set(name, value)
    }
  }
  return headers
}

/** The head of a published item's page: its title, and its summary as the description and the Open Graph text. */
export const itemMeta = (item: { title: string; summary: string } | undefined, fallback: string) => {
  if (!item) return [{ title: pageTitle(fallback) }]
  const description = item.summary.slice(0, 300)
  return [
    { title: pageTitle(item.title) },
    { name: 'description', content: description },
    { property: 'og:title', content: item.title },
    { property: 'og:description', content: description },
  ]
}
