import os from 'node:os'
import path from 'node:path'
import { PgDialect } from 'drizzle-orm/pg-core'
import { freePort } from '#db/embedded'
import { browseStatement } from '~/domain/catalogue/browse.server'
import { buildIfNeeded } from '~/server/build'
import { parseBrowseParams } from '~/domain/catalogue/filters'
import { postmasterPid } from './cpu'
import { BENCH_DATA_DIR, prepareBenchDatabase } from './database'
import { explain } from './explain'
import type { Statement } from './floor'
import { measure, type LoadOptions, type LoadResult } from './load'
import { loadAverage, log, print } from './output'
import { runBounded, startFloor, startRole, type Server } from './processes'

/**
 * `npm run bench -- browse`: the server-rendered search page against its floor, the same statement served as
 * JSON by a bare node:http server (issue 3, Performance). Target: the page at 0.8 of the floor's throughput or
 * better (issue 15; 0.5 before), and its p99 under 100 ms, at 50 connections on a 2-core machine.
 */

/** Searches a visitor would make in the synthetic data (app/demo/synthetic.ts): a topic word under its objective. */
const SEARCHES: [objective: number, q: string][] = [
  [20, 'remittance'],
  [6, 'recruitment'],
  [21, 'reintegration'],
  [10, 'trafficking'],
  [11, 'border'],
  [18, 'skills'],
  [19, 'diaspora'],
  [14, 'consular'],
]
const PATHS = SEARCHES.map(([objective, q]) => `/requests?objective=${objective}&q=${encodeURIComponent(q)}`)
const LOAD: LoadOptions = { connections: 50, warmupSeconds: 5, seconds: 20 }
/**
 * The Hub's work is JavaScript, one core per process, and the README deploys a web process per core; the floor's
 * is PostgreSQL's, which uses every core from one process's connections.
 */
const WEB_PROCESSES = Math.max(1, Math.min(4, os.availableParallelism()))
const TIME_LIMIT_MS = 25 * 60_000

/** The statement the page runs for a path, as text and parameters: built once, executed as is by the floor. */
function statementFor(path: string): Statement {
  const parsed = parseBrowseParams(new URL(path, 'http://bench').searchParams, 'requests')
  if (!parsed.success) throw new Error(`${path} is not a valid search: ${JSON.stringify(parsed.problems)}`)
  const { sql, params } = new PgDialect().sqlToQuery(browseStatement(parsed.query, { facets: true }))
  return { sql, params }
}

/** Both servers must answer every path with a 200 before their throughputs mean anything. */
async function checkAnswers(server: Server, name: string) {
  for (const path of PATHS) {
    const response = await fetch(`${server.origin}${path}`, { signal: AbortSignal.timeout(30_000) })
    const body = await response.text()
    if (response.status !== 200) throw new Error(`${name} answered ${path} with ${response.status}: ${body.slice(0, 300)}`)
  }
}

const COLUMNS: [title: string, unit: string, width: number][] = [
  ['target', '', 6],
  ['req/s', 'mean', 8],
  ['p50', 'ms', 8],
  ['p99', 'ms', 8],
  ['non-2xx', '', 9],
  ['errors', '', 8],
  ['response', 'KiB', 10],
  ['server CPU', 'ms/resp', 12],
  ['postgres CPU', 'ms/resp', 14],
  ['load avg', 'at start', 10],
]
const line = (cells: string[]) => cells.map((text, i) => (i === 0 ? text.padEnd(COLUMNS[i]![2]) : text.padStart(COLUMNS[i]![2]))).join('')
const fixed = (value: number | null, digits = 1) => (value === null ? '–' : value.toFixed(digits))
const row = (r: LoadResult) =>
  line([
    r.name,
    fixed(r.requestsPerSecond),
    fixed(r.p50, 0),
    fixed(r.p99, 0),
    fixed(r.non2xx, 0),
    fixed(r.errors, 0),
    fixed(r.bytesPerResponse / 1024),
    fixed(r.serverCpuMs),
    fixed(r.postgresCpuMs),
    fixed(r.loadAverage, 2),
  ])

/** Throughput if CPU were the only limit and nothing else ran: what the ratio tends to on a quiet machine. */
const cpuBoundRatio = (page: LoadResult, floor: LoadResult) => {
  const cost = (r: LoadResult) => (r.serverCpuMs === null || r.postgresCpuMs === null ? null : r.serverCpuMs + r.postgresCpuMs)
  const [p, f] = [cost(page), cost(floor)]
  return p && f ? f / p : null
}

async function benchmark(stack: (() => Promise<void>)[]) {
  print(`browse benchmark: ${os.cpus().length} cores, Node ${process.version}, load average ${loadAverage()} (1, 5, 15 min)`)
  const database = await prepareBenchDatabase(log)
  stack.push(database.stop)

  const statements = Object.fromEntries(PATHS.map((path) => [path, statementFor(path)]))
  print(`\nEXPLAIN (ANALYZE, BUFFERS) of each search (warm cache, second run):`)
  let representative: Awaited<ReturnType<typeof explain>> | undefined
  for (const path of PATHS) {
    const statement = statements[path]!
    const [total] = (await database.client.unsafe(statement.sql, statement.params as never[])).map((r) => r.total as number)
    const plan = await explain(database.client, statement)
    representative ??= plan
    const seq = plan.seqScans.length ? ` SEQ SCANS: ${plan.seqScans.join(', ')}` : ''
    print(`  ${path.padEnd(46)} total=${String(total).padStart(5)} exec=${plan.executionMs.toFixed(1)} ms indexes=${plan.indexes.join(',')}${seq}`)
    if (!total) throw new Error(`${path} finds nothing: choose words that occur in app/demo/synthetic.ts`)
  }
  print(`\nPlan of ${PATHS[0]} (planning ${representative!.planningMs.toFixed(1)} ms, execution ${representative!.executionMs.toFixed(1)} ms, buffers hit=${representative!.sharedHit} read=${representative!.sharedRead}):`)
  for (const scan of representative!.scans) print(`  ${scan}`)
  print(`  time by part: ${representative!.parts.join(', ')}`)
  // What the page runs instead, once a search has been computed under the catalogue's current version.
  const versionPlan = await explain(database.client, { sql: 'select version::text from catalogue_state', params: [] })
  print(`A search kept under the catalogue's version runs only its version read: planning ${versionPlan.planningMs.toFixed(2)} ms, execution ${versionPlan.executionMs.toFixed(2)} ms (${versionPlan.scans.join('; ')})`)

  const buildDir = path.resolve(process.env.BENCH_BUILD_DIR ?? '.data/bench-build')
  buildIfNeeded(buildDir, log)
  log(`Starting the floor and the Hub as the README deploys it: ${WEB_PROCESSES} web processes (HUB_ROLE=web), one per core…`)
  const floor = await startFloor({ databaseUrl: database.url, statements })
  stack.push(floor.stop)
  const ports = await Promise.all(Array.from({ length: WEB_PROCESSES }, () => freePort()))
  const webs: Server[] = []
  for (const port of ports) {
    const web = await startRole({ port, role: 'web', databaseUrl: database.url, buildDir, env: { APP_URL: `http://127.0.0.1:${ports[0]}` } })
    stack.push(web.stop)
    webs.push(web)
  }
  for (const web of webs) await checkAnswers(web, 'page')
  await checkAnswers(floor, 'floor')

  const postgresPid = postmasterPid(BENCH_DATA_DIR)
  const results: LoadResult[] = []
  for (const [name, servers] of [['page', webs], ['floor', [floor]]] as const) {
    log(`Loading ${name}: ${LOAD.connections} connections, ${LOAD.warmupSeconds} s warm-up, ${LOAD.seconds} s measured…`)
    results.push(await measure({ name, origins: servers.map((s) => s.origin), pids: servers.map((s) => s.pid), postgresPid }, PATHS, LOAD))
  }
  const [page, floorResult] = results as [LoadResult, LoadResult]
  const ratio = page.requestsPerSecond / floorResult.requestsPerSecond
  const cpuRatio = cpuBoundRatio(page, floorResult)

  print(`\n${LOAD.connections} connections, ${LOAD.seconds} s each after ${LOAD.warmupSeconds} s warm-up, ${PATHS.length} searches in rotation, one after the other:`)
  print(line(COLUMNS.map(([title]) => title)))
  print(line(COLUMNS.map(([, unit]) => unit)))
  for (const r of results) print(row(r))
  print(`ratio page/floor ${ratio.toFixed(2)} (target >= 0.80); page p99 ${page.p99} ms (target < 100 ms at ${LOAD.connections} connections)`)
  if (cpuRatio !== null) print(`CPU per response, floor ÷ page: ${cpuRatio.toFixed(2)} (what the ratio tends to when CPU is the only limit; other work on the machine moves req/s much more than this)`)
  print(`load average after: ${loadAverage()}`)
  print(`browse ratio=${ratio.toFixed(2)} p99_ms=${page.p99}`)
}

export const runBrowseBenchmark = () => runBounded('browse', TIME_LIMIT_MS, benchmark)
