import type { LoaderFunctionArgs } from '@remix-run/node'
import { requestColumns, toCsv } from '~/domain/open-data/csv'
import { exportListing } from '~/domain/open-data/exports.server'
import { apiAnswer, csvResponse } from '~/http/api.server'
import { openData } from '~/http/open-data.server'
import { db } from '~/utils/db.server'
import { publicOrigin } from '~/utils/env.server'

/** GET /api/v1/requests.csv: every public request matching the filters of /requests (no paging), one row each, RFC 4180 in UTF-8. */
export const loader = openData(async ({ request }: LoaderFunctionArgs) => {
  const found = await exportListing(db, 'requests', new URL(request.url).searchParams)
  if (!found.ok) return apiAnswer(found.problem)
  return csvResponse(toCsv(requestColumns, found.rows, publicOrigin()), 'requests.csv')
})
