import objectiveData from '#db/vocabulary/objectives.json' with { type: 'json' }
import { principleCodes } from './codes'
import { vocabularyIn } from './translations.server'

/**
 * The Compact's vocabulary as lists, worded in the reader's language (see translations.server.ts). The words
 * come from the committed JSON, not from the database: gcm_objectives, gcm_actions and gcm_principles hold the
 * English text only, for the foreign keys and for SQL that needs the codes.
 */

/** Each objective's actions by code and letter, lettered from a, in the Compact's order. */
const letteredActions = new Map(objectiveData.map((o) => [o.number, o.actions.map(({ code, letter }) => ({ code, letter }))]))

/** The 23 objectives by number. */
export function listObjectives(language: string) {
  return vocabularyIn(language).objectives.map(({ number, shortTitle, title }) => ({ number, shortTitle, title }))
}

/** The ten guiding principles in the Compact's order. */
export function listPrinciples(language: string) {
  const vocabulary = vocabularyIn(language)
  return principleCodes.map((code) => ({ code, title: vocabulary.principle(code)?.title ?? code }))
}

/** An objective's actions, by letter. */
export function actionsOf(number: number, language: string) {
  const vocabulary = vocabularyIn(language)
  return (letteredActions.get(number) ?? []).map(({ code, letter }) => ({ code, letter, text: vocabulary.action(code) ?? code }))
}
