import { inArray } from 'drizzle-orm'
import { actions, objectives, principles } from '#db/schema/index'
import type { Db } from '~/utils/db.server'
import { countryName, regionName } from '../geography/geography.server'
import { languageName } from './codes'

/** Human names for the codes a request or offer carries, in the reader's language. */
export async function describeCodes(
  db: Db,
  language: string,
  codes: { objectives: number[]; actions: string[]; principles?: string[]; countries: string[]; regions: string[]; languages: string[] },
) {
  const [objectiveRows, actionRows, principleRows] = await Promise.all([
    codes.objectives.length
      ? db.select({ number: objectives.number, shortTitle: objectives.shortTitle }).from(objectives).where(inArray(objectives.number, codes.objectives))
      : [],
    codes.actions.length ? db.select({ code: actions.code, text: actions.text }).from(actions).where(inArray(actions.code, codes.actions)) : [],
    codes.principles?.length ? db.select({ code: principles.code, title: principles.title }).from(principles).where(inArray(principles.code, codes.principles)) : [],
  ])
  const objectiveTitle = new Map(objectiveRows.map((o) => [o.number, o.shortTitle]))
  return {
    objectives: codes.objectives.map((n) => ({ number: n, title: objectiveTitle.get(n) ?? `Objective ${n}` })),
    actions: actionRows.sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true })),
    principles: principleRows,
    countries: codes.countries.map((code) => ({ code, name: countryName(code, language) })),
    regions: codes.regions.map((code) => ({ code, name: regionName(code, language) })),
    languages: codes.languages.map((code) => ({ code, name: languageName(code, language) })),
  }
}
