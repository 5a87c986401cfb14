import { loadDemoDataIfWanted } from '~/demo/load'
import { db } from '~/utils/db.server'
import { env, resetEnvCache } from '~/utils/env.server'
import { logger } from '~/utils/logger.server'
import { buildDirectory, buildIfNeeded } from './build'
import { prepareDatabase } from './database'
import { runHub } from './run'

// `npm start`: the local demo. Production runs `npm run build` once, then `npm run serve` (serve.ts).
// Production builds of React and Remix by default. Only an operator's own NODE_ENV=production declares a
// deployment (development tools off); the start script's choice does not, so the local demo keeps them.
if (!process.env.NODE_ENV) {
  process.env.NODE_ENV = 'production'
  process.env.HUB_NODE_ENV_DEFAULTED = '1'
}
const log = (line: string) => logger().info(line)

async function main() {
  const config = env()
  const buildDir = buildDirectory()
  buildIfNeeded(buildDir, log)
  const database = await prepareDatabase(log)
  resetEnvCache() // prepareDatabase provided DATABASE_URL (and marks an embedded database)
  await loadDemoDataIfWanted(db, { embedded: Boolean(database.embedded), setting: config.DEMO_DATA, log })
  await runHub({ role: config.HUB_ROLE, port: config.PORT, buildDir, embedded: database.embedded })
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
