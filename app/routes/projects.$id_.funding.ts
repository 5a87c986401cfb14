import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import type { OrganizationId, ProjectId } from '#db/schema/index'
import { answerFundingInvitation } from '~/domain/projects/funders.server'
import { FundingAnswerSchema } from '~/domain/projects/schemas'
import { db } from '~/utils/db.server'
import { publicOrigin } from '~/utils/env.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { orErrorPage, parseForm } from '~/http/forms.server'
import { idParam } from '~/http/project-access.server'
import { requireUser } from '~/http/session.server'
import { urls } from '~/utils/urls'

/** Invitations to fund are listed and answered on the dashboard; this address only takes the answer. */
export const loader = () => redirect(urls.dashboard())

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const projectId = idParam<ProjectId>(params.id)
  const form = await parseForm(request, FundingAnswerSchema)
  if (!form.ok) return form.response
  const { organizationId, decision } = form.value
  await orErrorPage(() => answerFundingInvitation(db, { user, projectId, organizationId: organizationId as OrganizationId, decision, origin: publicOrigin() }))
  return redirectWithFlash(urls.dashboard(), { key: decision === 'accept' ? 'projectPages.fundingInvitations.accepted' : 'projectPages.fundingInvitations.declined' })
}
