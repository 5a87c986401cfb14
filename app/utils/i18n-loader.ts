import type { i18n as I18n } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { Namespace } from './i18n'

/**
 * The browser's side of the strings: each `<language>/<namespace>.json` is a chunk of its own, fetched the first
 * time a page needs it (the first page's strings come inline with the HTML, see root.tsx). Email-only
 * namespaces are never bundled.
 */
const files = import.meta.glob<Record<string, unknown>>(['../locales/*/*.json', '!../locales/*/email.json', '!../locales/*/requestEmails.json'], {
  import: 'default',
})

const pending = new Map<string, Promise<void>>()

function loadNamespaces(i18n: I18n, lng: string, missing: readonly Namespace[]) {
  const key = `${lng}|${missing.join(',')}`
  let loading = pending.get(key)
  if (!loading) {
    loading = Promise.all(
      missing.map(async (ns) => {
        const load = files[`../locales/${lng}/${ns}.json`]
        if (load) i18n.addResourceBundle(lng, ns, await load(), true, true)
      }),
    ).then(() => undefined)
    pending.set(key, loading)
    loading.catch(() => pending.delete(key))
  }
  return loading
}

/**
 * Suspends rendering until the page's namespaces are loaded. A navigation runs in a React transition, so the
 * previous page stays on screen meanwhile; the server and the first page never wait (everything is there).
 */
export function useNamespaces(lng: string, needed: readonly Namespace[]) {
  const { i18n } = useTranslation()
  const missing = needed.filter((ns) => !i18n.hasResourceBundle(lng, ns))
  if (missing.length) throw loadNamespaces(i18n, lng, missing)
}
