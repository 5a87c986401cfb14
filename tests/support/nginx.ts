import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

/**
 * nginx (Debian's package) run by a test as its own child process, with its own configuration, files and ports —
 * never the system's service. The Hub's recommended configuration is `deploy/nginx.conf`; a test runs it with only
 * the lines an operator changes replaced (names, certificate, ports, folders).
 */

const which = (command: string) => {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' })
  return found.status === 0 ? found.stdout.trim() : null
}

/** Why the proxy tests cannot run here, or null when nginx and openssl are installed. */
export function proxyUnavailable() {
  if (!which('nginx')) return 'nginx is not installed (Debian: apt-get install nginx; .ci/run installs it)'
  if (!which('openssl')) return 'openssl is not installed (it makes the test certificate)'
  return null
}

export interface SiteOptions {
  /** The Hub's web process, or several (the scale drill runs two behind one nginx). */
  hubPort: number | number[]
  httpsPort: number
  httpPort: number
  cacheDir: string
  accessLog: string
  certificate: string
  key: string
}

/** deploy/nginx.conf with the operator's lines set for the test; every line it expects must be there. */
export function testSiteConfig(options: SiteOptions) {
  let text = readFileSync('deploy/nginx.conf', 'utf8')
  const edits: [string, string][] = [
    ['/etc/letsencrypt/live/hub.example.org/fullchain.pem', options.certificate],
    ['/etc/letsencrypt/live/hub.example.org/privkey.pem', options.key],
    ['server_name hub.example.org;', 'server_name localhost;'],
    ['/var/cache/nginx/connection-hub ', `${options.cacheDir} `],
    ['/var/log/nginx/connection-hub.access.log', options.accessLog],
    ['listen 443 ssl http2;', `listen 127.0.0.1:${options.httpsPort} ssl http2;`],
    ['listen [::]:443 ssl http2;', ''],
    ['listen 80;', `listen 127.0.0.1:${options.httpPort};`],
    ['listen [::]:80;', ''],
  ]
  // The upstream's one `server` line becomes one per web process, each with the options the file gives it.
  const upstream = /^(\s*)server 127\.0\.0\.1:3000 (.*)$/m
  if (!upstream.test(text)) throw new Error('deploy/nginx.conf no longer contains "server 127.0.0.1:3000 …": update tests/support/nginx.ts with it')
  text = text.replace(upstream, (_, indent: string, rest: string) => [options.hubPort].flat().map((port) => `${indent}server 127.0.0.1:${port} ${rest}`).join('\n'))
  for (const [from, to] of edits) {
    if (!text.includes(from)) throw new Error(`deploy/nginx.conf no longer contains "${from}": update tests/support/nginx.ts with it`)
    text = text.replaceAll(from, to)
  }
  const unreplaced = text.split('\n').find((line) => !line.trim().startsWith('#') && line.includes('example.org'))
  if (unreplaced) throw new Error(`deploy/nginx.conf names example.org in a line the test does not replace: ${unreplaced.trim()}`)
  return text
}

async function waitForPort(port: number, child: ChildProcess, log: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`nginx exited (code ${child.exitCode}):\n${readLog(log)}`)
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.end(() => resolve(true)))
      socket.once('error', () => resolve(false))
    })
    if (open) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`nginx did not listen on ${port} within ${timeoutMs / 1000} s:\n${readLog(log)}`)
}

const readLog = (file: string) => {
  try {
    return readFileSync(file, 'utf8').slice(-3000)
  } catch {
    return '(no error log)'
  }
}

export interface RunningNginx {
  /** The PEM of the test certificate (for `localhost`), to trust it. */
  certificate: string
  /** The recommended site's access log (nginx writes each line when the answer has gone). */
  readAccessLog: () => string
  /** nginx's error log (warnings and worse): why an upstream failed, when it did. */
  readErrorLog: () => string
  stop: () => Promise<void>
}

/**
 * Starts nginx with the recommended site (HTTPS on `httpsPort`) and `extraServers` (http-level blocks written by
 * the test, where `{dir}` is nginx's temporary folder), all inside that folder. Resolves once every port listens.
 */
export async function startNginx(options: Omit<SiteOptions, 'cacheDir' | 'accessLog' | 'certificate' | 'key'> & { extraServers?: string; extraPorts?: number[] }): Promise<RunningNginx> {
  const dir = mkdtempSync(path.join(tmpdir(), 'hub-nginx-'))
  // nginx's workers run as an unprivileged user: they must reach the cache and temp folders it makes here.
  chmodSync(dir, 0o755)
  try {
    writeSetup(dir, options)
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
  const log = path.join(dir, 'logs/error.log')
  const file = (name: string) => path.join(dir, name)
  const child = spawn(which('nginx')!, ['-p', dir, '-c', file('nginx.conf'), '-e', log, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit')
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    }
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    for (const port of [options.httpsPort, options.httpPort, ...(options.extraPorts ?? [])]) await waitForPort(port, child, log, 20_000)
  } catch (error) {
    await stop()
    throw new Error(`${(error as Error).message}\n${stderr}`)
  }
  return { certificate: readFileSync(file('localhost.crt'), 'utf8'), readAccessLog: () => readFileSync(file('logs/access.log'), 'utf8'), readErrorLog: () => readFileSync(log, 'utf8'), stop }
}

/** The test certificate, the site and the main configuration, all in `dir`. */
function writeSetup(dir: string, options: Parameters<typeof startNginx>[0]) {
  const file = (name: string) => path.join(dir, name)
  const certificate = file('localhost.crt')
  const key = file('localhost.key')
  const made = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost', '-keyout', key, '-out', certificate],
    { encoding: 'utf8' },
  )
  if (made.status !== 0) throw new Error(`openssl could not make the test certificate:\n${made.stderr}`)
  writeFileSync(file('connection-hub.conf'), testSiteConfig({ ...options, cacheDir: file('cache'), accessLog: file('logs/access.log'), certificate, key }))
  mkdirSync(file('logs'))
  const log = file('logs/error.log')
  writeFileSync(
    file('nginx.conf'),
    `worker_processes auto;
pid ${file('nginx.pid')};
error_log ${log} warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${file('body')};
  proxy_temp_path ${file('proxy')};
  fastcgi_temp_path ${file('fastcgi')};
  uwsgi_temp_path ${file('uwsgi')};
  scgi_temp_path ${file('scgi')};
  include ${file('connection-hub.conf')};
${(options.extraServers ?? '').replaceAll('{dir}', dir)}
}
`,
  )
}
