/**
 * `npm test`: every suite, in order. Unit and integration tests (Vitest, real PostgreSQL: DATABASE_URL's
 * server when set, otherwise an embedded one), then the browser journeys (Playwright in Chromium against
 * the real app on a fresh embedded database). Arguments: `--only unit|e2e` to run one part.
 */
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { parseArgs } from 'node:util'
import { removeEmbeddedCluster } from '#db/embedded'
import { findChromium, NO_CHROMIUM_MESSAGE } from './chromium'

const { values } = parseArgs({ options: { only: { type: 'string' } } })
const run = (command: string, args: string[], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync(command, args, { stdio: 'inherit', env }).status ?? 1

let failed = false

if (!values.only || values.only === 'unit') {
  console.warn('\n▶ Unit and integration tests (Vitest)\n')
  failed ||= run('npx', ['vitest', 'run']) !== 0
}

if (!values.only || values.only === 'e2e') {
  console.warn('\n▶ Browser journeys (Playwright, Chromium)\n')
  if (!findChromium()) {
    console.error(NO_CHROMIUM_MESSAGE)
    failed = true
  } else {
    const dataDir = `.data/e2e-${randomBytes(4).toString('hex')}`
    try {
      failed ||= run('npx', ['playwright', 'test'], { ...process.env, E2E_DATA_DIR: dataDir }) !== 0
    } finally {
      // The cluster may live outside the clone (root in a folder the postgres user cannot enter).
      removeEmbeddedCluster(dataDir)
    }
  }
}

process.exit(failed ? 1 : 0)
