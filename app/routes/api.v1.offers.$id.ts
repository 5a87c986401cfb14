import type { LoaderFunctionArgs } from '@remix-run/node'
import { apiItem } from '~/domain/search/api.server'
import { db } from '~/utils/db.server'
import { publicOrigin } from '~/utils/env.server'

/** GET /api/v1/offers/:id: one public offer with its description and conditions; 404 when there is none. */
export async function loader({ params }: LoaderFunctionArgs) {
  return apiItem(db, 'offers', params.id ?? '', publicOrigin())
}
