/**
 * Whether an error means the database cannot be reached right now (it is stopped, restarting, recovering from a
 * crash, or the network to it is down), as opposed to a query that is wrong. Such a failure is answered 503 with
 * Retry-After: the request was fine and will succeed once PostgreSQL is back.
 *
 * Errors arrive from several layers: node's socket (`ECONNREFUSED`, also inside an AggregateError when a name has
 * several addresses), the `postgres` driver (`CONNECTION_CLOSED`…), PostgreSQL itself (SQLSTATE class 08,
 * 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections), and drizzle,
 * which wraps the driver's error as its `cause`.
 */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EPIPE',
  'EAI_AGAIN',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  '57P01',
  '57P02',
  '57P03',
  '53300',
])

/** The code that makes `error` an outage (for the log), or null when it is some other failure. */
export function outageCode(error: unknown, depth = 0): string | null {
  if (!error || typeof error !== 'object' || depth > 5) return null
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown }
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return code
  const inner = Array.isArray(errors) ? errors.map((each) => outageCode(each, depth + 1)).find((found) => found !== null) : null
  return outageCode(cause, depth + 1) ?? inner ?? null
}

export const isDatabaseUnavailable = (error: unknown) => outageCode(error) !== null

/** How long a client is asked to wait before trying again: PostgreSQL restarts in seconds. */
export const RETRY_AFTER_SECONDS = 5
