import { sql } from 'drizzle-orm'
import { db } from '~/utils/db.server'
import { logger } from '~/utils/logger.server'

export async function loader() {
  try {
    await db.execute(sql`select 1`)
    return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } })
  } catch (error) {
    logger().warn({ err: error }, 'health check: database unreachable')
    return Response.json({ status: 'unavailable' }, { status: 503, headers: { 'Cache-Control': 'no-store' } })
  }
}
