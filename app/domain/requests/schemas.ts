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

/** A request as a State focal point writes it (form) and as the import supplies it (after mapping). */
export const RequestSchema = z
  .object({
    title: text(5, 200),
    summary: text(10, 1000),
    description: optionalText(20000),
    language: contentLanguage,
    countries: countryList.refine((list) => list.length > 0, 'validation.countriesRequired'),
    /** The primary objective is required; the others are optional (the stored list starts with the primary). */
    primaryObjective: objectiveNumber,
    objectives: objectiveList,
    actions: actionList,
    principles: principleList,
    supportTypes: supportTypeList,
    languages: languageList,
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
    checkActionsMatchObjectives({ ...value, objectives: [value.primaryObjective, ...value.objectives] }, ctx)
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
