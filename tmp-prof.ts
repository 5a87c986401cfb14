import { spawn } from 'node:child_process'
import autocannon from 'autocannon'
import { freePort } from '#db/embedded'
import { prepareBenchDatabase } from './tests/bench/database'
import { log } from './tests/bench/output'
const PATHS = ['/requests?objective=20&q=remittance', '/requests?objective=6&q=recruitment', '/requests?objective=21&q=reintegration', '/requests?objective=10&q=trafficking']
const database = await prepareBenchDatabase(log)
const port = await freePort()
const child = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir=/tmp/prof', '--import', 'tsx', 'app/server/serve.ts'], {
  stdio: ['ignore', 2, 2],
  env: { ...process.env, PORT: String(port), DATABASE_URL: database.url, HUB_ROLE: 'web', HUB_BUILD_DIR: '.data/bench-build', LOG_LEVEL: 'warn', APP_URL: `http://127.0.0.1:${port}` },
})
const origin = `http://127.0.0.1:${port}`
for (;;) { try { if ((await fetch(origin + '/healthz')).ok) break } catch {} ; await new Promise((r) => setTimeout(r, 300)) }
for (const p of PATHS) console.log(p, (await fetch(origin + p)).status)
await (await import('node:fs/promises')).writeFile('/tmp/page.html', await (await fetch(origin + PATHS[0])).text())
if (process.env.ONLY_PAGE) { child.kill('SIGTERM'); await new Promise((r) => child.once('exit', r)); await database.stop(); process.exit(0) }
const r = await autocannon({ url: origin, connections: 4, duration: 15, requests: PATHS.map((path) => ({ method: 'GET' as const, path })) })
console.log('req/s', r.requests.average, 'p50', r.latency.p50)
child.kill('SIGTERM')
await new Promise((r) => child.once('exit', r))
await database.stop()
process.exit(0)
