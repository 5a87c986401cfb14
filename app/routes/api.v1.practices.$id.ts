import type { LoaderFunctionArgs } from '@remix-run/node'
import { apiAnswer } from '~/http/api.server'
import { openData } from '~/http/open-data.server'
import { apiItem } from '~/domain/catalogue/api.server'
import { db } from '~/utils/db.server'
import { publicOrigin } from '~/utils/env.server'

/** GET /api/v1/practices/:id: one published practice; 404 when there is none, 400 when the id is not a UUID. */
export const loader = openData(async ({ params }: LoaderFunctionArgs) => {
  return apiAnswer(await apiItem(db, 'practices', params.id ?? '', publicOrigin()))
})
