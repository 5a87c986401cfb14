import { z } from 'zod'
import { countryList, languageList, moneyAmount, objectiveList, regionList } from '../vocabulary/fields'
import { supportTypes } from '../vocabulary/codes'

/**
 * What an organisation works on, in the vocabulary of offers: the matching service reads it as an offer would
 * be read. The financing range (donors) is in US dollars, major units; both ends or neither.
 */
export const ProfileSchema = z
  .object({
    objectives: objectiveList.pipe(z.array(z.number()).min(1, 'validation.objectivesRequired')),
    countries: countryList,
    regions: regionList,
    supportTypes: z.array(z.enum(supportTypes, { error: 'validation.choice' })).max(supportTypes.length).default([]).transform((v) => [...new Set(v)]),
    languages: languageList,
    financingMin: moneyAmount.optional(),
    financingMax: moneyAmount.optional(),
  })
  .superRefine((value, ctx) => {
    if ((value.financingMin === undefined) !== (value.financingMax === undefined)) {
      const missing = value.financingMin === undefined ? 'financingMin' : 'financingMax'
      ctx.addIssue({ code: 'custom', path: [missing], message: 'validation.required' })
    }
    if (value.financingMin !== undefined && value.financingMax !== undefined && value.financingMin > value.financingMax) {
      ctx.addIssue({ code: 'custom', path: ['financingMax'], message: 'validation.rangeOrder' })
    }
  })

export type ProfileInput = z.output<typeof ProfileSchema>
