import type { LoaderFunctionArgs } from '@remix-run/node'
import { openData } from '~/domain/open-data/http.server'
import { apiPracticeList } from '~/domain/knowledge/api.server'
import { db } from '~/utils/db.server'
import { publicOrigin } from '~/utils/env.server'

/** GET /api/v1/practices: published practices, with the filters of /practices (`q`, `objective`, `country`, `region`, `sort`), `page` and `pageSize` (at most 100). */
export const loader = openData(async ({ request }: LoaderFunctionArgs) => {
  return apiPracticeList(db, new URL(request.url), publicOrigin())
})
