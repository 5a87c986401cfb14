import { beforeAll, describe, expect, test } from 'vitest'
import { db } from '~/utils/db.server'
import { intentOf, isAllowed, type Case, type Expected } from './authorization/expectations'
import {
  buildRequest,
  callRoute,
  describeOutcome,
  inRolledBackTransaction,
  isLoginRedirect,
  loadRouteModule,
  paramsFor,
  routeManifest,
  sourceIntents,
  storedState,
  type Manifest,
  type Outcome,
  type RouteModule,
} from './authorization/harness'
import { table } from './authorization/table'
import { buildWorld, personas, type Persona, type World } from './authorization/world'

// Every route of the manifest × every persona × GET and each POST intent: allowed or denied, and a denied POST
// changes nothing stored. Each case runs in a transaction that is rolled back, so all start from one world.

let world: World
let manifest: Manifest
let stored: Awaited<ReturnType<typeof storedState>>
const modules = new Map<string, RouteModule>()

beforeAll(async () => {
  manifest = await routeManifest()
  await Promise.all(manifest.routes.map(async (route) => modules.set(route.id, await loadRouteModule(route))))
  world = await buildWorld()
  stored = await storedState(db)
  const kinds = Object.values(table).reduce((sum, row) => sum + 1 + Object.keys(row.POST ?? {}).length, 0)
  // eslint-disable-next-line no-console -- the brief asks for the matrix's size once per run
  console.info(`authorization matrix: ${manifest.routes.length} routes with ${kinds} GET/POST intents among them × ${personas.length} personas = ${kinds * personas.length} cases`)
  // Generous: the world is built through the domain, and the machine may be busy.
}, 300_000)

const routeIds = Object.keys(table)

describe('the matrix covers the app', () => {
  test('every route of the manifest has a row, and every row is a route', () => {
    const inManifest = manifest.routes.map((r) => r.id)
    const missing = inManifest.filter((id) => !(id in table))
    const stale = routeIds.filter((id) => !inManifest.includes(id))
    expect(missing, `add a row for each of these routes to tests/integration/authorization/table.ts (GET, and POST by intent): ${missing.join(', ')}`).toEqual([])
    expect(stale, `these rows name no route of the manifest; remove or rename them: ${stale.join(', ')}`).toEqual([])
  })

  test('a route has POST rows exactly when it has an action, one per intent its source dispatches on', () => {
    const problems: string[] = []
    for (const route of manifest.routes) {
      const row = table[route.id]
      if (!row) continue
      const listed = Object.keys(row.POST ?? {})
      const module = modules.get(route.id)!
      if (!module.action && listed.length > 0) problems.push(`${route.id} has no action: remove its POST rows (${listed.join(', ')})`)
      if (module.action && listed.length === 0) problems.push(`${route.id} has an action: add its intents under POST (or POST: { POST: … } for a single form)`)
      for (const intent of sourceIntents(route)) {
        if (!listed.map(intentOf).includes(intent)) problems.push(`${route.id} dispatches on intent '${intent}': add POST: { ${intent}: { url, body, expect } } to its row`)
      }
      if (listed.length > 1 && !row.dispatch) problems.push(`${route.id} lists several intents: say which field it dispatches on (dispatch: 'intent')`)
    }
    expect(problems, problems.join('\n')).toEqual([])
  })
})

interface Result {
  outcome: Outcome
  changed: string[]
}

async function runCase(routeId: string, method: 'GET' | 'POST', spec: Case, persona: Persona, body = spec.body?.(world, persona)): Promise<Result> {
  const url = spec.url(world)
  const params = paramsFor(manifest, routeId, url)
  return inRolledBackTransaction(async (tx) => {
    const outcome = await callRoute(modules.get(routeId)!, method, buildRequest(world, persona, method, url, body, spec.headers), params)
    return { outcome, changed: await stored.changedBy(tx) }
  })
}

const matches = (expected: Expected, outcome: Outcome) => (expected === 'login' ? isLoginRedirect(outcome) : !isLoginRedirect(outcome) && !outcome.error && outcome.status === expected)

/** Every way `result` departs from the row: the status, a refusal that changed something, an allowed POST that did nothing. */
function problemsOf(persona: Persona, method: 'GET' | 'POST', spec: Case, { outcome, changed }: Result): string[] {
  const expected = spec.expect[persona]
  const problems: string[] = []
  if (!matches(expected, outcome)) problems.push(`${persona}: expected ${expected}, got ${describeOutcome(outcome)}`)
  const allowed = !isLoginRedirect(outcome) && outcome.status < 400
  if (!allowed && changed.length > 0) problems.push(`${persona}: refused (${describeOutcome(outcome)}) but the database changed: ${changed.join(', ')}`)
  if (method === 'GET' && changed.length > 0) problems.push(`${persona}: a GET changed the database: ${changed.join(', ')}`)
  if (method === 'POST' && allowed && isAllowed(expected) && changed.length === 0 && !spec.quiet?.includes(persona)) {
    problems.push(`${persona}: allowed (${outcome.status}) but nothing was stored — is the body valid? (list the persona under quiet if that is right)`)
  }
  if (method === 'POST' && spec.quiet?.includes(persona) && changed.length > 0) problems.push(`${persona}: listed as quiet, yet the database changed: ${changed.join(', ')}`)
  return problems
}

const cases = routeIds.flatMap((routeId) => {
  const row = table[routeId]!
  return [
    { routeId, label: 'GET', method: 'GET' as const, spec: row.GET },
    ...Object.entries(row.POST ?? {}).map(([intent, spec]) => ({ routeId, label: `POST ${intent}`, method: 'POST' as const, spec })),
  ]
})

describe('who gets what', () => {
  test.each(cases)('$routeId $label', async ({ routeId, method, spec }) => {
    const problems: string[] = []
    for (const persona of personas) problems.push(...problemsOf(persona, method, spec, await runCase(routeId, method, spec, persona)))
    expect(problems, problems.join('\n')).toEqual([])
  })
})

describe('intents', () => {
  const dispatching = routeIds.filter((id) => table[id]!.dispatch)
  test.each(dispatching)('%s refuses an intent it does not know', async (routeId) => {
    const row = table[routeId]!
    // Someone allowed to take one of the route's steps, with its body but an intent nobody handles.
    const [spec, persona] = Object.values(row.POST!).flatMap((c) => personas.filter((p) => isAllowed(c.expect[p])).map((p) => [c, p] as const))[0]!
    const body = spec.body!(world, persona)
    const unknown = body instanceof FormData ? body : { ...body, [row.dispatch!]: 'noSuchIntent' }
    if (unknown instanceof FormData) unknown.set(row.dispatch!, 'noSuchIntent')
    const { outcome, changed } = await runCase(routeId, 'POST', spec, persona, unknown)
    const expected = row.unknownIntent?.status ?? 400
    expect(outcome.status, `${persona} posting an unknown ${row.dispatch} got ${describeOutcome(outcome)}`).toBe(expected)
    if (expected >= 400) expect(changed).toEqual([])
  })
})
