import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { memberRoles, type UserId } from '#db/schema/index'
import { DomainError } from '~/domain/errors'
import { changeMemberRole, removeMember } from '~/domain/organizations/members.server'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { readForm } from '~/http/forms.server'
import { requireOrganization } from '~/http/organization-access.server'
import { requireRecentAuthentication } from '~/http/step-up.server'
import { invariantResponse } from '~/http/invariant.server'
import { urls } from '~/utils/urls'

const MemberAction = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('role'), role: z.enum(memberRoles) }),
  z.object({ intent: z.literal('remove') }),
])

export const loader = ({ params }: ActionFunctionArgs) => redirect(urls.organization(params.slug ?? ''))

export async function action({ request, params }: ActionFunctionArgs) {
  // Leaving needs only membership; the domain checks the stronger right for everything else.
  const { user, org } = await requireOrganization(request, params.slug, 'read:organization')
  const memberId = z.uuid().safeParse(params.userId)
  invariantResponse(memberId.success, 'Not found', { status: 404 })
  const submitted = await readForm(request)
  const input = MemberAction.safeParse(Object.fromEntries(submitted))
  invariantResponse(input.success, 'Choose a valid role.')
  if (input.data.intent === 'role') await requireRecentAuthentication(request, submitted)
  const back = urls.organization(org.slug)
  try {
    if (input.data.intent === 'role') {
      await changeMemberRole(db, user, org, memberId.data as UserId, input.data.role)
      return redirectWithFlash(back, { key: 'organizations.roleChanged' })
    }
    await removeMember(db, user, org, memberId.data as UserId)
    return redirectWithFlash(memberId.data === user.id ? urls.organizations() : back, { key: 'organizations.removed' })
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    if (error.status === 403 || error.status === 404) throw new Response(error.message, { status: error.status })
    return redirectWithFlash(back, { key: error.code, tone: 'error' })
  }
}
