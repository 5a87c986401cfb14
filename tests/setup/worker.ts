import { randomBytes } from 'node:crypto'
import { format } from 'node:util'
import { afterAll, afterEach, beforeEach, inject, vi, type MockInstance } from 'vitest'
import { closeDatabase } from '~/utils/db.server'
import { resetEnvCache } from '~/utils/env.server'
import { stopJobQueue } from '~/utils/jobs.server'
import { dropSingleton } from '~/utils/singleton.server'
import { createDatabase, databaseUrl, dropDatabase } from './database'

// Each test file runs in its own worker with its own copy of the migrated template, so files never see
// each other's rows. The app reads its configuration lazily, so setting it here, before any test runs, is enough.
const server = inject('testDatabaseServer')
const name = `${inject('testDatabasePrefix')}_w${process.env.VITEST_POOL_ID ?? '0'}_${randomBytes(3).toString('hex')}`
await createDatabase(server, name, inject('testTemplateDatabase'))

process.env.DATABASE_URL = databaseUrl(server, name)
process.env.NODE_ENV = 'test'
delete process.env.SMTP_URL
resetEnvCache()

afterAll(async () => {
  await stopJobQueue()
  await closeDatabase()
  dropSingleton('smtp')
  await dropDatabase(server, name)
})

// A console.error during a test fails that test: an error the app logs is a bug even when the test passes.
let consoleError: MockInstance<typeof console.error> | undefined
beforeEach(() => {
  consoleError = vi.spyOn(console, 'error')
})
afterEach(() => {
  const calls = consoleError?.mock.calls ?? []
  consoleError?.mockRestore()
  consoleError = undefined
  if (calls.length > 0) {
    const messages = calls.map((args) => format(...args)).join('\n---\n')
    throw new Error(`console.error was called during this test:\n${messages}`)
  }
})
