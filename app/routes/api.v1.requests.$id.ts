import type { LoaderFunctionArgs } from '@remix-run/node'
import { openData } from '~/domain/open-data/http.server'
import { apiItem } from '~/domain/search/api.server'
import { db } from '~/utils/db.server'
import { publicOrigin } from '~/utils/env.server'

/** GET /api/v1/requests/:id: one published request with its description; 404 when there is none. */
export const loader = openData(async ({ params }: LoaderFunctionArgs) => {
  return apiItem(db, 'requests', params.id ?? '', publicOrigin())
})
