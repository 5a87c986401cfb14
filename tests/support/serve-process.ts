import { spawn } from 'node:child_process'
import { connect } from 'node:net'
import { freePort } from '#db/embedded'

/** `npm run serve` as an operator runs it, with its own environment; everything it prints is kept. */
export interface ServeProcess {
  pid: number
  output: () => string
  stderr: () => string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** SIGTERM to npm alone, as a container runtime sends it to the process it started. */
  terminate: () => void
}

export function startServe(env: Record<string, string | undefined>): ServeProcess {
  const child = spawn('npm', ['run', 'serve'], { env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString()
    stderr += chunk.toString()
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({ code, signal }))
  })
  return { pid: child.pid!, output: () => output, stderr: () => stderr, exited, terminate: () => child.kill('SIGTERM') }
}

/** The environment of a Hub process: this one's, without what the test worker set for itself. */
export function serveEnvironment(settings: Record<string, string | undefined>) {
  const env: Record<string, string | undefined> = { ...process.env, NODE_ENV: undefined, DATABASE_URL: undefined, LOG_LEVEL: 'info', ...settings }
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined)) as Record<string, string>
}

/**
 * A port for a server the test starts: HUB_TEST_PORT_BASE + offset on a shared machine that hands out port
 * ranges, otherwise any free one.
 */
export async function testPort(offset: number) {
  const base = Number(process.env.HUB_TEST_PORT_BASE ?? 0)
  return base > 0 ? base + offset : freePort()
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Waits for `check` to hold, giving up after `seconds`; a process that has exited is reported at once. */
export async function until(what: string, check: () => Promise<boolean>, options: { seconds?: number; process?: ServeProcess } = {}) {
  let gone = false
  void options.process?.exited.then(() => (gone = true))
  const deadline = Date.now() + (options.seconds ?? 120) * 1000
  while (!(await check())) {
    if (gone) throw new Error(`the Hub exited while waiting for ${what}:\n${options.process?.output()}`)
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}${options.process ? `:\n${options.process.output()}` : ''}`)
    await pause(100)
  }
}

/** Whether a new TCP connection to the port is refused (the server stopped accepting connections). */
export function refusesConnections(port: number) {
  return new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(false)
    })
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'))
  })
}

/** The status of GET `url`, or null while nothing answers. */
export async function statusOf(url: string) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) })
    await response.arrayBuffer()
    return response.status
  } catch {
    return null
  }
}
