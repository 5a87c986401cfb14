import { once } from 'node:events'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import type { ServerBuild } from '@remix-run/node'
import postgres from 'postgres'
import { createServer as createViteServer, type ViteDevServer } from 'vite'
import { statusOf } from '../support/serve-process'
import { EMBEDDED_DATABASE, embeddedDatabaseUrl, removeEmbeddedCluster, startEmbeddedPostgres, type EmbeddedDatabase } from '#db/embedded'
import { migrateDatabase } from '#db/migrate'
import { createApp } from '~/server/http'
import { closeDatabase } from '~/utils/db.server'
import { resetEnvCache } from '~/utils/env.server'
import { jobQueue, stopJobQueue } from '~/utils/jobs.server'

/**
 * The Hub's whole HTTP stack (Express, then the Remix app compiled by Vite from the sources, as `npm start` serves
 * it) on a PostgreSQL of its own, which the test may stop and start again on the same port — the machine's shared
 * test server cannot be stopped under other test files.
 */
export interface HubOnOwnDatabase {
  origin: string
  /** A client of the Hub's database that the test uses to check what was stored (not the Hub's own pool). */
  inspect: postgres.Sql
  stopDatabase: () => Promise<void>
  startDatabase: () => Promise<void>
  close: () => Promise<void>
}

export async function startHubOnOwnDatabase(): Promise<HubOnOwnDatabase> {
  const dataDir = path.resolve(`.data/outage-test-${randomBytes(4).toString('hex')}`)
  const saved = { DATABASE_URL: process.env.DATABASE_URL, PORT: process.env.PORT }
  let database: EmbeddedDatabase | null = null
  let vite: ViteDevServer | null = null
  let listener: Server | null = null
  let inspect: postgres.Sql | null = null

  // Also run when starting fails halfway, so no server, PostgreSQL or data folder outlives the test.
  const close = async () => {
    if (listener) {
      const closing = new Promise<void>((resolve) => listener!.close(() => resolve()))
      listener.closeAllConnections()
      await closing
    }
    await vite?.close()
    await inspect?.end({ timeout: 1 })
    await stopJobQueue()
    await closeDatabase()
    await database?.stop()
    // Kept (it outlives the outage the test makes), so removed wherever it lives: for root in a private folder,
    // under /var/lib/connection-hub.
    removeEmbeddedCluster(dataDir)
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
    resetEnvCache()
  }

  try {
    database = await startEmbeddedPostgres({ dataDir, persistent: true })
    const port = database.port
    const admin = postgres(database.url, { max: 1, onnotice: () => {} })
    await admin.unsafe(`create database "${EMBEDDED_DATABASE}"`)
    await admin.end()
    const url = embeddedDatabaseUrl(port)
    await migrateDatabase(url)

    // The app reads its configuration lazily: from here on it talks to this database only.
    await stopJobQueue()
    await closeDatabase()
    process.env.DATABASE_URL = url
    resetEnvCache()
    await jobQueue()

    const compiler = await createViteServer({
      configFile: path.resolve('vite.config.ts'),
      server: { middlewareMode: true, hmr: false, watch: null },
      appType: 'custom',
      logLevel: 'silent',
    })
    vite = compiler
    const build = () => compiler.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>
    // The Origin check accepts the local demo's own origin, so the app is told the port it listens on.
    const server = createApp({ build, clientDir: path.join(dataDir, 'no-client-build') }).listen(0, '127.0.0.1')
    listener = server
    await once(server, 'listening')
    const appPort = (server.address() as AddressInfo).port
    process.env.PORT = String(appPort)
    resetEnvCache()
    await build()

    const client = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 })
    inspect = client
    return {
      origin: `http://127.0.0.1:${appPort}`,
      inspect: client,
      stopDatabase: async () => {
        await database?.stop()
        database = null
      },
      startDatabase: async () => {
        database = await startEmbeddedPostgres({ dataDir, persistent: true, port })
      },
      close,
    }
  } catch (error) {
    await close()
    throw error
  }
}

/**
 * Asks `url` again and again (each answer awaited, 50 ms apart) until it answers `status` or `deadlineMs` has
 * passed: the status of the last answer and when it arrived. An answer in flight at the deadline is awaited (up
 * to 10 s), so the figure reported is the real one rather than a timeout.
 */
export async function pollUntil(url: string, status: number, deadlineMs: number) {
  const started = performance.now()
  for (;;) {
    const seen = await statusOf(url)
    const ms = Math.round(performance.now() - started)
    if (seen === status || ms >= deadlineMs) return { status: seen, ms }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
