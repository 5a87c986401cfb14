import { fork, spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FloorSetup } from './floor'

/** The two servers under load, each a child process of the benchmark, stopped by the benchmark. */

export interface Server {
  origin: string
  /** The child process; the Hub's has npx, tsx and node below it. */
  pid: number
  stop: () => Promise<void>
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null

/** Sends SIGTERM (to the child's own process group when it has one), then SIGKILL if it has not left in time. */
async function terminate(child: ChildProcess, options: { group: boolean; graceMs: number }) {
  if (exited(child) || !child.pid) return
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(options.group ? -child.pid! : child.pid!, name)
    } catch {
      // Already gone between the check and the signal.
    }
  }
  const exit = once(child, 'exit')
  signal('SIGTERM')
  const timer = setTimeout(() => signal('SIGKILL'), options.graceMs)
  await exit
  // npx may leave before the node process below it has closed its database connections.
  const deadline = Date.now() + options.graceMs + 5_000
  while (options.group && groupAlive(child.pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100))
  clearTimeout(timer)
}

function groupAlive(pgid: number) {
  try {
    process.kill(-pgid, 0)
    return true
  } catch {
    return false
  }
}

/** Resolves once the URL answers (any status), rejects if the child exits first or time runs out. */
async function waitUntilServing(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (exited(child)) throw new Error(`The server exited (code ${child.exitCode}) before serving ${url}`)
    try {
      await fetch(url, { signal: AbortSignal.timeout(5_000) })
      return
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`)
}

/**
 * The Hub as `npm start` runs it (production build, built on the first run into its own directory), on the
 * benchmark's database. It runs in its own process group, so stopping it also stops what npx and tsx started.
 */
export async function startHub(options: { port: number; databaseUrl: string; dataDir: string; probePath: string; env?: Record<string, string> }): Promise<Server> {
  const origin = `http://127.0.0.1:${options.port}`
  const child = spawn('npx', ['tsx', 'app/server/start.ts'], {
    detached: true,
    stdio: ['ignore', 2, 2],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(options.port),
      DATABASE_URL: options.databaseUrl,
      HUB_DATA_DIR: options.dataDir,
      HUB_BUILD_DIR: process.env.BENCH_BUILD_DIR ?? '.data/bench-build',
      DEMO_DATA: 'off',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
  })
  const stop = () => terminate(child, { group: true, graceMs: 15_000 })
  try {
    // The first run builds the app: minutes on two busy cores.
    await waitUntilServing(`${origin}${options.probePath}`, child, 10 * 60_000)
  } catch (error) {
    await stop()
    throw error
  }
  return { origin, pid: child.pid!, stop }
}

/**
 * A production process as `npm run serve` runs it (from a build made beforehand, on a server database), in a
 * process group of its own so the scale drill can kill it outright. `role` is HUB_ROLE.
 */
export async function startRole(options: { port: number; role: 'web' | 'worker' | 'all'; databaseUrl: string; buildDir: string; env?: Record<string, string> }): Promise<Server> {
  const origin = `http://127.0.0.1:${options.port}`
  const child = spawn(process.execPath, ['--import', 'tsx', 'app/server/serve.ts'], {
    detached: true,
    stdio: ['ignore', 2, 2],
    env: {
      ...process.env,
      PORT: String(options.port),
      DATABASE_URL: options.databaseUrl,
      HUB_ROLE: options.role,
      HUB_BUILD_DIR: options.buildDir,
      LOG_LEVEL: 'warn',
      ...options.env,
    },
  })
  const stop = () => terminate(child, { group: true, graceMs: 25_000 })
  try {
    await waitUntilServing(`${origin}/healthz`, child, 120_000)
  } catch (error) {
    await stop()
    throw error
  }
  return { origin, pid: child.pid!, stop }
}

/** The floor server (floor.ts) in a child process of its own, so it does not share a core with the load generator. */
export async function startFloor(setup: FloorSetup): Promise<Server> {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'floor.ts')
  const child = fork(script, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 2, 2, 'ipc'] })
  const stop = () => terminate(child, { group: false, graceMs: 5_000 })
  try {
    const ready = once(child, 'message') as Promise<[{ port: number }]>
    const failed = once(child, 'exit').then(() => {
      throw new Error('The floor server exited before listening')
    })
    child.send(setup)
    const [{ port }] = await Promise.race([ready, failed])
    return { origin: `http://127.0.0.1:${port}`, pid: child.pid!, stop }
  } catch (error) {
    await stop()
    throw error
  }
}

/** What a benchmark started and must stop, last first. */
export type CleanupStack = (() => Promise<void>)[]

/**
 * Runs a benchmark bounded in time: whatever it pushed on its cleanup stack is stopped at the end, on
 * Ctrl-C or SIGTERM, and when it overruns `limitMs`.
 */
export async function runBounded(name: string, limitMs: number, body: (stack: CleanupStack) => Promise<void>) {
  const stack: CleanupStack = []
  const cleanUp = async () => {
    for (const stop of stack.reverse().splice(0)) await stop().catch((error: unknown) => console.error('cleanup:', error))
  }
  const abort = (reason: string) => {
    console.error(`${name} benchmark: ${reason}; stopping what it started`)
    void cleanUp().finally(() => process.exit(1))
  }
  const timer = setTimeout(() => abort(`over its ${limitMs / 60_000}-minute limit`), limitMs)
  process.once('SIGINT', () => abort('interrupted'))
  process.once('SIGTERM', () => abort('terminated'))
  try {
    await body(stack)
  } finally {
    clearTimeout(timer)
    await cleanUp()
  }
}
