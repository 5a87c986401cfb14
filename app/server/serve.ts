import path from 'node:path'
import { env, servesPages } from '~/utils/env.server'
import { logger } from '~/utils/logger.server'
import { buildDirectory, hasBuild } from './build'
import { prepareDatabase } from './database'
import { runHub } from './run'

// `npm run serve`: the Hub in production, from the build `npm run build` made. It never builds, never loads demo
// data and never starts an embedded database; it is a deployment, so development tools are off.
process.env.NODE_ENV = 'production'
delete process.env.HUB_NODE_ENV_DEFAULTED
delete process.env.HUB_EMBEDDED_DATABASE

/** What the operator must do, in one line, and exit 1: no stack trace for a missing setting. */
function refuse(line: string): never {
  console.error(line)
  process.exit(1)
}

async function main() {
  const config = env()
  if (!config.DATABASE_URL) {
    refuse('DATABASE_URL is not set: npm run serve needs a PostgreSQL server (DATABASE_URL=postgres://user:password@host:5432/hub); the local demo with its own database is npm start.')
  }
  const buildDir = buildDirectory()
  if (servesPages(config.HUB_ROLE) && !hasBuild(buildDir)) {
    refuse(`There is no build in ${path.relative(process.cwd(), buildDir) || '.'}/: run npm run build first (npm run serve never builds).`)
  }
  // Migrations run under an advisory lock: whichever process starts first applies them, the others wait and find nothing to do.
  await prepareDatabase((line) => logger().info(line))
  await runHub({ role: config.HUB_ROLE, port: config.PORT, buildDir, embedded: null })
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
