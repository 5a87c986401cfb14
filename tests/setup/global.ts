import { randomBytes } from 'node:crypto'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { startEmbeddedPostgres, type EmbeddedDatabase } from '#db/embedded'
import { migrateDatabase } from '#db/migrate'
import { resetEnvCache } from '~/utils/env.server'
import { jobQueue, stopJobQueue } from '~/utils/jobs.server'
import { createDatabase, databaseUrl, dropDatabasesWithPrefix } from './database'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A URL of the PostgreSQL server the tests use, for administrative statements (CREATE DATABASE). */
    testDatabaseServer: string
    /** The migrated database each test file copies. */
    testTemplateDatabase: string
    /** Every database of this run is named `<prefix>_…`, so teardown drops exactly those. */
    testDatabasePrefix: string
  }
}

/**
 * Migrates a template database once per run. With TEST_DATABASE_URL or DATABASE_URL the tests use that
 * server, but only databases they create themselves; otherwise a throwaway embedded PostgreSQL.
 */
export default async function setup(project: TestProject) {
  const external = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL
  const prefix = `hub_test_${process.pid}_${randomBytes(4).toString('hex')}`
  const template = `${prefix}_template`

  let embedded: EmbeddedDatabase | null = null
  if (!external) {
    embedded = await startEmbeddedPostgres({
      dataDir: path.resolve(`.data/test-postgres-${randomBytes(4).toString('hex')}`),
      persistent: false,
    })
  }
  const serverUrl = external ?? embedded!.url

  const teardown = async () => {
    try {
      await dropDatabasesWithPrefix(serverUrl, prefix)
    } finally {
      await embedded?.stop()
    }
  }

  try {
    await createDatabase(serverUrl, template)
    const templateUrl = databaseUrl(serverUrl, template)
    await migrateDatabase(templateUrl)
    await installJobQueue(templateUrl)
  } catch (error) {
    await teardown()
    throw error
  }

  project.provide('testDatabaseServer', serverUrl)
  project.provide('testTemplateDatabase', template)
  project.provide('testDatabasePrefix', prefix)
  return teardown
}

/**
 * Starts and stops the app's own pg-boss once against the template, so its schema and queues (with the
 * app's retry policies) are copied into every test database instead of being created by each worker.
 */
async function installJobQueue(url: string) {
  const saved = { DATABASE_URL: process.env.DATABASE_URL, NODE_ENV: process.env.NODE_ENV }
  process.env.DATABASE_URL = url
  process.env.NODE_ENV = 'test'
  resetEnvCache()
  try {
    await jobQueue()
  } finally {
    await stopJobQueue()
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
    resetEnvCache()
  }
}
