import { sql } from 'drizzle-orm'
import { db } from '~/utils/db.server'
import { outageCode } from '~/utils/database-outage.server'
import { logger } from '~/utils/logger.server'

/** A load balancer waits a second or two for readiness, not the database driver's connect timeout. */
const READINESS_DEADLINE_MS = 1_500

/**
 * Readiness: 200 while the database answers, 503 otherwise — within 1.5 s either way. Liveness (the process
 * answers at all) is `/livez`, which never asks the database (app/server/http.ts).
 */
export async function loader() {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('no answer within the readiness deadline'), { code: 'CONNECT_TIMEOUT' })), READINESS_DEADLINE_MS)
  })
  try {
    await Promise.race([db.execute(sql`select 1`), deadline])
    return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } })
  } catch (error) {
    logger().warn({ code: outageCode(error) ?? (error as { code?: string }).code }, 'health check: database unreachable')
    return Response.json({ status: 'unavailable' }, { status: 503, headers: { 'Cache-Control': 'no-store' } })
  } finally {
    clearTimeout(timer)
  }
}
