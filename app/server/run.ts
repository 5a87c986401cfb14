import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import type { EmbeddedDatabase } from '#db/embedded'
import { targetPath } from '~/http/request-target.server'
import { closeDatabase } from '~/utils/db.server'
import { runsJobs, servesPages, type HubRole } from '~/utils/env.server'
import { jobQueueStopping, stopJobQueue } from '~/utils/jobs.server'
import { logger } from '~/utils/logger.server'
import { liveness, PROBE_PATHS, readiness } from '~/utils/readiness.server'
import { serverEntry } from './build'
import { createApp } from './http'
import { startWorkers } from './workers'

/** Requests in progress get this long to finish after SIGTERM; then their connections are closed. */
const DRAIN_SECONDS = 20

const log = (line: string) => logger().info(line)

/**
 * A worker serves no pages, but answers the platform's probes on its PORT, as a web process does: /livez while
 * the process runs, /healthz (readiness) while its database answers.
 */
async function answerProbe(req: IncomingMessage, res: ServerResponse) {
  const path = targetPath(req.url ?? '/')
  if (path !== PROBE_PATHS.liveness && path !== PROBE_PATHS.readiness) {
    return void res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('A worker process serves no pages; its probes are /livez and /healthz.')
  }
  const answer = path === PROBE_PATHS.liveness ? liveness('worker') : await readiness('worker')
  res.writeHead(answer.status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(answer.body))
}

/**
 * Stops accepting connections and lets the requests in progress finish; keep-alive connections are closed as
 * soon as they fall idle, and whatever is still open after the grace period is closed.
 */
function drain(server: Server, graceSeconds: number) {
  return new Promise<void>((resolve) => {
    const idle = setInterval(() => server.closeIdleConnections(), 250)
    const deadline = setTimeout(() => {
      logger().warn(`Requests still in progress after ${graceSeconds} s: closing their connections`)
      server.closeAllConnections()
    }, graceSeconds * 1000)
    server.close(() => {
      clearInterval(idle)
      clearTimeout(deadline)
      resolve()
    })
    server.closeIdleConnections()
  })
}

/**
 * How long an idle connection stays open: longer than a proxy keeps its idle connections to the Hub (nginx's
 * upstream `keepalive_timeout`, 60 s in deploy/nginx.conf), so the proxy always closes one first. With Node's
 * default of 5 s the Hub closed them, and a request nginx sent on one at that moment failed; nginx then took the
 * live process for a failed one, and after one web process had died it found no live process at all (502s in the
 * scale drill).
 */
const KEEP_ALIVE_MS = 65_000

function listen(server: Server, port: number) {
  server.keepAliveTimeout = KEEP_ALIVE_MS
  // A request's headers may take as long as a kept-alive connection waits (Node wants this the longer of the two).
  server.headersTimeout = KEEP_ALIVE_MS + 1_000
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, () => resolve())
  })
}

/**
 * Runs what this process's role asks — pages (`web`), job workers and schedules (`worker`), or both (`all`) — on
 * a database that is already migrated, until SIGTERM or SIGINT: then it drains requests, lets jobs in
 * progress finish, closes the database pool, stops the embedded database if there is one, and exits 0.
 */
export async function runHub(options: { role: HubRole; port: number; buildDir: string; embedded: EmbeddedDatabase | null }) {
  const { role, port, buildDir, embedded } = options
  let server: Server | undefined
  let stopping = false

  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    await jobQueueStopping()
    log(`${signal} received: finishing the requests and jobs in progress, then stopping`)
    if (server?.listening) await drain(server, DRAIN_SECONDS)
    await stopJobQueue()
    await closeDatabase()
    await embedded?.stop()
    log('Stopped')
    process.exit(0)
  }
  const onSignal = (signal: string) =>
    void shutdown(signal).catch((error: unknown) => {
      console.error(`Stopping failed: ${error instanceof Error ? error.message : String(error)}`)
      process.exit(1)
    })
  // This process's shutdown is this one: the embedded database's own signal handler (db/embedded.ts) steps aside
  // when the program handles the signal, so the draining below runs and stops the embedded server last.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, onSignal)

  if (runsJobs(role)) await startWorkers()
  if (stopping) return

  if (servesPages(role)) {
    const build = (await import(pathToFileURL(serverEntry(buildDir)).href)) as ServerBuild
    server = createServer(createApp({ build, clientDir: path.join(buildDir, 'client') }))
  } else {
    server = createServer((req, res) => void answerProbe(req, res))
  }
  if (stopping) return
  await listen(server, port)
  log(
    servesPages(role)
      ? `Connection Hub is serving http://localhost:${port} (role ${role})`
      : `Connection Hub worker is running jobs and schedules; its probe answers on http://localhost:${port}/healthz`,
  )
}
