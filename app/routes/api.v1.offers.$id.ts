import type { LoaderFunctionArgs } from '@remix-run/node'
import { apiAnswer } from '~/http/api.server'
import { openData } from '~/http/open-data.server'
import { apiItem } from '~/domain/catalogue/api.server'
import { db } from '~/utils/db.server'
import { publicOrigin } from '~/utils/env.server'

/** GET /api/v1/offers/:id: one public offer with its description and conditions; 404 when there is none. */
export const loader = openData(async ({ params }: LoaderFunctionArgs) => {
  return apiAnswer(await apiItem(db, 'offers', params.id ?? '', publicOrigin()))
})
