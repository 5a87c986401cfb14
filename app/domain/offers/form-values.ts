import { toMajorUnits } from '../vocabulary/money'
import type { OfferRow } from './offers.server'

export type OfferFormValues = {
  kind?: string
  title?: string
  summary?: string
  language?: string
  description?: string
  primaryObjective?: string
  objectives?: string[]
  actions?: string[]
  countries?: string[]
  regions?: string[]
  global?: boolean
  supportTypes?: string[]
  languages?: string[]
  capacityPersonDays?: string
  availableFrom?: string
  availableUntil?: string
  financingMin?: string
  financingMax?: string
  financingCurrency?: string
  conditions?: string
}

/** A stored offer as the edit form shows it. */
export function offerFormValues(o: OfferRow): OfferFormValues {
  const major = (minor: number | null) => (minor !== null && o.financingCurrency ? String(toMajorUnits(minor, o.financingCurrency)) : undefined)
  return {
    kind: o.kind,
    title: o.title,
    summary: o.summary,
    language: o.language,
    description: o.description || undefined,
    primaryObjective: String(o.primaryObjective),
    objectives: o.objectives.filter((n) => n !== o.primaryObjective).map(String),
    actions: o.actions,
    countries: o.countries,
    regions: o.servedRegions,
    global: o.global,
    supportTypes: o.supportTypes,
    languages: o.languages,
    capacityPersonDays: o.capacityPersonDays !== null ? String(o.capacityPersonDays) : undefined,
    availableFrom: o.availableFrom ?? undefined,
    availableUntil: o.availableUntil ?? undefined,
    financingMin: major(o.financingMin),
    financingMax: major(o.financingMax),
    financingCurrency: o.financingCurrency ?? undefined,
    conditions: o.conditions ?? undefined,
  }
}
