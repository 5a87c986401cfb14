import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, lchownSync, lstatSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { constants } from 'node:os'
import path from 'node:path'
import { EmbeddedPostgresProblem, locateCluster, placeCluster, removeMovedCluster, type Placement } from './embedded-place'

export { EmbeddedPostgresProblem, removeCluster as removeEmbeddedCluster } from './embedded-place'

export interface EmbeddedDatabase {
  url: string
  port: number
  /** Where the cluster's data lives (not the folder asked for when the postgres user cannot reach that one). */
  dataDir: string
  stop: () => Promise<void>
}

const USER = 'postgres'
const PASSWORD = 'postgres'
/** The database the Hub keeps in the embedded server. */
export const EMBEDDED_DATABASE = 'connection_hub'

/** The address of a database on an embedded server listening on `port` (used by tests that reach into it). */
export const embeddedDatabaseUrl = (port: number, database = EMBEDDED_DATABASE) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

function parentOf(pid: number): number | null {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may contain spaces, so read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
  } catch {
    return null
  }
}

/** The name of the program a process runs (`postgres` for every process of a PostgreSQL server). */
function commandOf(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim()
  } catch {
    return null
  }
}

/**
 * Looks at a postmaster.pid left in the data directory. A server whose parent process still runs belongs to
 * another Hub process (say `npm start` while the CLI runs): share it. A server orphaned by a killed run, or
 * a stale pid file, is cleaned up so the next start does not fail with an unhelpful rejection.
 */
async function inspectExistingServer(dataDir: string, log: (line: string) => void): Promise<number | null> {
  const pidFile = path.join(dataDir, 'postmaster.pid')
  if (!existsSync(pidFile)) return null
  const lines = readFileSync(pidFile, 'utf8').split('\n')
  const pid = Number(lines[0])
  const port = Number(lines[3])
  // Only a PostgreSQL is ever shared or stopped: a pid file naming any other process is stale.
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && commandOf(pid) === 'postgres') {
    const parent = parentOf(pid)
    if (parent !== null && parent > 1 && isAlive(parent)) return port
    log(`Stopping a PostgreSQL (pid ${pid}) left running by an earlier run…`)
    process.kill(pid, 'SIGINT')
    for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100))
    if (isAlive(pid)) process.kill(pid, 'SIGKILL')
  }
  rmSync(pidFile, { force: true })
  return null
}

/** A path as a person reads it: relative inside the current folder, absolute elsewhere. */
export function shownPath(target: string) {
  const relative = path.relative(process.cwd(), target)
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : target
}

/** The port of the embedded server running on the cluster asked for in `dataDir`, wherever that lives. */
export function runningEmbeddedPort(dataDir: string): number {
  const pidFile = path.join(locateCluster(path.resolve(dataDir)), 'postmaster.pid')
  return Number(readFileSync(pidFile, 'utf8').split('\n')[3])
}

/** The servers this process started, each with the whole of its stop (a throwaway cluster is also removed). */
const running = new Map<ChildProcess, () => Promise<void>>()

function stopServer(server: ChildProcess): Promise<void> {
  running.delete(server)
  if (server.pid === undefined || server.exitCode !== null || server.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    server.once('exit', () => resolve())
    server.kill('SIGINT') // PostgreSQL's fast shutdown
  })
}

/**
 * The servers stop with this process. A program that handles SIGINT/SIGTERM/SIGHUP itself (the Hub's start)
 * stops them in its own order; for any other, they are stopped first, then it exits as the signal would have.
 */
let stopsWithProcess = false
function stopWithProcess() {
  if (stopsWithProcess) return
  stopsWithProcess = true
  process.on('exit', () => {
    for (const server of running.keys()) server.kill('SIGINT')
  })
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (process.listenerCount(signal) > 1) return
      void Promise.all([...running.values()].map((stop) => stop())).finally(() => process.exit(128 + constants.signals[signal]))
    })
  }
}

function spawnOptions(placement: Placement): SpawnOptions {
  return {
    cwd: path.dirname(placement.dataDir),
    // English messages: readiness is read from the server's log.
    env: { ...process.env, LC_MESSAGES: 'C' },
    ...(placement.runAs ?? {}),
  }
}

/** A child process that could not be started (EACCES, ENOENT) rejects instead of crashing the process. */
function started(child: ChildProcess, what: string): Promise<never> {
  return new Promise((_, reject) => child.once('error', (error) => reject(new EmbeddedPostgresProblem(`The embedded PostgreSQL's ${what} could not run: ${error.message}`))))
}

async function initialise(placement: Placement) {
  const { dataDir, runAs } = placement
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  // Root gives the folder to the postgres user: a symbolic link there (to /etc, say) must not give away its target.
  if (runAs && !lstatSync(dataDir).isDirectory()) {
    throw new EmbeddedPostgresProblem(`${dataDir} is a symbolic link, not a folder: remove it, or set HUB_DATA_DIR to a folder.`)
  }
  const passwordFile = path.join(path.dirname(dataDir), `.pg-password-${randomBytes(6).toString('hex')}`)
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600, flag: 'wx' })
  if (runAs) {
    lchownSync(dataDir, runAs.uid, runAs.gid)
    lchownSync(passwordFile, runAs.uid, runAs.gid)
  }
  try {
    const args = [`--pgdata=${dataDir}`, '--auth=password', `--username=${USER}`, `--pwfile=${passwordFile}`, '--lc-messages=C']
    const child = spawn(placement.binaries.initdb, args, { ...spawnOptions(placement), stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const code = await Promise.race([started(child, 'initdb'), new Promise<number | null>((resolve) => child.once('close', resolve))])
    if (code !== 0) throw new Error(`initdb failed (exit code ${code}): ${output.trim().split('\n').slice(-3).join(' ')}`)
  } finally {
    rmSync(passwordFile, { force: true })
  }
}

async function startServer(placement: Placement, port: number): Promise<ChildProcess> {
  const args = ['-D', placement.dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on']
  const server = spawn(placement.binaries.postgres, args, { ...spawnOptions(placement), stdio: ['ignore', 'ignore', 'pipe'] })
  let log = ''
  const ready = new Promise<void>((resolve, reject) => {
    server.stderr?.on('data', (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-4000)
      if (log.includes('database system is ready to accept connections')) resolve()
    })
    server.once('close', () => {
      const reason = log.split('\n').filter((line) => /FATAL|ERROR|PANIC/.test(line)).at(-1) ?? log.trim().split('\n').at(-1)
      reject(new Error(reason ? reason.trim() : 'it exited'))
    })
  })
  try {
    await Promise.race([started(server, 'server'), ready])
  } catch (error) {
    await stopServer(server)
    throw error
  }
  // The log keeps flowing; drop it rather than let the pipe fill.
  server.stderr?.removeAllListeners('data').resume()
  return server
}

/**
 * Starts a PostgreSQL server whose data lives in `dataDir`. As root it runs as the `postgres` user; when that
 * user cannot reach the folder, the data lives in the Hub's own place instead (see embedded-place.ts).
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string
  persistent?: boolean
  /** A fixed port, e.g. to start the same cluster again where its clients expect it; otherwise a free one. */
  port?: number
  log?: (line: string) => void
}): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => {})
  const persistent = options.persistent ?? true
  const requested = path.resolve(options.dataDir)
  const placement = await placeCluster(requested, { persistent })
  const { dataDir } = placement
  if (placement.unreachable) log(`The postgres user, who runs the embedded PostgreSQL, cannot enter ${placement.unreachable}: its data lives in ${dataDir}`)
  const shared = await inspectExistingServer(dataDir, log)
  if (shared) {
    log(`Using the embedded PostgreSQL already running on port ${shared}`)
    return { url: embeddedDatabaseUrl(shared, 'postgres'), port: shared, dataDir, stop: async () => {} }
  }
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`Creating an embedded PostgreSQL cluster in ${shownPath(dataDir)}…`)
    try {
      await initialise(placement)
    } catch (error) {
      throw new EmbeddedPostgresProblem(`The embedded PostgreSQL could not create its cluster in ${dataDir}: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  const port = options.port ?? (await freePort())
  let server: ChildProcess
  try {
    server = await startServer(placement, port)
  } catch (error) {
    throw new EmbeddedPostgresProblem(`The embedded PostgreSQL in ${dataDir} did not start: ${error instanceof Error ? error.message : String(error)}`)
  }
  let stopped = false
  const stop = async () => {
    if (stopped) return
    stopped = true
    await stopServer(server)
    if (persistent) return
    if (dataDir === requested) rmSync(dataDir, { recursive: true, force: true })
    else removeMovedCluster(dataDir)
  }
  running.set(server, stop)
  stopWithProcess()
  return { url: embeddedDatabaseUrl(port, 'postgres'), port, dataDir, stop }
}
