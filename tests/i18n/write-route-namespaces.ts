/** `npm run i18n:routes`: writes each page route's `handle.i18n` from the keys its code uses. */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { declaredNamespaces, isPageRoute, neededNamespaces, routeFiles } from './route-namespaces'

for (const file of routeFiles()) {
  const source = readFileSync(file, 'utf8')
  if (!isPageRoute(source)) continue
  const needed = neededNamespaces(file)
  const declared = declaredNamespaces(source)
  if (declared && declared.join(',') === needed.join(',')) continue
  const list = needed.map((ns) => `'${ns}'`).join(', ')
  const line = `export const handle: I18nHandle = { i18n: [${list}] }`
  // Only the list changes: what else the handle says (`hydrate: false`) stays.
  let next = declared
    ? source.replace(/(export const handle[^=]*=\s*\{[^}]*?i18n:\s*\[)[^\]]*(\])/s, (_, start: string, end: string) => `${start}${list}${end}`)
    : source.replace(/\nexport default /, `\n/** The strings this page uses besides the layout's (written by \`npm run i18n:routes\`). */\n${line}\n\nexport default `)
  if (!/import type \{ I18nHandle \}|I18nHandle[,\s][^\n]*from '~\/utils\/i18n-page'/.test(next)) {
    const imports = [...next.matchAll(/^import [^;]*?from '[^']+'\n/gms)]
    const last = imports.at(-1)
    const at = last ? last.index! + last[0].length : 0
    next = `${next.slice(0, at)}import type { I18nHandle } from '~/utils/i18n-page'\n${next.slice(at)}`
  }
  writeFileSync(file, next)
  console.warn(`${path.basename(file)}: ${needed.join(', ') || '(layout only)'}`)
}
