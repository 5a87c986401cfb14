import type { LoaderFunctionArgs } from '@remix-run/node'
import { practiceColumns, toCsv } from '~/domain/open-data/csv'
import { exportPractices } from '~/domain/open-data/exports.server'
import { apiAnswer, csvResponse } from '~/http/api.server'
import { openData } from '~/http/open-data.server'
import { db } from '~/utils/db.server'
import { publicOrigin } from '~/utils/env.server'

/** GET /api/v1/practices.csv: every published practice matching the filters of /practices (no paging), one row each. */
export const loader = openData(async ({ request }: LoaderFunctionArgs) => {
  const found = await exportPractices(db, new URL(request.url).searchParams)
  if (!found.ok) return apiAnswer(found.problem)
  return csvResponse(toCsv(practiceColumns, found.rows, publicOrigin()), 'practices.csv')
})
