import { dashboardDocument, dashboardFigures } from '~/domain/dashboards/dashboards.server'
import { openData } from '~/http/open-data.server'
import { apiJson } from '~/http/api.server'
import { db } from '~/utils/db.server'
import { publicOrigin } from '~/utils/env.server'

/**
 * GET /api/v1/dashboards: demand against supply by objective, country and M49 region, and the medians of the
 * flow (the figures of /dashboards; shape in DashboardResponseSchema). Counts and sums only: no personal data.
 */
export const loader = openData(async () => {
  return apiJson(dashboardDocument(await dashboardFigures(db, 'en'), publicOrigin()))
})
