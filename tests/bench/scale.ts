import type { IncomingHttpHeaders } from 'node:http'
import { request as httpsRequest } from 'node:https'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import { freePort } from '#db/embedded'
import { CreateUserSchema } from '~/domain/accounts/schemas'
import { createOrUpdateUser } from '~/domain/accounts/users.server'
import { buildIfNeeded } from '~/server/build'
import { createDatabase } from '~/utils/db.server'
import { proxyUnavailable, startNginx } from '../support/nginx'
import { prepareBenchDatabase } from './database'
import { loadAverage, log, print } from './output'
import { runBounded, startRole, type Server } from './processes'

/**
 * `npm run bench -- scale`: the scale-out drill (issue 14). nginx, with the recommended configuration
 * (deploy/nginx.conf) and its cache, in front of two web processes and one worker (`npm run serve`'s code with
 * HUB_ROLE) on one PostgreSQL holding 100,000 requests. Anonymous visitors browse over 50 connections while
 * signed-in people read their own pages (two a second each); one web process is killed outright in the middle.
 * It prints `scale rps=… p99_ms=… failover_errors=… signed_in_errors=…`:
 * - rps and p99_ms: the anonymous browsing, through nginx (target: p99 under 100 ms);
 * - failover_errors: requests that failed (an error or a 5xx) — nginx retries an idempotent request on the
 *   other web process, so only requests in flight on the killed one could fail;
 * - signed_in_errors: a signed-in page that was not the person's own, came from the cache or was cacheable,
 *   and any anonymous page that showed a signed-in person's name.
 */

const ANONYMOUS_PATHS = [
  '/',
  '/requests',
  '/requests?objective=20&q=remittance',
  '/requests?objective=6&q=recruitment',
  '/requests?objective=21',
  '/requests?page=2',
  '/offers',
  '/objectives',
  '/objectives/20',
  '/practices',
]
const SIGNED_IN_PATHS = ['/dashboard', '/account', '/requests?objective=10&q=trafficking']
const PEOPLE = 4
const CONNECTIONS = { anonymous: 50, perPerson: 2 }
/**
 * A signed-in person's pace: a page every half second, busier than anyone reads. Their pages are the Hub's own
 * work (never cached); at full speed, eight connections would keep both web processes' cores busy and measure
 * a machine with no room left, not anonymous browsing beside signed-in work.
 */
const SIGNED_IN_RATE_PER_PERSON = 2
/** How many anonymous pages a second are read whole, looking for a signed-in person's name. */
const ANONYMOUS_READS_PER_SECOND = 10
const SECONDS = 40
const KILL_AFTER_SECONDS = 15
const TIME_LIMIT_MS = 30 * 60_000
const PASSWORD = 'scale drill passphrase 2026'

interface Person {
  email: string
  displayName: string
  cookie: string
}

/** A GET over HTTPS that trusts nginx's test certificate. */
function get(url: string, headers: Record<string, string>, ca: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { headers, ca, timeout: 30_000 }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

/** Signs a person in at a web process directly (as a browser would post the form) and returns the session cookie. */
async function signIn(web: Server, appOrigin: string, email: string) {
  const response = await fetch(`${web.origin}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: appOrigin, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password: PASSWORD }),
  })
  const cookie = response.headers.getSetCookie().find((c) => /^(__Host-)?hub_session=/.test(c))
  if (response.status !== 302 || !cookie) throw new Error(`signing ${email} in answered ${response.status} without a session cookie`)
  return cookie.split(';')[0]!
}

async function drill(stack: (() => Promise<void>)[]) {
  const unavailable = proxyUnavailable()
  if (unavailable) throw new Error(`The scale drill needs nginx: ${unavailable}`)
  print(`scale drill: ${os.cpus().length} cores, Node ${process.version}, load average ${loadAverage()} (1, 5, 15 min)`)
  const database = await prepareBenchDatabase(log)
  stack.push(database.stop)

  const buildDir = path.resolve(process.env.BENCH_BUILD_DIR ?? '.data/bench-build')
  buildIfNeeded(buildDir, log)

  const people: Omit<Person, 'cookie'>[] = Array.from({ length: PEOPLE }, (_, i) => ({ email: `scale-${i + 1}@bench.invalid`, displayName: `Scale Reader ${i + 1}` }))
  const { db, client } = createDatabase(database.url, { max: 2 })
  for (const person of people) await createOrUpdateUser(db, CreateUserSchema.parse({ ...person, password: PASSWORD }))
  await client.end({ timeout: 5 })

  const [httpsPort, httpPort, webPorts, workerPort] = [await freePort(), await freePort(), [await freePort(), await freePort()], await freePort()]
  const appOrigin = `https://localhost:${httpsPort}`
  const env = { APP_URL: appOrigin, TRUST_PROXY: 'loopback' }
  log('Starting one worker and two web processes (npm run serve, HUB_ROLE=worker|web)…')
  const worker = await startRole({ port: workerPort, role: 'worker', databaseUrl: database.url, buildDir, env })
  stack.push(worker.stop)
  const webs: Server[] = []
  for (const port of webPorts) {
    const web = await startRole({ port, role: 'web', databaseUrl: database.url, buildDir, env })
    stack.push(web.stop)
    webs.push(web)
  }
  const nginx = await startNginx({ hubPort: webPorts, httpsPort, httpPort })
  stack.push(nginx.stop)
  const ca = nginx.certificate

  const signedIn: Person[] = []
  for (const person of people) signedIn.push({ ...person, cookie: await signIn(webs[0]!, appOrigin, person.email) })
  for (const person of signedIn) {
    const page = await get(`${appOrigin}/dashboard`, { Cookie: person.cookie }, ca)
    if (page.status !== 200 || !page.body.includes(person.displayName)) throw new Error(`${person.email}'s dashboard did not show their name (status ${page.status})`)
  }
  // What each signed-in page costs alone, before the load (the best of three): the Hub's own work, never cached.
  for (const path of SIGNED_IN_PATHS) {
    const times: number[] = []
    for (let i = 0; i < 3; i++) {
      const started = performance.now()
      await get(`${appOrigin}${path}`, { Cookie: signedIn[0]!.cookie }, ca)
      times.push(performance.now() - started)
    }
    print(`a signed-in ${path} alone: ${Math.min(...times).toFixed(0)} ms`)
  }
  for (const path of ANONYMOUS_PATHS) {
    const page = await get(`${appOrigin}${path}`, {}, ca)
    if (page.status !== 200) throw new Error(`${path} answered ${page.status} through nginx`)
  }

  let signedInErrors = 0
  const problems = new Map<string, number>()
  const wrong = (what: string) => {
    signedInErrors++
    problems.set(what, (problems.get(what) ?? 0) + 1)
  }
  const names = signedIn.map((p) => p.displayName)
  /** autocannon passes the headers with the case nginx wrote them in. */
  const header = (headers: IncomingHttpHeaders | undefined, name: string) =>
    String(Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1] ?? '')
  const tlsOptions = { ca }
  // The anonymous load asks for compressed pages, as every browser does: without it each cached page crossed TLS
  // whole (about 100 KB, five times its gzip). The readers of bodies below ask for them plain, to search them.
  const browser = { 'accept-encoding': 'gzip, deflate, br' }

  log(`Loading for ${SECONDS} s: ${CONNECTIONS.anonymous} anonymous connections and ${PEOPLE} signed-in people with ${CONNECTIONS.perPerson} each (${SIGNED_IN_RATE_PER_PERSON} pages a second each); one web process is killed at ${KILL_AFTER_SECONDS} s…`)
  // The anonymous load reads no bodies: collecting them made the load generator, one Node thread, the bottleneck
  // (about 500 requests a second). A reader of its own, at a gentle pace, looks into anonymous pages instead.
  const anonymous = autocannon({
    url: appOrigin,
    connections: CONNECTIONS.anonymous,
    duration: SECONDS,
    tlsOptions,
    headers: browser,
    // One thread of TLS and parsing for 50 connections was itself the bound (about 1,700 answers a second, nginx
    // answering each cached page in under a millisecond); a thread per core (at most four) spreads it.
    workers: Math.min(4, os.availableParallelism()),
    requests: ANONYMOUS_PATHS.map((path) => ({ method: 'GET' as const, path })),
  })
  const anonymousReader = autocannon({
    url: appOrigin,
    connections: 1,
    overallRate: ANONYMOUS_READS_PER_SECOND,
    duration: SECONDS,
    tlsOptions,
    requests: ANONYMOUS_PATHS.map((path) => ({
      method: 'GET' as const,
      path,
      onResponse: (_status: number, body: string) => {
        if (names.some((name) => body.includes(name))) wrong('an anonymous page showed a signed-in person')
      },
    })),
  })
  const personal = signedIn.map((person) =>
    autocannon({
      url: appOrigin,
      connections: CONNECTIONS.perPerson,
      overallRate: SIGNED_IN_RATE_PER_PERSON,
      duration: SECONDS,
      tlsOptions,
      headers: { cookie: person.cookie },
      requests: SIGNED_IN_PATHS.map((path) => ({
        method: 'GET' as const,
        path,
        onResponse: (status: number, body: string, _context: object, headers: IncomingHttpHeaders | undefined) => {
          if (status >= 500) return // counted with the failures
          if (status !== 200) return wrong(`a signed-in page answered ${status}`)
          if (!body.includes(person.displayName)) wrong('a signed-in page was not the person’s own')
          if (names.some((name) => name !== person.displayName && body.includes(name))) wrong('a signed-in page showed another person')
          if (['HIT', 'STALE', 'UPDATING'].includes(header(headers, 'x-cache-status'))) wrong('a signed-in page came from the cache')
          if (!/\bprivate\b/.test(header(headers, 'cache-control'))) wrong('a signed-in page was not private')
        },
      })),
    }),
  )
  const killed = webs[1]!
  const kill = setTimeout(() => {
    log(`Killing web process ${killed.pid} (SIGKILL)…`)
    process.kill(-killed.pid, 'SIGKILL')
  }, KILL_AFTER_SECONDS * 1000)
  const [anon, reader, ...mine] = await Promise.all([anonymous, anonymousReader, ...personal])
  clearTimeout(kill)

  const failed = (r: autocannon.Result) => r.errors + r.timeouts + r['5xx']
  const failoverErrors = failed(anon!) + failed(reader!) + mine.reduce((sum, r) => sum + failed(r), 0)
  // What nginx did with each request of the run (its access log's cache=…): HIT, MISS, EXPIRED, UPDATING, BYPASS…
  const cacheStatuses = new Map<string, number>()
  for (const [, status] of nginx.readAccessLog().matchAll(/ cache=(\S*) /g)) cacheStatuses.set(status || '-', (cacheStatuses.get(status || '-') ?? 0) + 1)
  const signedInRps = mine.reduce((sum, r) => sum + r.requests.average, 0)
  print(`\nanonymous: ${anon!.requests.average.toFixed(0)} req/s, p50 ${anon!.latency.p50} ms, p99 ${anon!.latency.p99} ms, ${anon!['2xx']} 2xx, ${anon!.non2xx} non-2xx, ${anon!.errors} errors, ${anon!.timeouts} timeouts`)
  for (const [i, r] of mine.entries()) {
    print(`${signedIn[i]!.displayName}: ${r.requests.average.toFixed(1)} req/s, p99 ${r.latency.p99} ms, ${r['2xx']} 2xx, ${r.non2xx} non-2xx, ${r.errors} errors`)
  }
  print(`anonymous pages read for names: ${reader!['2xx']}`)
  print(`nginx cache, every request (signed-in ones BYPASS it): ${[...cacheStatuses].map(([status, count]) => `${status} ${count}`).join(', ')}`)
  for (const [what, count] of problems) print(`  ${count} × ${what}`)
  // Why nginx met failures, each kind once with its count (the time, the connection and the request stripped).
  const upstreamErrors = new Map<string, number>()
  for (const line of nginx.readErrorLog().split('\n').filter(Boolean)) {
    const kind = line.replace(/^\S+ \S+ /, '').replace(/\d+#\d+: \*\d+ /, '').replace(/, client: .*$/, '').replace(/:\d+/g, ':…')
    upstreamErrors.set(kind, (upstreamErrors.get(kind) ?? 0) + 1)
  }
  for (const [kind, count] of upstreamErrors) print(`nginx error log: ${count} × ${kind}`)
  const statuses = new Map<string, number>()
  for (const [, status, cache] of nginx.readAccessLog().matchAll(/" (\d{3}) \d+ \S+ cache=(\S*) /g)) {
    if (status!.startsWith('2')) continue
    statuses.set(`${status} (cache ${cache || '-'})`, (statuses.get(`${status} (cache ${cache || '-'})`) ?? 0) + 1)
  }
  // nginx's own time for each anonymous answer it took from its cache ($request_time, in seconds, to the millisecond).
  const hitTimes = [...nginx.readAccessLog().matchAll(/ (\d+\.\d+) cache=HIT /g)].map(([, time]) => Number(time) * 1000).sort((a, b) => a - b)
  if (hitTimes.length > 0) print(`nginx's own time for a cached answer: p50 ${hitTimes[Math.floor(hitTimes.length * 0.5)]} ms, p99 ${hitTimes[Math.floor(hitTimes.length * 0.99)]} ms, max ${hitTimes.at(-1)} ms`)
  if (statuses.size > 0) print(`nginx answers other than 2xx: ${[...statuses].map(([what, count]) => `${count} × ${what}`).join(', ')}`)
  print(`load average after: ${loadAverage()}`)
  print(`scale rps=${(anon!.requests.average + signedInRps).toFixed(0)} p99_ms=${anon!.latency.p99} failover_errors=${failoverErrors} signed_in_errors=${signedInErrors}`)
}

export const runScaleDrill = () => runBounded('scale', TIME_LIMIT_MS, drill)
