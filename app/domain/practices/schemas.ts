import { z } from 'zod'
import { contentLanguage, countryList, isoDate, objectiveList, optionalText, principleList, text } from '../vocabulary/fields'

const webAddress = z.url({ protocol: /^https?$/ }).max(2000)

/** Web addresses, one per line (or separated by spaces), each http or https; errors belong to the whole field. */
const links = z
  .string()
  .max(10_000, 'validation.tooLong')
  .default('')
  .transform((raw) => [...new Set(raw.split(/\s+/).filter(Boolean))])
  .superRefine((list, ctx) => {
    if (list.some((url) => !webAddress.safeParse(url).success)) ctx.addIssue({ code: 'custom', message: 'validation.url' })
    if (list.length > 20) ctx.addIssue({ code: 'custom', message: 'validation.tooMany' })
  })

/** A practice as its organisation writes it. It must relate to at least one of the 23 objectives. */
export const PracticeSchema = z
  .object({
    title: text(5, 200),
    summary: text(10, 1000),
    language: contentLanguage,
    whatWasDone: optionalText(20_000),
    results: optionalText(20_000),
    lessons: optionalText(20_000),
    objectives: objectiveList.refine((list) => list.length > 0, 'validation.objectivesRequired'),
    principles: principleList,
    countries: countryList,
    periodStart: isoDate.optional().or(z.literal('').transform(() => undefined)),
    periodEnd: isoDate.optional().or(z.literal('').transform(() => undefined)),
    links,
  })
  .superRefine((value, ctx) => {
    if (value.periodStart && value.periodEnd && value.periodEnd < value.periodStart) {
      ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'validation.endBeforeStart' })
    }
  })
export type PracticeInput = z.output<typeof PracticeSchema>

/** The secretariat's decision on a submitted practice; returning it needs a comment the submitter can act on. */
export const PracticeReviewSchema = z.discriminatedUnion(
  'decision',
  [
    z.object({ decision: z.literal('publish'), comment: optionalText(5000) }),
    z.object({
      decision: z.literal('return'),
      comment: z.string({ error: 'practices.errors.commentRequired' }).trim().min(5, 'practices.errors.commentRequired').max(5000, 'validation.tooLong'),
    }),
  ],
  { error: 'validation.choice' },
)
export type PracticeReviewInput = z.output<typeof PracticeReviewSchema>
