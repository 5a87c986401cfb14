import type { SessionUser } from '~/domain/accounts/sessions.server'
import type { Organization } from '~/domain/organizations/organizations.server'
import { db, type Db } from '~/utils/db.server'
import { orErrorPage } from '~/http/forms.server'
import { requireOrganization } from '~/http/organization-access.server'
import { idParam } from '~/http/project-access.server'
import { requireUser } from '~/http/session.server'

/**
 * Who opens an editor: a member of an organisation writing a new item for it, or its own side editing a stored
 * one. The editor's loader and action take either; only access differs between its "new" and "edit" routes.
 */
export type Editing<Stored> = { user: SessionUser; org: Organization; stored?: never } | { user: SessionUser; stored: Stored; org?: never }

/** A member of the organisation named in the URL, once the domain agrees it may write this kind of item. */
async function writingFor(request: Request, slug: string | undefined, assertMay: (user: SessionUser, org: Organization) => Promise<unknown>) {
  const { user, org } = await requireOrganization(request, slug, 'read:organization')
  await orErrorPage(() => assertMay(user, org))
  return { user, org }
}

/** A stored item its reader may edit, or the error page: 404 unseen, 403 another side's, 409 past editing. */
function editableOrErrorPage<Found extends { ownSide: boolean }>(found: Found | null, editable: (found: Found) => boolean, refusal: string): Found {
  if (!found) throw new Response('Not found', { status: 404 })
  if (!found.ownSide) throw new Response('Forbidden', { status: 403 })
  if (!editable(found)) throw new Response(refusal, { status: 409 })
  return found
}

/** What an editor needs to know of its entity to decide who opens it: the domain's rules, not the editor's. */
export interface EditedEntity<Id extends string, Found extends { ownSide: boolean }, Stored> {
  /** Whether the organisation's member may write a new one (throws a DomainError if not). */
  mayWriteFor: (db: Db, user: SessionUser, org: Organization) => Promise<unknown>
  read: (db: Db, user: SessionUser, id: Id) => Promise<Found | null>
  stored: (found: Found) => Stored
  editable: (stored: Stored) => boolean
  /** Why a stored one past editing cannot be opened (the 409's text). */
  refusal: string
}

/** The editor's two ways in, a new item for the organisation in the URL or the stored item of the id in the URL. */
export function editorAccess<Id extends string, Found extends { ownSide: boolean }, Stored>(entity: EditedEntity<Id, Found, Stored>) {
  return {
    forNew: (request: Request, slug: string | undefined): Promise<Editing<Stored>> =>
      writingFor(request, slug, (user, org) => entity.mayWriteFor(db, user, org)),
    toEdit: async (request: Request, rawId: string | undefined): Promise<Editing<Stored>> => {
      const user = await requireUser(request)
      const found = await entity.read(db, user, idParam<Id>(rawId))
      const editable = editableOrErrorPage(found, (f) => entity.editable(entity.stored(f)), entity.refusal)
      return { user, stored: entity.stored(editable) }
    },
  }
}
