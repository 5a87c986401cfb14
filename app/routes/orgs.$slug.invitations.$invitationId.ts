import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { DomainError } from '~/domain/errors'
import { revokeInvitation } from '~/domain/organizations/members.server'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { readForm } from '~/utils/forms.server'
import { requireOrganization } from '~/utils/organization-access.server'

export const loader = ({ params }: ActionFunctionArgs) => redirect(`/orgs/${params.slug}`)

/** Revokes an open invitation. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, org } = await requireOrganization(request, params.slug, 'invite:member')
  const id = z.uuid().safeParse(params.invitationId)
  if (!id.success) throw new Response('Not found', { status: 404 })
  await readForm(request)
  try {
    await revokeInvitation(db, user, org, id.data)
  } catch (error) {
    if (error instanceof DomainError) throw new Response(error.message, { status: error.status })
    throw error
  }
  return redirectWithFlash(`/orgs/${org.slug}`, { key: 'organizations.revoked' })
}
