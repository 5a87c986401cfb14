import type { LoaderFunctionArgs } from '@remix-run/node'
import { apiAnswer } from '~/http/api.server'
import { openData } from '~/http/open-data.server'
import { apiList } from '~/domain/catalogue/api.server'
import { db } from '~/utils/db.server'
import { publicOrigin } from '~/utils/env.server'

/** GET /api/v1/practices: published practices, with the filters of /practices (`q`, `objective`, `country`, `region`, `sort`), `page` and `pageSize` (at most 100). */
export const loader = openData(async ({ request }: LoaderFunctionArgs) => {
  return apiAnswer(await apiList(db, 'practices', new URL(request.url), publicOrigin()))
})
