import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs'
import { createServer } from 'node:net'
import path from 'node:path'
import { isBuildCurrent } from '~/server/build'
import { startHub, type Server } from '../bench/processes'
import { TEST_BUILD_DIR } from './test-build'

/**
 * The real Hub for integration tests that speak HTTP to it: `app/server/start.ts` in a child process, on the test
 * file's own database, built once into a folder of the tests' own (so it never races `npm start` for `build/`).
 */

const LOCK = `${TEST_BUILD_DIR}.lock`
const BUILD_MINUTES = 10

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function build() {
  return new Promise<void>((resolve, reject) => {
    const child = spawn('npx', ['remix', 'vite:build'], {
      env: { ...process.env, HUB_BUILD_DIR: TEST_BUILD_DIR, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`The test build failed (exit ${code}):\n${output.slice(-4000)}`))))
  })
}

/** Builds the app unless a current build is there. Test files that ask at once: one builds, the others wait. */
export async function ensureTestBuild() {
  const deadline = Date.now() + 2 * BUILD_MINUTES * 60_000
  mkdirSync(path.dirname(LOCK), { recursive: true })
  while (!isBuildCurrent(TEST_BUILD_DIR)) {
    if (Date.now() > deadline) throw new Error(`No current build in ${TEST_BUILD_DIR} after ${2 * BUILD_MINUTES} minutes (lock ${LOCK})`)
    try {
      mkdirSync(LOCK)
    } catch {
      // Another test file is building. A lock older than a build can take was left by a killed run.
      const age = existsSync(LOCK) ? Date.now() - statSync(LOCK).mtimeMs : 0
      if (age > BUILD_MINUTES * 60_000) rmSync(LOCK, { recursive: true, force: true })
      await sleep(1_000)
      continue
    }
    try {
      if (!isBuildCurrent(TEST_BUILD_DIR)) await build()
    } finally {
      rmSync(LOCK, { recursive: true, force: true })
    }
  }
}

/** The first port of `from`…`to` that nobody listens on (and that the caller has not taken already). */
export async function freePortIn(from: number, to: number, taken: ReadonlySet<number> = new Set()) {
  for (let port = from; port <= to; port++) {
    if (taken.has(port)) continue
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer()
      probe.once('error', () => resolve(false))
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)))
    })
    if (free) return port
  }
  throw new Error(`No free port between ${from} and ${to}`)
}

/**
 * Starts the Hub on this test file's database (DATABASE_URL, set by the worker setup) in production mode, without
 * demo data. `env` adds or overrides its configuration (APP_URL, TRUST_PROXY, METRICS_TOKEN…).
 */
export async function startTestHub(options: { port: number; env?: Record<string, string> }): Promise<Server> {
  await ensureTestBuild()
  const databaseUrl = process.env.DATABASE_URL
  if (!databaseUrl) throw new Error('DATABASE_URL is not set: run this from the Vitest suite')
  return startHub({
    port: options.port,
    databaseUrl,
    dataDir: `${TEST_BUILD_DIR}-unused-data`,
    probePath: '/healthz',
    env: { HUB_BUILD_DIR: TEST_BUILD_DIR, LOG_LEVEL: 'warn', ...options.env },
  })
}
