import { z } from 'zod'
import type { ProjectId } from '#db/schema/index'
import { projectForParty } from '~/domain/projects/access.server'
import { db } from '~/utils/db.server'
import { orErrorPage } from './forms.server'
import { requireUser } from './session.server'
import { invariantResponse } from './invariant.server'

const Uuid = z.uuid()

/** A route parameter that must be a uuid; anything else is a page that does not exist. */
export function idParam<T extends string>(raw: string | undefined): T {
  const parsed = Uuid.safeParse(raw)
  invariantResponse(parsed.success, 'Not found', { status: 404 })
  return parsed.data as T
}

/**
 * For the workspace routes: the signed-in user, the project and what they may do in it. Visitors are sent to
 * log in; anyone who is not a party (nor the secretariat) gets 404, so a project's workspace is not revealed.
 */
export async function requireProjectParty(request: Request, rawId: string | undefined) {
  const user = await requireUser(request)
  const projectId = idParam<ProjectId>(rawId)
  const { project, access } = await orErrorPage(() => projectForParty(db, user, projectId))
  return { user, project, access }
}
