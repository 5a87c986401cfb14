import type { LoaderFunctionArgs } from '@remix-run/node'
import { projectColumns, toCsv } from '~/domain/open-data/csv'
import { exportProjects } from '~/domain/open-data/exports.server'
import { apiAnswer, csvResponse } from '~/http/api.server'
import { openData } from '~/http/open-data.server'
import { db } from '~/utils/db.server'
import { publicOrigin } from '~/utils/env.server'

/** GET /api/v1/projects.csv: every published project matching the filters of /projects (no paging), one row each. */
export const loader = openData(async ({ request }: LoaderFunctionArgs) => {
  const found = await exportProjects(db, new URL(request.url).searchParams)
  if (!found.ok) return apiAnswer(found.problem)
  return csvResponse(toCsv(projectColumns, found.rows, publicOrigin()), 'projects.csv')
})
