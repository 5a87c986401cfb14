import type { LoaderFunctionArgs } from '@remix-run/node'
import { openData } from '~/domain/open-data/http.server'
import { apiList } from '~/domain/search/api.server'
import { db } from '~/utils/db.server'
import { publicOrigin } from '~/utils/env.server'

/** GET /api/v1/offers: public offers (active unless `status` says otherwise), with the filters of /offers, `page` and `pageSize` (at most 100). */
export const loader = openData(async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url)
  return apiList(db, 'offers', url, publicOrigin())
})
