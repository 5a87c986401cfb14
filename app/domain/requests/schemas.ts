import { z } from 'zod'
import {
  actionList,
  checkActionsMatchObjectives,
  checkbox,
  contentLanguage,
  countryList,
  currencyCode,
  isoDate,
  languageList,
  moneyAmount,
  objectiveList,
  objectiveNumber,
  optionalText,
  principleList,
  supportTypeList,
  text,
} from '../vocabulary/fields'

/**
 * The fields a request and an offer share, the ones matching reads: texts, language, objectives and actions,
 * support types and languages. The primary objective is required; the others are optional (the stored list
 * starts with the primary).
 */
export const matchableFields = {
  title: text(5, 200),
  summary: text(10, 1000),
  description: optionalText(20000),
  language: contentLanguage,
  primaryObjective: objectiveNumber,
  objectives: objectiveList,
  actions: actionList,
  supportTypes: supportTypeList,
  languages: languageList,
}

/** The actions chosen must belong to the objectives chosen, the primary one included. */
export const checkMatchableActions = (value: { primaryObjective: number; objectives: number[]; actions: string[] }, ctx: z.RefinementCtx) =>
  checkActionsMatchObjectives({ ...value, objectives: [value.primaryObjective, ...value.objectives] }, ctx)

/** A request as a State focal point writes it (form) and as the import supplies it (after mapping). */
export const RequestSchema = z
  .object({
    ...matchableFields,
    countries: countryList.refine((list) => list.length > 0, 'validation.countriesRequired'),
    principles: principleList,
    budgetAmount: moneyAmount.optional(),
    budgetCurrency: currencyCode.optional(),
    seeksFunding: checkbox,
    startDate: isoDate.optional(),
    durationMonths: z.coerce.number({ error: 'validation.duration' }).int('validation.duration').min(1, 'validation.duration').max(120, 'validation.duration').optional(),
    contactName: optionalText(120),
    contactEmail: z
      .string()
      .trim()
      .max(254, 'validation.tooLong')
      .pipe(z.email({ error: 'validation.email' }))
      .optional()
      .or(z.literal('').transform(() => undefined)),
    contactPhone: optionalText(40),
  })
  .superRefine((value, ctx) => {
    checkMatchableActions(value, ctx)
    if ((value.budgetAmount === undefined) !== (value.budgetCurrency === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [value.budgetAmount === undefined ? 'budgetAmount' : 'budgetCurrency'],
        message: 'validation.budgetPair',
      })
    }
  })

export type RequestInput = z.output<typeof RequestSchema>

export const ReturnSchema = z.object({ comments: text(5, 5000) })
export const AnswerSchema = z.object({ answer: text(5, 5000) })
export const PublishSchema = z.object({ note: optionalText(5000) })
