import { sql } from 'drizzle-orm'
import { outageCode } from './database-outage.server'
import { db } from './db.server'
import { logger } from './logger.server'

/** A load balancer waits a second or two for readiness, not the database driver's connect timeout. */
const READINESS_DEADLINE_MS = 1_500

/**
 * Readiness, for every process's /healthz (a web process's route, a worker's probe): whether the database
 * answers, decided within 1.5 s either way.
 */
export async function databaseAnswers(): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('no answer within the readiness deadline'), { code: 'CONNECT_TIMEOUT' })), READINESS_DEADLINE_MS)
  })
  try {
    await Promise.race([db.execute(sql`select 1`), deadline])
    return true
  } catch (error) {
    logger().warn({ code: outageCode(error) ?? (error as { code?: string }).code }, 'health check: database unreachable')
    return false
  } finally {
    clearTimeout(timer)
  }
}
