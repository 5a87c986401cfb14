import { readiness } from '~/utils/readiness.server'

/**
 * Readiness: 200 while the database answers, 503 otherwise — within 1.5 s either way. Liveness (the process
 * answers at all) is `/livez`, which never asks the database (app/server/http.ts).
 */
export async function loader() {
  const answer = await readiness()
  return Response.json(answer.body, { status: answer.status, headers: { 'Cache-Control': 'no-store' } })
}
