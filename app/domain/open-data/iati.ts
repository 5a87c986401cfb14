import countryCodes from 'i18n-iso-countries'
import { create } from 'xmlbuilder2'
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces'
import type { IndicatorLevel, OrganizationType, ParticipantRole, ProjectStatus } from '#db/schema/index'
import { iatiActivityStatus } from '../projects/lifecycle'
import { decimalAmount } from './csv'
import { xmlText } from './xml'

/**
 * IATI activity standard 2.03 (https://iatistandard.org/en/iati-standard/203/activity-standard/): one
 * iati-activity per published project, elements in the order the schema's sequence requires.
 */

export const IATI_VERSION = '2.03'
/** The Hub's organisation identifier (XM: a multilateral without a registration agency) and activity prefix. */
export const reportingOrgRef = 'XM-GCM-HUB'
export const iatiIdentifier = (projectId: string) => `${reportingOrgRef}-${projectId}`
export const reportingOrgName = 'Connection Hub, capacity-building mechanism of the Global Compact for Migration'
export const objectivesVocabularyUri = 'https://undocs.org/A/RES/73/195'
/** OECD DAC CRS purpose code 15190: facilitation of orderly, safe, regular and responsible migration and mobility. */
export const migrationPurposeCode = '15190'

/** IATI OrganisationType: 10 government, 11 local government, 22 national NGO, 40 multilateral, 60 foundation, 70 private sector, 80 academic, 90 other. */
export const organisationTypeCode: Record<OrganizationType, string> = {
  state: '10',
  local_authority: '11',
  un_entity: '40',
  intergovernmental: '40',
  civil_society: '22',
  migrant_diaspora: '22',
  academia: '80',
  private_sector: '70',
  trade_union: '90',
  philanthropy: '60',
}
export const organisationRoleCode: Record<ParticipantRole, string> = { funding: '1', accountable: '2', extending: '3', implementing: '4' }
const resultTypeCode: Record<IndicatorLevel, string> = { output: '1', outcome: '2', impact: '3' }
/** IATI TransactionType: 1 incoming funds, 2 outgoing commitment, 3 disbursement. */
export const transactionTypeCode = { incoming: '1', commitment: '2', disbursement: '3' } as const

export interface IatiOrg {
  name: string
  type: string
  ref?: string
}

export interface IatiTransaction {
  id: string
  type: keyof typeof transactionTypeCode
  date: string
  /** Minor units, signed (a reversal is negative). */
  amount: number
  currency: string
  description: string | null
  provider: IatiOrg | null
  receiver: IatiOrg | null
}

export interface IatiActivity {
  projectId: string
  title: string
  summary: string
  status: ProjectStatus
  updatedAt: Date
  url: string
  dates: { plannedStart: string; plannedEnd: string; actualStart: string | null; actualEnd: string | null }
  participants: { name: string; role: ParticipantRole; type: OrganizationType }[]
  /** The Hub's fund took part with money: it is named as a funder. */
  fundedByHub: boolean
  countries: string[]
  regions: string[]
  /** Each objective's title in English, and in the Hub's other languages where it has them. */
  objectives: { number: number; title: string; translations?: { language: string; title: string }[] }[]
  budget: { amount: number; currency: string }
  transactions: IatiTransaction[]
  indicators: { name: string; level: IndicatorLevel; unit: string; baseline: number; target: number; actual: number | null; breakdown: { dimension: string; category: string; value: number }[] }[]
}

const narrative = (parent: XMLBuilder, value: string, language?: string) => parent.ele('narrative', language ? { 'xml:lang': language } : {}).txt(xmlText(value)).up()
const day = (value: string) => value.slice(0, 10)

/** Shares of 100 with two decimals, the remainder to the first ones, so they add up to exactly 100. */
export function evenPercentages(count: number): string[] {
  const base = Math.floor(10_000 / count)
  return Array.from({ length: count }, (_, i) => {
    const hundredths = base + (i < 10_000 - base * count ? 1 : 0)
    return hundredths % 100 === 0 ? String(hundredths / 100) : (hundredths / 100).toFixed(2)
  })
}

function org(parent: XMLBuilder, name: string, value: IatiOrg, attributes: Record<string, string> = {}) {
  const element = parent.ele(name, { ...(value.ref ? { ref: value.ref } : {}), ...attributes, type: value.type })
  narrative(element, value.name)
}

/** The Hub as an organisation: it reports, and its fund commits and disburses. */
export const hub: IatiOrg = { name: reportingOrgName, type: '40', ref: reportingOrgRef }

function activity(root: XMLBuilder, a: IatiActivity) {
  const el = root.ele('iati-activity', { 'last-updated-datetime': a.updatedAt.toISOString(), 'xml:lang': 'en', 'default-currency': a.budget.currency, hierarchy: '1' })
  el.ele('iati-identifier').txt(iatiIdentifier(a.projectId))
  const reporting = el.ele('reporting-org', { ref: hub.ref!, type: hub.type, 'secondary-reporter': '0' })
  narrative(reporting, hub.name)
  narrative(el.ele('title'), a.title)
  narrative(el.ele('description', { type: '1' }), a.summary)
  if (a.fundedByHub) org(el, 'participating-org', hub, { role: organisationRoleCode.funding })
  for (const p of a.participants) org(el, 'participating-org', { name: p.name, type: organisationTypeCode[p.type] }, { role: organisationRoleCode[p.role] })
  el.ele('activity-status', { code: String(iatiActivityStatus[a.status]) })
  el.ele('activity-date', { type: '1', 'iso-date': a.dates.plannedStart })
  if (a.dates.actualStart) el.ele('activity-date', { type: '2', 'iso-date': a.dates.actualStart })
  el.ele('activity-date', { type: '3', 'iso-date': a.dates.plannedEnd })
  if (a.dates.actualEnd) el.ele('activity-date', { type: '4', 'iso-date': a.dates.actualEnd })
  // Percentages share the activity between its countries (or, without any, its regions) evenly.
  const shares = evenPercentages(a.countries.length || a.regions.length || 1)
  a.countries.forEach((code, i) => el.ele('recipient-country', { code: countryCodes.alpha3ToAlpha2(code) ?? code, percentage: shares[i]! }))
  if (!a.countries.length) a.regions.forEach((code, i) => el.ele('recipient-region', { code, vocabulary: '2', percentage: shares[i]! }))
  el.ele('sector', { vocabulary: '1', code: migrationPurposeCode, percentage: '100' })
  for (const o of a.objectives) {
    const tag = el.ele('tag', { vocabulary: '99', 'vocabulary-uri': objectivesVocabularyUri, code: String(o.number) })
    narrative(tag, o.title)
    for (const other of o.translations ?? []) narrative(tag, other.title, other.language)
  }
  const budget = el.ele('budget', { type: '1', status: '1' })
  budget.ele('period-start', { 'iso-date': a.dates.plannedStart })
  budget.ele('period-end', { 'iso-date': a.dates.plannedEnd })
  budget.ele('value', { currency: a.budget.currency, 'value-date': a.dates.plannedStart }).txt(decimalAmount(a.budget.amount, a.budget.currency))
  for (const t of a.transactions) transaction(el, t)
  const link = el.ele('document-link', { format: 'text/html', url: a.url })
  narrative(link.ele('title'), 'Public page of the project on the Connection Hub')
  link.ele('category', { code: 'A12' })
  link.ele('language', { code: 'en' })
  for (const level of ['output', 'outcome', 'impact'] as const) results(el, a, level)
}

function transaction(parent: XMLBuilder, t: IatiTransaction) {
  const el = parent.ele('transaction', { ref: t.id })
  el.ele('transaction-type', { code: transactionTypeCode[t.type] })
  el.ele('transaction-date', { 'iso-date': day(t.date) })
  el.ele('value', { currency: t.currency, 'value-date': day(t.date) }).txt(decimalAmount(t.amount, t.currency))
  if (t.description) narrative(el.ele('description'), t.description)
  if (t.provider) org(el, 'provider-org', t.provider)
  if (t.receiver) org(el, 'receiver-org', t.receiver)
}

function results(parent: XMLBuilder, a: IatiActivity, level: IndicatorLevel) {
  const indicators = a.indicators.filter((i) => i.level === level)
  if (!indicators.length) return
  const result = parent.ele('result', { type: resultTypeCode[level] })
  narrative(result.ele('title'), `${level[0]!.toUpperCase()}${level.slice(1)}s of the project`)
  for (const i of indicators) {
    const el = result.ele('indicator', { measure: '1', ascending: i.target >= i.baseline ? '1' : '0' })
    narrative(el.ele('title'), i.name)
    narrative(el.ele('description'), `Unit: ${i.unit}`)
    el.ele('baseline', { year: a.dates.plannedStart.slice(0, 4), 'iso-date': a.dates.plannedStart, value: String(i.baseline) })
    const period = el.ele('period')
    period.ele('period-start', { 'iso-date': a.dates.plannedStart })
    period.ele('period-end', { 'iso-date': a.dates.plannedEnd })
    period.ele('target', { value: String(i.target) })
    if (i.actual !== null) period.ele('actual', { value: String(i.actual) })
    for (const b of i.breakdown) period.ele('actual', { value: String(b.value) }).ele('dimension', { name: b.dimension, value: b.category })
  }
}

/**
 * The whole file. It is stamped with the time of the latest change it reflects rather than the clock, so the same
 * data gives the same bytes (and the same ETag) until something changes.
 */
export function iatiActivitiesXml(activities: IatiActivity[]) {
  const doc = create({ version: '1.0', encoding: 'UTF-8' })
  const latest = Math.max(...activities.map((a) => a.updatedAt.getTime()))
  const root = doc.ele('iati-activities', { version: IATI_VERSION, ...(activities.length ? { 'generated-datetime': new Date(latest).toISOString() } : {}) })
  for (const a of activities) activity(root, a)
  return doc.end({ prettyPrint: true })
}
