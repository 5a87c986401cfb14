/** `<title>` for a page: what it is first, then the product. */
export const pageTitle = (title: string) => `${title} — Connection Hub`

/** Meta for routes whose loader returns a translated `title`. */
export const titleMeta = ({ data }: { data: unknown }) => {
  const title = (data as { title?: string } | undefined)?.title
  return [{ title: title ? pageTitle(title) : 'Connection Hub' }]
}
