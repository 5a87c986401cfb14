import type { Db } from '~/utils/db.server'
import { translator } from '~/utils/i18n.server'
import { apiJson } from '../search/api.server'
import { problemMessages } from '../search/present.server'
import type { PracticeApiItem, PracticeApiList } from './api-schemas'
import { browsePractices, publishedPractice, type PublicPractice } from './browse.server'
import { parsePracticeParams } from './filters'

/** The open-data API of practices, with the envelope, headers and errors of /api/v1/requests. */

export function apiPractice(p: PublicPractice, origin: string): PracticeApiItem {
  return {
    id: p.id,
    url: `${origin}/practices/${p.id}`,
    title: p.title,
    summary: p.summary,
    language: p.language,
    whatWasDone: p.whatWasDone,
    results: p.results,
    lessons: p.lessons,
    objectives: p.objectives,
    principles: p.principles,
    countries: p.countries,
    regions: p.regions,
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    links: p.links,
    organization: { name: p.organization.name, type: p.organization.type, country: p.organization.country },
    project: p.project ? { id: p.project.id, url: `${origin}/projects/${p.project.id}`, title: p.project.title } : null,
    publishedAt: new Date(p.publishedAt).toISOString(),
  }
}

export async function apiPracticeList(db: Db, url: URL, origin: string) {
  const parsed = parsePracticeParams(url.searchParams, { api: true })
  if (!parsed.success) {
    const messages = problemMessages(translator('en'), parsed.problems)
    return apiJson(
      {
        error: `The query parameters are not valid: ${messages.join(' ')}`,
        issues: parsed.problems.map((p, i) => ({ parameter: p.parameter, value: p.value, message: messages[i] ?? p.message })),
      },
      400,
    )
  }
  const { query } = parsed
  const result = await browsePractices(db, query, { full: true })
  const pageUrl = (page: number) => {
    const next = new URL(`${origin}${url.pathname}`)
    url.searchParams.forEach((value, name) => name !== 'page' && next.searchParams.append(name, value))
    if (page > 1) next.searchParams.set('page', String(page))
    return next.toString()
  }
  const last = Math.max(1, Math.ceil(result.total / query.pageSize))
  const body: PracticeApiList = {
    total: result.total,
    page: query.page,
    pageSize: query.pageSize,
    items: result.items.map((item) => apiPractice(item, origin)),
    links: {
      self: pageUrl(query.page),
      next: query.page < last ? pageUrl(query.page + 1) : null,
      prev: query.page > 1 ? pageUrl(Math.min(query.page - 1, last)) : null,
    },
  }
  return apiJson(body)
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export async function apiPracticeItem(db: Db, id: string, origin: string) {
  if (!uuid.test(id)) return apiJson({ error: `“${id.slice(0, 64)}” is not a practice id: ids are UUIDs.` }, 400)
  const practice = await publishedPractice(db, id)
  if (!practice) return apiJson({ error: `No published practice has the id “${id}”.` }, 404)
  return apiJson(apiPractice(practice, origin))
}
