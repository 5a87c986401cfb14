import type { LoaderFunctionArgs } from '@remix-run/node'
import { offerColumns, toCsv } from '~/domain/open-data/csv'
import { exportListing } from '~/domain/open-data/exports.server'
import { apiAnswer, csvResponse } from '~/http/api.server'
import { openData } from '~/http/open-data.server'
import { db } from '~/utils/db.server'
import { publicOrigin } from '~/utils/env.server'

/** GET /api/v1/offers.csv: every public offer matching the filters of /offers (no paging), one row each, RFC 4180 in UTF-8. */
export const loader = openData(async ({ request }: LoaderFunctionArgs) => {
  const found = await exportListing(db, 'offers', new URL(request.url).searchParams)
  if (!found.ok) return apiAnswer(found.problem)
  return csvResponse(toCsv(offerColumns, found.rows, publicOrigin()), 'offers.csv')
})
