import { sql } from 'drizzle-orm'
import { outageCode } from './database-outage.server'
import { db } from './db.server'
import { logger } from './logger.server'

/** A load balancer waits a second or two for readiness, not the database driver's connect timeout. */
const READINESS_DEADLINE_MS = 1_500

/** Whether the database answers, decided within 1.5 s either way: what every process's /healthz reports. */
async function databaseAnswers(): Promise<boolean> {
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

/** What a probe answers: a status code and a small JSON body, never cached. */
export interface ProbeAnswer {
  status: number
  body: { status: 'alive' | 'ok' | 'unavailable'; role?: 'worker' }
}

/** The probe paths every process answers, whatever its role. */
export const PROBE_PATHS = { liveness: '/livez', readiness: '/healthz' } as const

/** Liveness (`/livez`): the process answers. It never asks the database, so a database outage restarts nothing. */
export function liveness(role?: 'worker'): ProbeAnswer {
  return { status: 200, body: { status: 'alive', ...(role && { role }) } }
}

/** Readiness (`/healthz`): 200 while the database answers, 503 otherwise. */
export async function readiness(role?: 'worker'): Promise<ProbeAnswer> {
  const ready = await databaseAnswers()
  return { status: ready ? 200 : 503, body: { status: ready ? 'ok' : 'unavailable', ...(role && { role }) } }
}
