import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { revokeInvitation } from '~/domain/organizations/members.server'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { orErrorPage, readForm } from '~/http/forms.server'
import { requireOrganization } from '~/http/organization-access.server'
import { invariantResponse } from '~/http/invariant.server'
import { urls } from '~/utils/urls'

export const loader = ({ params }: ActionFunctionArgs) => redirect(urls.organization(params.slug ?? ''))

/** Revokes an open invitation. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, org } = await requireOrganization(request, params.slug, 'invite:member')
  const id = z.uuid().safeParse(params.invitationId)
  invariantResponse(id.success, 'Not found', { status: 404 })
  await readForm(request)
  await orErrorPage(() => revokeInvitation(db, user, org, id.data))
  return redirectWithFlash(urls.organization(org.slug), { key: 'organizations.revoked' })
}
