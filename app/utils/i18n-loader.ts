import type { Namespace } from './i18n'
import { useTranslator } from './i18n-react'
import type { Translator } from './translator'

/**
 * The browser's side of the strings: each `<language>/<namespace>.json` is a chunk of its own, fetched the first
 * time a page needs it (the first page's strings come inline with the HTML, see root.tsx). The table of those
 * chunks is itself loaded only then, so a first visit does not carry it.
 */
const pending = new Map<string, Promise<void>>()

function loadNamespaces(translator: Translator, missing: readonly Namespace[]) {
  const key = `${translator.language}|${missing.join(',')}`
  let loading = pending.get(key)
  if (!loading) {
    loading = import('./i18n-chunks')
      .then(({ namespaceChunk }) =>
        Promise.all(
          missing.map(async (ns) => {
            const tree = await namespaceChunk(translator.language, ns)
            if (tree) translator.addNamespace(ns, tree)
          }),
        ),
      )
      .then(() => undefined)
    pending.set(key, loading)
    loading.catch(() => pending.delete(key))
  }
  return loading
}

/**
 * Suspends rendering until the page's namespaces are loaded. A navigation runs in a React transition, so the
 * previous page stays on screen meanwhile; the server and the first page never wait (everything is there).
 */
export function useNamespaces(needed: readonly Namespace[]) {
  const translator = useTranslator()
  const missing = needed.filter((ns) => !translator.hasNamespace(ns))
  if (missing.length) throw loadNamespaces(translator, missing)
}
