import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { RouteConfigEntry } from '@remix-run/route-config'
import { matchRoutes } from '@remix-run/react'
import { sql } from 'drizzle-orm'
import { db, type Database } from '~/utils/db.server'
import { publicOrigin } from '~/utils/env.server'
import type { Persona, World } from './world'

type RouteObject = Parameters<typeof matchRoutes>[0][number]

const appDirectory = path.resolve(import.meta.dirname, '../../../app')

export interface ManifestRoute {
  id: string
  file: string
  /** The URL pattern, as Remix matches it (`projects/:id/milestones/:milestoneId`). */
  pattern: string
}

/**
 * The app's route manifest as Remix builds it: `app/routes.ts` (flat routes from the files) under the root route.
 * The route config reads the app directory from where the Remix Vite plugin leaves it.
 */
export async function routeManifest() {
  ;(globalThis as { __remixAppDirectory?: string }).__remixAppDirectory = appDirectory
  const config: RouteConfigEntry[] = await (await import('~/routes')).default
  const flat: ManifestRoute[] = [{ id: 'root', file: 'root.tsx', pattern: '' }]
  const walk = (entries: RouteConfigEntry[], parent: string) => {
    for (const entry of entries) {
      const pattern = [parent, entry.path ?? ''].filter(Boolean).join('/')
      flat.push({ id: entry.id ?? entry.file.replace(/\.[jt]sx?$/, ''), file: entry.file, pattern })
      walk(entry.children ?? [], pattern)
    }
  }
  walk(config, '')
  const toObject = (entry: RouteConfigEntry): RouteObject =>
    entry.index ? { id: entry.id, index: true, path: entry.path } : { id: entry.id, path: entry.path, children: (entry.children ?? []).map(toObject) }
  const tree: RouteObject[] = [{ id: 'root', path: '', children: config.map(toObject) }]
  return { routes: flat, tree }
}
export type Manifest = Awaited<ReturnType<typeof routeManifest>>

export interface RouteModule {
  loader?: (args: RouteArgs) => unknown
  action?: (args: RouteArgs) => unknown
}
interface RouteArgs {
  request: Request
  params: Record<string, string | undefined>
  context: { cspNonce: string }
}

export const loadRouteModule = (route: ManifestRoute): Promise<RouteModule> => import(/* @vite-ignore */ path.join(appDirectory, route.file))

/**
 * The intents a route's own source dispatches on: the keys of the handlers object given to `dispatchIntent`
 * (written inline, `dispatchIntent(request, { card, pledge: … }, …)`, or a top-level `const <name> = { … }` of any
 * name) and of a `steps`/`intents` object, `intent: z.literal(…)`, `intent: z.enum([…])`, `Intent = z.enum([…])` and
 * `intent === '…'`. Routes that hand their form to an editor (`app/http/*-editor.server.ts`) or parse it with a
 * schema of `app/domain` list theirs in the table only.
 */
export function sourceIntents(route: ManifestRoute): string[] {
  const source = readFileSync(path.join(appDirectory, route.file), 'utf8')
  const found = new Set<string>()
  const add = (list: string) => list.match(/'([^']+)'/g)?.forEach((q) => found.add(q.slice(1, -1)))
  // An object's own keys: `key: value` and the shorthand `key`, one a line (a top-level object) or on one line.
  const addKeys = (body: string, multiline: boolean) => {
    const pattern = multiline ? /^ {2}(\w+)\s*(?:[:,(]|$)/gm : /(?:^|,)\s*(\w+)\s*(?=[:,]|$)/g
    for (const key of body.matchAll(pattern)) found.add(key[1]!)
  }
  const topLevelObject = (name: string) => new RegExp(`^(?:export )?const ${name}\\b[^=]*= \\{\\n([\\s\\S]*?)^\\}`, 'm').exec(source)?.[1]
  for (const m of source.matchAll(/intent: z\.literal\('([^']+)'\)/g)) found.add(m[1]!)
  for (const m of source.matchAll(/(?:intent: z\.enum|Intent = z\.enum)\(\[([^\]]*)\]/g)) add(m[1]!)
  for (const m of source.matchAll(/intent === '([^']+)'/g)) found.add(m[1]!)
  for (const name of ['steps', 'intents']) {
    const body = topLevelObject(name)
    if (body) addKeys(body, true)
  }
  for (const m of source.matchAll(/dispatchIntent\(\s*\w+,\s*(?:\{([^}]*)\}|(\w+))/g)) {
    if (m[1] !== undefined) addKeys(m[1], false)
    else {
      const body = topLevelObject(m[2]!)
      if (!body) throw new Error(`${route.file}: dispatchIntent's handlers ${m[2]} are no top-level object this test can read`)
      addKeys(body, true)
    }
  }
  return [...found].sort()
}

/** What a route answered, reduced to what the matrix compares: the status, and a login redirect told apart. */
export interface Outcome {
  status: number
  location: string | null
  /** The message of an error that was not an HTTP answer (a 500). */
  error?: string
}

export const isLoginRedirect = (o: Outcome) => o.status >= 300 && o.status < 400 && (o.location ?? '').startsWith('/login?')
export const describeOutcome = (o: Outcome) => (isLoginRedirect(o) ? 'login' : o.error ? `500 (${o.error})` : String(o.status))

function outcomeOf(value: unknown): Outcome {
  if (value instanceof Response) return { status: value.status, location: value.headers.get('Location') }
  // Remix's `data(…)` carries its status apart from the data.
  if (value && typeof value === 'object' && (value as { type?: unknown }).type === 'DataWithResponseInit') {
    return { status: (value as { init?: { status?: number } | null }).init?.status ?? 200, location: null }
  }
  return { status: 200, location: null }
}

/** Calls a route's loader or action as Remix does, turning a thrown Response into its status as Remix does too. */
export async function callRoute(module: RouteModule, method: 'GET' | 'POST', request: Request, params: Record<string, string | undefined>): Promise<Outcome> {
  const handler = method === 'GET' ? module.loader : module.action
  if (!handler) return { status: 405, location: null }
  try {
    return outcomeOf(await handler({ request, params, context: { cspNonce: '' } }))
  } catch (thrown) {
    if (thrown instanceof Response) return outcomeOf(thrown)
    return { status: 500, location: null, error: thrown instanceof Error ? thrown.message.slice(0, 200) : String(thrown) }
  }
}

/** The route parameters of `url` for this route, by Remix's own matching; throws when the URL reaches another route. */
export function paramsFor(manifest: Manifest, routeId: string, url: string) {
  const matches = matchRoutes(manifest.tree, new URL(url, 'http://hub.test').pathname) ?? []
  const match = matches.find((m) => m.route.id === routeId)
  if (!match) throw new Error(`${url} does not reach route ${routeId} (it reaches ${matches.map((m) => m.route.id).join(' > ') || 'nothing'})`)
  return match.params
}

export type Body = Record<string, string> | FormData

/** A request as the Hub's own pages send it: the persona's session cookie, and for a POST the Origin of the Hub. */
export function buildRequest(world: World, persona: Persona, method: 'GET' | 'POST', url: string, body?: Body, headers: Record<string, string> = {}) {
  const all = new Headers({ 'Accept-Language': 'en', 'X-Hub-Client-Ip': '203.0.113.7', ...headers })
  if (persona !== 'visitor') all.set('Cookie', `hub_session=${world.sessions[persona]}`)
  if (method === 'GET') return new Request(new URL(url, publicOrigin()), { headers: all })
  all.set('Origin', publicOrigin())
  const payload = body instanceof FormData ? body : new URLSearchParams(body ?? {})
  return new Request(new URL(url, publicOrigin()), { method, headers: all, body: payload })
}

class Rollback extends Error {}

interface Singletons {
  __hubSingletons?: Map<string, { db: unknown; client: unknown }>
}

/**
 * Runs `run` with the app's database handle swapped for a transaction that is always rolled back, so every case
 * starts from the same world. The app's own transactions become savepoints inside it.
 */
export async function inRolledBackTransaction<T>(run: (tx: Database) => Promise<T>): Promise<T> {
  await db.execute(sql`select 1`)
  const store = (globalThis as Singletons).__hubSingletons!
  const connection = store.get('database')!
  let result: { value: T } | undefined
  try {
    await (connection.db as Database).transaction(async (tx) => {
      store.set('database', { ...connection, db: tx })
      try {
        result = { value: await run(tx as unknown as Database) }
      } finally {
        store.set('database', connection)
      }
      throw new Rollback()
    })
  } catch (error) {
    if (!(error instanceof Rollback)) throw error
  }
  return result!.value
}

/**
 * A cheap fingerprint of everything stored, per table of the public schema (and pg-boss's jobs): the row count and
 * a hash of its rows. A session's last-activity time is left out: reading a page may refresh it, by design.
 */
export async function storedState(handle: Database) {
  const rows = await handle.execute<{ table_name: string }>(sql`
    select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`)
  const queries = new Map<string, string>()
  for (const { table_name: name } of Array.from(rows)) {
    if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unexpected table name ${name}`)
    queries.set(name, `select '${name}' as t, count(*)::int as n, md5(coalesce(string_agg(r, '|' order by r), '')) as h from (select (to_jsonb(x) - 'last_active_at')::text as r from public."${name}" x) s`)
  }
  queries.set(JOBS, `select '${JOBS}' as t, count(*)::int as n, md5(coalesce(string_agg(id::text || name || state::text, '|' order by id), '')) as h from pgboss.job`)
  const hash = async (tx: Database, tables: string[]) => {
    if (tables.length === 0) return new Map<string, string>()
    const result = await tx.execute<{ t: string; n: number; h: string }>(sql.raw(tables.map((t) => queries.get(t)!).join('\nunion all\n')))
    return new Map(Array.from(result).map((r) => [r.t, `${r.n}:${r.h}`]))
  }
  const world = await hash(handle, [...queries.keys()])
  return {
    /**
     * The tables whose content differs from the world's. Only the tables this transaction wrote to are hashed
     * again (PostgreSQL counts a transaction's own writes in pg_stat_xact_all_tables), so a case costs little.
     */
    async changedBy(tx: Database) {
      const written = await tx.execute<{ schemaname: string; relname: string }>(sql`
        select schemaname, relname from pg_stat_xact_all_tables
        where schemaname in ('public', 'pgboss') and n_tup_ins + n_tup_upd + n_tup_del > 0`)
      const tables = [...new Set(Array.from(written).map((r) => (r.schemaname === 'pgboss' ? JOBS : r.relname)))].filter((t) => queries.has(t))
      const now = await hash(tx, tables)
      return tables.filter((t) => now.get(t) !== world.get(t)).sort()
    },
  }
}

const JOBS = 'pgboss.job'
