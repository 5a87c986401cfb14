import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import { loadDemoDataIfWanted } from '~/demo/load'
import { closeDatabase, db } from '~/utils/db.server'
import { env, resetEnvCache } from '~/utils/env.server'
import { jobQueueStopping, stopJobQueue } from '~/utils/jobs.server'
import { logger } from '~/utils/logger.server'
import { prepareDatabase } from './database'
import { createApp } from './http'
import { startWorkers } from './workers'

// Production builds of React and Remix by default. Only an operator's own NODE_ENV=production declares a
// deployment (development tools off); the start script's choice does not, so the local demo keeps them.
if (!process.env.NODE_ENV) {
  process.env.NODE_ENV = 'production'
  process.env.HUB_NODE_ENV_DEFAULTED = '1'
}
const log = (line: string) => logger().info(line)
const buildDir = path.resolve(process.env.HUB_BUILD_DIR ?? 'build')
const serverEntry = path.join(buildDir, 'server/index.js')

function newestModification(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestModification(full) : statSync(full).mtimeMs)
  }
  return newest
}

/** Builds the app when there is no build yet or the sources changed since the last one. */
function buildIfNeeded() {
  const sources = Math.max(newestModification('app'), newestModification('public'), statSync('vite.config.ts').mtimeMs)
  if (existsSync(serverEntry) && statSync(serverEntry).mtimeMs >= sources) return
  log('Building the Hub (first start or changed sources)…')
  const result = spawnSync('npx', ['remix', 'vite:build'], { stdio: 'inherit' })
  if (result.status !== 0) throw new Error('The build failed; see the output above.')
}

async function main() {
  const config = env()
  buildIfNeeded()
  const database = await prepareDatabase(log)
  resetEnvCache() // prepareDatabase provided DATABASE_URL (and marks an embedded database)
  await loadDemoDataIfWanted(db, { embedded: Boolean(database.embedded), setting: config.DEMO_DATA, log })
  await startWorkers()

  const build = (await import(pathToFileURL(serverEntry).href)) as ServerBuild
  const app = createApp({ build, clientDir: path.join(buildDir, 'client') })
  const server = app.listen(config.PORT, () => log(`Connection Hub is serving http://localhost:${config.PORT}`))

  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    jobQueueStopping()
    log(`${signal} received: stopping`)
    server.closeIdleConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
    await stopJobQueue()
    await closeDatabase()
    await database.embedded?.stop()
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
