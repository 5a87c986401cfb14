import { asc } from 'drizzle-orm'
import { actions, objectives, principles } from '#db/schema/index'
import type { Db } from '~/utils/db.server'
import { countryOptions, regionOptions } from '../geography/geography.server'
import { commonLanguages, languageName, supportTypes } from './codes'

/** Currencies offered first in money fields; any ISO 4217 code is accepted. */
export const commonCurrencies = ['USD', 'EUR', 'GBP', 'CHF', 'JPY', 'CAD', 'AUD', 'SEK', 'NOK', 'DKK'] as const

/** Everything a request or offer form offers to choose from, named in the reader's language. */
export async function vocabularyOptions(db: Db, language: string) {
  const [objectiveRows, actionRows, principleRows] = await Promise.all([
    db.select({ number: objectives.number, shortTitle: objectives.shortTitle }).from(objectives).orderBy(asc(objectives.number)),
    db.select({ code: actions.code, objective: actions.objectiveNumber, letter: actions.letter, text: actions.text }).from(actions),
    db.select({ code: principles.code, title: principles.title }).from(principles).orderBy(asc(principles.position)),
  ])
  const byLetter = (a: { letter: string }, b: { letter: string }) => a.letter.localeCompare(b.letter)
  return {
    objectives: objectiveRows.map((o) => ({
      ...o,
      actions: actionRows.filter((a) => a.objective === o.number).sort(byLetter).map(({ code, letter, text }) => ({ code, letter, text })),
    })),
    principles: principleRows,
    supportTypes: [...supportTypes],
    countries: countryOptions(language),
    regions: regionOptions(language),
    languages: commonLanguages.map((code) => ({ code, name: languageName(code, language) })),
    currencies: [...commonCurrencies],
  }
}

export type VocabularyOptions = Awaited<ReturnType<typeof vocabularyOptions>>
