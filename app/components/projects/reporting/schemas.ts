import { z } from 'zod'

const draftText = z.string().trim().max(20000, 'validation.tooLong').default('')

/** A final report saved as a draft may be unfinished; FinalReportSchema's minimum lengths apply when it is submitted. */
export const DraftFinalReportSchema = z.object({ results: draftText, lessons: draftText, sustainability: draftText })
