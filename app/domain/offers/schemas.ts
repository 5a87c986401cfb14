import { z } from 'zod'
import { offerKinds } from '#db/schema/enum-values'
import {
  contentLanguage,
  actionList,
  checkActionsMatchObjectives,
  checkbox,
  countryList,
  currencyCode,
  isoDate,
  languageList,
  moneyAmount,
  objectiveList,
  objectiveNumber,
  optionalText,
  regionList,
  supportTypeList,
  text,
} from '../vocabulary/fields'

/** An offer of expertise or financing, as a partner or donor writes it (form) or the import supplies it. */
export const OfferSchema = z
  .object({
    kind: z.enum(offerKinds, { error: 'validation.choice' }),
    title: text(5, 200),
    summary: text(10, 1000),
    description: optionalText(20000),
    language: contentLanguage,
    /** The primary objective is required; the others are optional (the stored list starts with the primary). */
    primaryObjective: objectiveNumber,
    objectives: objectiveList,
    actions: actionList,
    countries: countryList,
    regions: regionList,
    global: checkbox,
    supportTypes: supportTypeList,
    languages: languageList,
    capacityPersonDays: z.coerce.number({ error: 'validation.capacity' }).int('validation.capacity').min(1, 'validation.capacity').max(100000, 'validation.capacity').optional(),
    availableFrom: isoDate.optional(),
    availableUntil: isoDate.optional(),
    financingMin: moneyAmount.optional(),
    financingMax: moneyAmount.optional(),
    financingCurrency: currencyCode.optional(),
    conditions: optionalText(5000),
  })
  .superRefine((value, ctx) => {
    checkActionsMatchObjectives({ ...value, objectives: [value.primaryObjective, ...value.objectives] }, ctx)
    if (!value.global && value.countries.length === 0 && value.regions.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['countries'], message: 'validation.geographyRequired' })
    }
    if (value.availableFrom && value.availableUntil && value.availableFrom > value.availableUntil) {
      ctx.addIssue({ code: 'custom', path: ['availableUntil'], message: 'validation.dateOrder' })
    }
    if (value.kind === 'financing') {
      for (const field of ['financingMin', 'financingMax', 'financingCurrency'] as const) {
        if (value[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'validation.required' })
      }
      if (value.financingMin !== undefined && value.financingMax !== undefined && value.financingMin > value.financingMax) {
        ctx.addIssue({ code: 'custom', path: ['financingMax'], message: 'validation.rangeOrder' })
      }
    }
  })

export type OfferInput = z.output<typeof OfferSchema>
