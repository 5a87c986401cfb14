import type { SessionUser } from '~/domain/accounts/sessions.server'
import type { Organization } from '~/domain/organizations/organizations.server'
import { orErrorPage } from '~/http/forms.server'
import { requireOrganization } from '~/http/organization-access.server'

/**
 * Who opens an editor: a member of an organisation writing a new item for it, or its own side editing a stored
 * one. The editor's loader and action take either; only access differs between its "new" and "edit" routes.
 */
export type Editing<Stored> = { user: SessionUser; org: Organization; stored?: never } | { user: SessionUser; stored: Stored; org?: never }

/** A member of the organisation named in the URL, once the domain agrees it may write this kind of item. */
export async function writingFor(request: Request, slug: string | undefined, assertMay: (user: SessionUser, org: Organization) => Promise<void>) {
  const { user, org } = await requireOrganization(request, slug, 'read:organization')
  await orErrorPage(() => assertMay(user, org))
  return { user, org }
}

/** A stored item its reader may edit, or the error page: 404 unseen, 403 another side's, 409 past editing. */
export function editableOrErrorPage<Found extends { ownSide: boolean }>(found: Found | null, editable: (found: Found) => boolean, refusal: string): Found {
  if (!found) throw new Response('Not found', { status: 404 })
  if (!found.ownSide) throw new Response('Forbidden', { status: 403 })
  if (!editable(found)) throw new Response(refusal, { status: 409 })
  return found
}
