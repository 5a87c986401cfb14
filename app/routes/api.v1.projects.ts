import type { LoaderFunctionArgs } from '@remix-run/node'
import { openData } from '~/domain/open-data/http.server'
import { apiProjectSummary, listingFilters, parseProjectFilters, PROJECT_PAGE_SIZE } from '~/domain/projects/listing.server'
import { projectSummaries } from '~/domain/projects/portfolio.server'
import { apiJson } from '~/domain/search/api.server'
import { db } from '~/utils/db.server'
import { publicOrigin } from '~/utils/env.server'
import { translator } from '~/utils/i18n.server'
import { dynamicKey } from '~/utils/i18n'

/** GET /api/v1/projects: published projects, filtered by `objective`, `country`, `status`; `page`, `pageSize` (at most 100). */
export const loader = openData(async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url)
  const origin = publicOrigin()
  const parsed = parseProjectFilters(url.searchParams, { api: true })
  if (!parsed.success) {
    const t = translator('en')
    const issues = parsed.problems.map((p) => ({ parameter: p.parameter, value: p.value, message: t(dynamicKey(p.message), { value: p.value ?? '' }) }))
    return apiJson({ error: `The query parameters are not valid: ${issues.map((i) => i.message).join(' ')}`, issues }, 400)
  }
  const { filters } = parsed
  const page = filters.page ?? 1
  const pageSize = filters.pageSize ?? PROJECT_PAGE_SIZE
  const { total, items } = await projectSummaries(db, { ...listingFilters(filters, pageSize), publishedOnly: true })
  const pageUrl = (n: number) => {
    const next = new URL(`${origin}${url.pathname}`)
    url.searchParams.forEach((value, name) => name !== 'page' && next.searchParams.append(name, value))
    if (n > 1) next.searchParams.set('page', String(n))
    return next.toString()
  }
  const last = Math.max(1, Math.ceil(total / pageSize))
  return apiJson({
    total,
    page,
    pageSize,
    items: items.map((item) => apiProjectSummary(item, origin)),
    links: { self: pageUrl(page), next: page < last ? pageUrl(page + 1) : null, prev: page > 1 ? pageUrl(Math.min(page - 1, last)) : null },
  })
})
