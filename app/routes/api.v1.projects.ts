import type { LoaderFunctionArgs } from '@remix-run/node'
import { apiIssues, apiPage, invalidParameters } from '~/domain/catalogue/api.server'
import { apiProjectSummary, listingFilters, parseProjectFilters, PROJECT_PAGE_SIZE } from '~/domain/projects/listing.server'
import { projectSummaries } from '~/domain/projects/portfolio.server'
import { apiAnswer, apiJson } from '~/http/api.server'
import { openData } from '~/http/open-data.server'
import { db } from '~/utils/db.server'
import { publicOrigin } from '~/utils/env.server'

/** GET /api/v1/projects: published projects, filtered by `objective`, `country`, `status`; `page`, `pageSize` (at most 100). */
export const loader = openData(async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url)
  const origin = publicOrigin()
  const parsed = parseProjectFilters(url.searchParams, { api: true })
  if (!parsed.success) return apiAnswer(invalidParameters(apiIssues(parsed.problems)))
  const { filters } = parsed
  const page = filters.page ?? 1
  const pageSize = filters.pageSize ?? PROJECT_PAGE_SIZE
  const { total, items } = await projectSummaries(db, { ...listingFilters(filters, pageSize), publishedOnly: true })
  return apiJson(apiPage(url, origin, { total, page, pageSize, items: items.map((item) => apiProjectSummary(item, origin)) }))
})
