import { databaseAnswers } from '~/utils/readiness.server'

/**
 * Readiness: 200 while the database answers, 503 otherwise — within 1.5 s either way. Liveness (the process
 * answers at all) is `/livez`, which never asks the database (app/server/http.ts).
 */
export async function loader() {
  const ready = await databaseAnswers()
  return Response.json({ status: ready ? 'ok' : 'unavailable' }, { status: ready ? 200 : 503, headers: { 'Cache-Control': 'no-store' } })
}
