import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { layoutNamespaces, namespaces, serverOnlyNamespaces, type Namespace } from '~/utils/i18n'

/**
 * Which namespaces a page's route needs, read from its code: every key (`'fundPages.title'`, or the start of a
 * key made at run time, `` `supportTypes.${code}` ``) in the route module and in every module it imports that can
 * reach the browser (`.server` modules cannot). Used by the test that checks each route's `handle.i18n`, and by
 * `npm run i18n:routes`, which writes them.
 */
const root = path.resolve(import.meta.dirname, '../..')
export const routesDir = path.join(root, 'app/routes')

const keyStart = new RegExp(`['"\`](${namespaces.join('|')})\\.[A-Za-z_$]`, 'g')
const importFrom = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm

function resolve(from: string, specifier: string): string | null {
  let base: string
  if (specifier.startsWith('~/')) base = path.join(root, 'app', specifier.slice(2))
  else if (specifier.startsWith('#db/')) base = path.join(root, 'db', specifier.slice(4))
  else if (specifier.startsWith('.')) base = path.resolve(path.dirname(from), specifier)
  else return null
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (/\.(ts|tsx)$/.test(candidate) && existsSync(candidate)) return candidate
  }
  return null
}

const browserReachable = (file: string) => !file.endsWith(`app${path.sep}root.tsx`) && !/\.server\.(ts|tsx)$/.test(file) && !file.includes(`${path.sep}server${path.sep}`) && !file.includes(`${path.sep}locales${path.sep}`)

const found = new Map<string, Set<Namespace>>()
function namespacesOf(file: string, seen = new Set<string>()): Set<Namespace> {
  const cached = found.get(file)
  if (cached) return cached
  const result = new Set<Namespace>()
  if (seen.has(file)) return result
  seen.add(file)
  const source = readFileSync(file, 'utf8')
  for (const match of source.matchAll(keyStart)) result.add(match[1] as Namespace)
  for (const match of source.matchAll(importFrom)) {
    const target = resolve(file, match[1]!)
    if (target && browserReachable(target)) for (const ns of namespacesOf(target, seen)) result.add(ns)
  }
  found.set(file, result)
  return result
}

/** What the layout (app/root.tsx and what it renders on every page) uses: it must stay within the layout's namespaces. */
export function layoutUses(): Namespace[] {
  const root = path.join(routesDir, '..', 'root.tsx')
  const source = readFileSync(root, 'utf8')
  const used = new Set<Namespace>([...source.matchAll(keyStart)].map((m) => m[1] as Namespace))
  for (const match of source.matchAll(importFrom)) {
    const target = resolve(root, match[1]!)
    if (target && browserReachable(target)) for (const ns of namespacesOf(target)) used.add(ns)
  }
  return [...used].sort()
}

/** A route module that renders a page (resource routes have no default export and need no strings). */
export const isPageRoute = (source: string) => /export default\b/.test(source)

export function routeFiles() {
  return readdirSync(routesDir)
    .filter((f) => /\.(ts|tsx)$/.test(f) && !f.endsWith('.test.ts'))
    .map((f) => path.join(routesDir, f))
}

/** The namespaces a route module must declare: what its code uses, less the layout's and the email-only ones. */
export function neededNamespaces(file: string): Namespace[] {
  const skip = new Set<Namespace>([...layoutNamespaces, ...serverOnlyNamespaces])
  return [...namespacesOf(file)].filter((ns) => !skip.has(ns)).sort()
}

/** What a route module declares in `export const handle = { i18n: [...] }`. */
export function declaredNamespaces(source: string): string[] | null {
  const match = /export const handle[^=]*=\s*\{[^}]*?i18n:\s*\[([^\]]*)\]/s.exec(source)
  if (!match) return null
  return [...match[1]!.matchAll(/'([^']+)'/g)].map((m) => m[1]!)
}
