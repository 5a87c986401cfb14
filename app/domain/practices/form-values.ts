/** What the form holds: text as typed, lists as chosen codes, links one per line. */
export type PracticeFormValues = {
  title?: string
  summary?: string
  language?: string
  whatWasDone?: string
  results?: string
  lessons?: string
  objectives?: string[]
  principles?: string[]
  countries?: string[]
  periodStart?: string
  periodEnd?: string
  links?: string
}

/** A stored practice as the form shows it: codes as strings, links one per line. */
export function practiceFormValues(p: {
  title: string
  summary: string
  language: string
  whatWasDone: string
  results: string
  lessons: string
  objectives: number[]
  principles: string[]
  countries: string[]
  periodStart: string | null
  periodEnd: string | null
  links: string[]
}): PracticeFormValues {
  return {
    title: p.title,
    summary: p.summary,
    language: p.language,
    whatWasDone: p.whatWasDone,
    results: p.results,
    lessons: p.lessons,
    objectives: p.objectives.map(String),
    principles: p.principles,
    countries: p.countries,
    periodStart: p.periodStart ?? undefined,
    periodEnd: p.periodEnd ?? undefined,
    links: p.links.join('\n'),
  }
}
