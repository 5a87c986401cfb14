import type { LoaderFunctionArgs } from '@remix-run/node'
import { openData } from '~/domain/open-data/http.server'
import { apiPracticeItem } from '~/domain/knowledge/api.server'
import { db } from '~/utils/db.server'
import { publicOrigin } from '~/utils/env.server'

/** GET /api/v1/practices/:id: one published practice; 404 when there is none, 400 when the id is not a UUID. */
export const loader = openData(async ({ params }: LoaderFunctionArgs) => {
  return apiPracticeItem(db, params.id ?? '', publicOrigin())
})
