import { layoutNamespaces, serverOnlyNamespaces, type Namespace } from './i18n'

/** What a route module declares in `export const handle`: the namespaces its page uses besides the layout's. */
export interface I18nHandle {
  i18n?: readonly Namespace[]
}

/** The namespaces a page needs: the layout's and every matched route's, never the email-only ones. */
export function pageNamespaces(handles: readonly unknown[]): Namespace[] {
  const needed = new Set<Namespace>(layoutNamespaces)
  for (const handle of handles) for (const ns of (handle as I18nHandle | undefined)?.i18n ?? []) needed.add(ns)
  for (const ns of serverOnlyNamespaces) needed.delete(ns)
  return [...needed].sort()
}

/** The page's strings as the server embeds them for the browser (`<` escaped, so no text can end the script). */
export const PAGE_STRINGS_ID = 'hub-i18n'
export const serializePageStrings = (value: { lng: string; resources: Record<string, unknown> }) =>
  JSON.stringify(value).replace(/</g, '\\u003c')
