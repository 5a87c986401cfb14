import { can } from '~/domain/access/abilities'
import { requireUser } from './session.server'

/** The secretariat's fund pages: only those who manage the fund see them. */
export async function requireFundManager(request: Request) {
  const user = await requireUser(request)
  if (!can(user, 'manage:fund')) throw new Response('Forbidden', { status: 403 })
  return user
}
