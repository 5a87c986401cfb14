import type { TFunction } from 'i18next'

/**
 * The translator pages render with, on the server and in the browser alike: it reads the same JSON resources,
 * with the same rules as the i18next configuration of i18n.ts (a key's first segment names its namespace;
 * plural forms by Intl.PluralRules, `_zero` first for a count of 0; `{{name}}` interpolation, values isolated
 * in right-to-left languages; `defaultValue`; missing keys as `missing(key)`), in about a kilobyte instead of
 * i18next's fourteen. Emails, jobs and loaders use i18next itself (i18n.server.ts); a test checks that both
 * give the same text for every key of every language.
 */
export type Tree = { [key: string]: string | Tree }
type Values = Record<string, unknown> & { count?: number; defaultValue?: string }

export interface Translator {
  language: string
  t: TFunction
  exists: (key: string) => boolean
  hasNamespace: (ns: string) => boolean
  addNamespace: (ns: string, tree: Tree) => void
  /** The strings held, by namespace (what the server embeds in the page for the browser). */
  resources: Record<string, Tree>
}

export interface TranslatorOptions {
  language: string
  resources: Record<string, Tree>
  namespaces: readonly string[]
  defaultNamespace?: string
  /** Applied to every interpolated value (right-to-left languages isolate them). */
  escape?: (value: string) => string
  missing?: (key: string) => string
}

export function createTranslator(options: TranslatorOptions): Translator {
  const { language, namespaces } = options
  const resources: Record<string, Tree> = { ...options.resources }
  const defaultNamespace = options.defaultNamespace ?? 'common'
  const known = new Set(namespaces)
  const plurals = new Intl.PluralRules(language)
  const escape = options.escape ?? ((value: string) => value)
  const missing = options.missing ?? ((key: string) => key)

  /** The namespace a key names and the path inside it (`nav.requests` → nav, requests). */
  const split = (key: string) => {
    const dot = key.indexOf('.')
    return dot > 0 && known.has(key.slice(0, dot)) ? { ns: key.slice(0, dot), path: key.slice(dot + 1) } : { ns: defaultNamespace, path: key }
  }

  const lookup = (key: string, suffix = ''): string | undefined => {
    const { ns, path: base } = split(key)
    const path = base + suffix
    let node: string | Tree | undefined = resources[ns]
    for (const part of path.split('.')) node = typeof node === 'object' ? node[part] : undefined
    return typeof node === 'string' ? node : undefined
  }

  const resolve = (key: string, values: Values) => {
    if (typeof values.count === 'number') {
      const candidates = [...(values.count === 0 ? ['_zero'] : []), `_${plurals.select(values.count)}`]
      for (const suffix of candidates) {
        const found = lookup(key, suffix)
        if (found !== undefined) return found
      }
    }
    return lookup(key)
  }

  const interpolate = (text: string, values: Values) =>
    text.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (match, name: string) => {
      const value = values[name]
      return value === undefined || value === null ? match : escape(String(value))
    })

  const t = ((key: string | string[], values: Values = {}) => {
    for (const candidate of Array.isArray(key) ? key : [key]) {
      const found = resolve(candidate, values)
      if (found !== undefined) return interpolate(found, values)
    }
    const last = Array.isArray(key) ? key[key.length - 1]! : key
    return values.defaultValue !== undefined ? interpolate(values.defaultValue, values) : missing(split(last).path)
  }) as unknown as TFunction

  return {
    language,
    t,
    exists: (key) => resolve(key, {}) !== undefined,
    hasNamespace: (ns) => ns in resources,
    addNamespace: (ns, tree) => {
      resources[ns] = tree
    },
    resources,
  }
}
