import type { Translation } from '.'
import type requestsEn from './requests.en'

/** Provisional: English text until the French translation lands. */
const requestsFr: Translation<typeof requestsEn> = JSON.parse('{}')
export default requestsFr
