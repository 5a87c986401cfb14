import type { LoaderFunctionArgs } from '@remix-run/node'
import type { ProjectId } from '#db/schema/index'
import { openData } from '~/http/open-data.server'
import { ItemPathSchema } from '~/domain/open-data/schemas'
import { apiProjectDetail } from '~/domain/projects/listing.server'
import { publicProject } from '~/domain/projects/public.server'
import { apiJson } from '~/http/api.server'
import { db } from '~/utils/db.server'
import { publicOrigin } from '~/utils/env.server'

/** GET /api/v1/projects/:id: one published project with its public description; 404 when there is none. */
export const loader = openData(async ({ params }: LoaderFunctionArgs) => {
  const raw = params.id ?? ''
  const id = ItemPathSchema.shape.id.safeParse(raw)
  if (!id.success) return apiJson({ error: `“${raw.slice(0, 64)}” is not a project id: ids are UUIDs.` }, 400)
  const project = await publicProject(db, id.data as ProjectId)
  if (!project) return apiJson({ error: `No public project has the id “${id.data}”.` }, 404)
  return apiJson(apiProjectDetail(project, publicOrigin()))
})
