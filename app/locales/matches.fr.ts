import type { Translation } from '.'
import type matchesEn from './matches.en'

/** Provisional: English text until the French translation lands. */
const matchesFr: Translation<typeof matchesEn> = JSON.parse('{}')
export default matchesFr
