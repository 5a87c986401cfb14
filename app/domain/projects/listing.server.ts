import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm'
import { z } from 'zod'
import { organizations, projects, projectStatuses, type MatchId, type OrganizationType, type ProjectId } from '#db/schema/index'
import type { Db } from '~/utils/db.server'
import { countryName } from '../geography/geography.server'
import { isCountryCode } from '../geography/codes'
import { objectiveNumbers, toMajorUnits } from '../vocabulary/codes'
import { vocabularyIn } from '../vocabulary/translations.server'
import { iatiActivityStatus } from './lifecycle'
import type { ProjectFilters, ProjectSummary } from './portfolio.server'
import type { PublicProject } from './public.server'
import { absoluteUrl, urls } from '~/utils/urls'

/** Read queries of the public project pages, the portfolio, the dashboard and the set-up form. */

/** Organisation types that may fund a project (IATI role 1), in the order the set-up form lists them. */
export const funderTypes: readonly OrganizationType[] = ['philanthropy', 'un_entity', 'intergovernmental', 'private_sector', 'state']

/** Verified organisations that may be named as funders or budget sources: grouped by type, by name within each. */
export async function funderCandidates(db: Db) {
  const rows = await db
    .select({ id: organizations.id, name: organizations.name, type: organizations.type })
    .from(organizations)
    .where(and(eq(organizations.verificationStatus, 'verified'), inArray(organizations.type, [...funderTypes])))
    .orderBy(asc(organizations.name))
  return rows.sort((a, b) => funderTypes.indexOf(a.type) - funderTypes.indexOf(b.type))
}

/** The project set up from a match, if any. */
export async function projectOfMatch(db: Db, matchId: MatchId) {
  const [row] = await db.select({ id: projects.id }).from(projects).where(eq(projects.matchId, matchId))
  return row?.id ?? null
}

export async function projectRow(db: Db, projectId: ProjectId) {
  const [row] = await db.select().from(projects).where(eq(projects.id, projectId))
  return row ?? null
}

/** Objective numbers with their short titles in the reader's language, for labels and filter choices. */
export function objectiveTitles(language: string) {
  return Object.fromEntries(vocabularyIn(language).objectives.map((o) => [o.number, o.shortTitle])) as Record<number, string>
}

/** Countries that projects (published ones, for the public) take place in: the choices of the country filter. */
export async function projectCountries(db: Db, language: string, publishedOnly: boolean) {
  const rows = await db
    .selectDistinct({ code: sql<string>`unnest(${projects.countries})` })
    .from(projects)
    .where(publishedOnly ? isNotNull(projects.publishedAt) : undefined)
  const compare = new Intl.Collator(language, { sensitivity: 'base' })
  return rows.map((r) => ({ code: r.code, name: countryName(r.code, language) })).sort((a, b) => compare.compare(a.name, b.name))
}

export const PROJECT_PAGE_SIZE = 20
export const MAX_PROJECT_API_PAGE_SIZE = 100

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v)
const wholeNumber = (message: string, max: number) =>
  z.preprocess(blankToUndefined, z.string().regex(/^\d{1,7}$/, message).transform(Number).pipe(z.number().int().min(1, message).max(max, message)).optional())

/** The filters of /projects, /secretariat/projects and the API, from a URL. Messages are translation keys. */
export const ProjectFilterSchema = z.object({
  objective: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{1,2}$/, 'projectPages.errors.objective')
      .transform(Number)
      .refine((n) => objectiveNumbers.has(n), 'projectPages.errors.objective')
      .optional(),
  ),
  country: z.preprocess(
    (v) => (typeof blankToUndefined(v) === 'string' ? String(blankToUndefined(v)).toUpperCase() : blankToUndefined(v)),
    z.string().refine(isCountryCode, 'projectPages.errors.country').optional(),
  ),
  status: z.preprocess(blankToUndefined, z.enum(projectStatuses, { error: 'projectPages.errors.status' }).optional()),
  page: wholeNumber('projectPages.errors.page', 10_000),
  pageSize: wholeNumber('projectPages.errors.pageSize', MAX_PROJECT_API_PAGE_SIZE),
})
export type ProjectFilterParams = z.output<typeof ProjectFilterSchema>

export interface FilterProblem {
  parameter: string
  value: string | null
  /** A translation key; `value` fills its placeholder. */
  message: string
}

/** Reads the filters of a URL; each parameter is single-valued (the first one counts), unknown ones are ignored. */
export function parseProjectFilters(params: URLSearchParams, options: { api?: boolean } = {}) {
  const raw = Object.fromEntries(['objective', 'country', 'status', 'page', 'pageSize'].map((name) => [name, params.get(name) ?? undefined]))
  if (!options.api) raw.pageSize = undefined
  const parsed = ProjectFilterSchema.safeParse(raw)
  if (parsed.success) return { success: true as const, filters: parsed.data }
  const problems: FilterProblem[] = parsed.error.issues.map((issue) => {
    const parameter = String(issue.path[0])
    const given = raw[parameter]
    return { parameter, value: given === undefined ? null : given.length > 40 ? `${given.slice(0, 40)}…` : given, message: issue.message }
  })
  return { success: false as const, problems }
}

/** The domain's filters for a page of a listing. */
export function listingFilters(filters: ProjectFilterParams, pageSize: number): ProjectFilters {
  const page = filters.page ?? 1
  return { objective: filters.objective, country: filters.country, status: filters.status, limit: pageSize, offset: (page - 1) * pageSize }
}

/** A project of a list as the public card shows it: names instead of codes, progress as one number. */
export function projectCard(summary: ProjectSummary, titles: Record<number, string>, language: string) {
  return {
    id: summary.id,
    title: summary.title,
    summary: summary.summary,
    status: summary.status,
    state: summary.state,
    partners: summary.partners,
    objectives: summary.objectives.map((n) => ({ number: n, title: titles[n] ?? '' })),
    countries: summary.countries.map((code) => countryName(code, language)),
    percent: summary.progress.percent,
    startDate: summary.startDate,
    endDate: summary.endDate,
  }
}

/* Open data: projects as stable camelCase JSON, money as `{ amount, currency }` in major units, public fields only. */

const money = (minor: number, currency: string) => ({ amount: toMajorUnits(minor, currency), currency })

export function apiProjectSummary(item: ProjectSummary, origin: string) {
  return {
    id: item.id,
    url: absoluteUrl(origin, urls.project(item.id)),
    title: item.title,
    summary: item.summary,
    status: item.status,
    iatiStatus: iatiActivityStatus[item.status],
    publishedAt: item.publishedAt?.toISOString() ?? null,
    state: { name: item.state },
    partners: item.partners,
    objectives: item.objectives,
    countries: item.countries,
    startDate: item.startDate,
    endDate: item.endDate,
    budget: money(item.budgetAmount, item.budgetCurrency),
    progress: { percent: item.progress.percent, milestonesDone: item.progress.milestonesDone, milestonesTotal: item.progress.milestonesTotal },
  }
}

export function apiProjectDetail(p: PublicProject, origin: string) {
  return {
    id: p.id,
    url: absoluteUrl(origin, urls.project(p.id)),
    timelineUrl: absoluteUrl(origin, urls.projectTimeline(p.id)),
    requestUrl: absoluteUrl(origin, urls.request(p.requestId)),
    title: p.title,
    summary: p.summary,
    status: p.status,
    iatiStatus: p.iatiStatus,
    publishedAt: p.publishedAt?.toISOString() ?? null,
    objectives: p.objectives,
    countries: p.countries,
    startDate: p.startDate,
    endDate: p.endDate,
    startedAt: p.startedAt?.toISOString() ?? null,
    completedAt: p.completedAt?.toISOString() ?? null,
    closedAt: p.closedAt?.toISOString() ?? null,
    cancelReason: p.cancelReason,
    participants: p.participants.map(({ name, role, type, country }) => ({ name, role, type, country })),
    budget: {
      ...money(p.budget.amount, p.budget.currency),
      sources: p.budget.sources.map((s) => ({ label: s.label, organization: s.organization, ...money(s.amount, p.budget.currency) })),
    },
    progress: p.progress,
    milestones: p.milestones.map(({ title, dueDate, status, approvedOn }) => ({ title, dueDate, status, approvedOn })),
    indicators: p.indicators.map(({ name, level, unit, baseline, target, actual, achievement, breakdown }) => ({ name, level, unit, baseline, target, actual, achievement, breakdown })),
    finalReport: p.finalReport,
    evaluationRating: p.evaluationRating,
  }
}
