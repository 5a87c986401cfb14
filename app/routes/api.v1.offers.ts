import type { LoaderFunctionArgs } from '@remix-run/node'
import { apiAnswer } from '~/http/api.server'
import { openData } from '~/http/open-data.server'
import { apiList } from '~/domain/catalogue/api.server'
import { db } from '~/utils/db.server'
import { publicOrigin } from '~/utils/env.server'

/** GET /api/v1/offers: public offers (active unless `status` says otherwise), with the filters of /offers, `page` and `pageSize` (at most 100). */
export const loader = openData(async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url)
  return apiAnswer(await apiList(db, 'offers', url, publicOrigin()))
})
