import { toMajorUnits } from '../vocabulary/money'

/** What the form holds: text as typed, lists as chosen codes. */
export type RequestFormValues = {
  title?: string
  summary?: string
  description?: string
  language?: string
  countries?: string[]
  primaryObjective?: string
  objectives?: string[]
  actions?: string[]
  principles?: string[]
  supportTypes?: string[]
  languages?: string[]
  budgetAmount?: string
  budgetCurrency?: string
  seeksFunding?: boolean
  startDate?: string
  durationMonths?: string
  contactName?: string
  contactEmail?: string
  contactPhone?: string
}

interface StoredRequest {
  title: string
  summary: string
  language: string
  description: string
  countries: string[]
  primaryObjective: number
  objectives: number[]
  actions: string[]
  principles: string[]
  supportTypes: string[]
  languages: string[]
  budgetAmount: number | null
  budgetCurrency: string | null
  seeksFunding: boolean
  startDate: string | null
  durationMonths: number | null
  contactName: string | null
  contactEmail: string | null
  contactPhone: string | null
}

/** A stored request as the edit form shows it. */
export function requestFormValues(r: StoredRequest): RequestFormValues {
  return {
    title: r.title,
    summary: r.summary,
    language: r.language,
    description: r.description || undefined,
    countries: r.countries,
    primaryObjective: String(r.primaryObjective),
    objectives: r.objectives.filter((o) => o !== r.primaryObjective).map(String),
    actions: r.actions,
    principles: r.principles,
    supportTypes: r.supportTypes,
    languages: r.languages,
    budgetAmount: r.budgetAmount !== null && r.budgetCurrency ? String(toMajorUnits(r.budgetAmount, r.budgetCurrency)) : undefined,
    budgetCurrency: r.budgetCurrency ?? undefined,
    seeksFunding: r.seeksFunding,
    startDate: r.startDate ?? undefined,
    durationMonths: r.durationMonths !== null ? String(r.durationMonths) : undefined,
    contactName: r.contactName ?? undefined,
    contactEmail: r.contactEmail ?? undefined,
    contactPhone: r.contactPhone ?? undefined,
  }
}
