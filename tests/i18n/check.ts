import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

/**
 * The translation-completeness rules: every language has every key of the English source, with the same
 * interpolation variables, and every plural form its CLDR rules need (Intl.PluralRules knows them).
 */

export const localesDir = path.resolve(import.meta.dirname, '../../app/locales')
export type Tree = { [key: string]: string | Tree }

const PLURAL = /_(zero|one|two|few|many|other)$/
/** Forms in which a language may leave the number unsaid ("one project", "مشروعان"). */
const COUNT_OPTIONAL = new Set(['zero', 'one', 'two'])

export function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(full, value)
    else for (const [k, v] of flatten(value, full)) out.set(k, v)
  }
  return out
}

export const variables = (text: string) => new Set([...text.matchAll(/\{\{\s*([\w.]+)(?:\s*,[^}]*)?\s*\}\}/g)].map((m) => m[1]!))

export function readLanguage(language: string): Map<string, Map<string, string>> {
  const dir = path.join(localesDir, language)
  const namespaces = new Map<string, Map<string, string>>()
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    namespaces.set(file.replace(/\.json$/, ''), flatten(JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Tree))
  }
  return namespaces
}

/** Every problem of `language` against the English source, one line each; none means complete. */
export function checkLanguage(language: string, source = readLanguage('en'), target = readLanguage(language)): string[] {
  const problems: string[] = []
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories as string[]
  for (const [ns, keys] of source) {
    const translated = target.get(ns)
    if (!translated) {
      problems.push(`${language}/${ns}.json is missing`)
      continue
    }
    // A key's variables: those every English form has are required, those any form has are allowed (English
    // may name the objective in its singular and list numbers in its plural).
    const expected = new Map<string, { required: Set<string>; allowed: Set<string> }>()
    const forms = new Map<string, Set<string>[]>()
    for (const [key, text] of keys) {
      const plural = PLURAL.exec(key)
      if (!plural) {
        expected.set(key, { required: variables(text), allowed: variables(text) })
        continue
      }
      const base = key.slice(0, plural.index)
      forms.set(base, [...(forms.get(base) ?? []), variables(text)])
    }
    for (const [base, sets] of forms) {
      const allowed = new Set(sets.flatMap((set) => [...set]))
      const required = new Set([...allowed].filter((v) => sets.every((set) => set.has(v))))
      for (const category of categories) expected.set(`${base}_${category}`, { required, allowed })
    }
    for (const [key, { required, allowed }] of expected) {
      const text = translated.get(key)
      if (text === undefined) {
        problems.push(`${language}/${ns}.json: missing "${key}"`)
        continue
      }
      if (text.trim() === '') problems.push(`${language}/${ns}.json: "${key}" is empty`)
      const found = variables(text)
      const category = PLURAL.exec(key)?.[1]
      for (const v of required) {
        if (!found.has(v) && !(v === 'count' && category && COUNT_OPTIONAL.has(category))) problems.push(`${language}/${ns}.json: "${key}" lacks {{${v}}}`)
      }
      for (const v of found) if (!allowed.has(v)) problems.push(`${language}/${ns}.json: "${key}" has {{${v}}}, which English does not`)
    }
    for (const key of translated.keys()) if (!expected.has(key)) problems.push(`${language}/${ns}.json: "${key}" is not in English`)
  }
  for (const ns of target.keys()) if (!source.has(ns)) problems.push(`${language}/${ns}.json has no English source`)
  return problems
}
