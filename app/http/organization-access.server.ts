import { organizationBySlug, membershipContext } from '~/domain/organizations/organizations.server'
import { can, type Ability } from '~/domain/access/abilities'
import { db } from '~/utils/db.server'
import { requireUser } from './session.server'
import { invariantResponse } from './invariant.server'

/**
 * Loads the organisation named in the URL for the signed-in user, or throws: 404 when it does not exist,
 * 403 when the user lacks `ability` on it (deny by default).
 */
export async function requireOrganization(request: Request, slug: string | undefined, ability: Ability) {
  const user = await requireUser(request)
  const org = slug && /^[a-z0-9-]{1,80}$/.test(slug) ? await organizationBySlug(db, slug) : null
  invariantResponse(org, 'Not found', { status: 404 })
  const membership = await membershipContext(db, user, org)
  invariantResponse(can(user, ability, membership), 'Forbidden', { status: 403 })
  return { user, org, membership }
}
