import { z } from 'zod'
import { offerKinds } from '#db/schema/enum-values'
import { checkbox, countryList, currencyCode, isoDate, moneyAmount, optionalText, regionList } from '../vocabulary/fields'
import { checkMatchableActions, matchableFields } from '../requests/schemas'

/** An offer of expertise or financing, as a partner or donor writes it (form) or the import supplies it. */
export const OfferSchema = z
  .object({
    kind: z.enum(offerKinds, { error: 'validation.choice' }),
    ...matchableFields,
    countries: countryList,
    regions: regionList,
    global: checkbox,
    capacityPersonDays: z.coerce.number({ error: 'validation.capacity' }).int('validation.capacity').min(1, 'validation.capacity').max(100000, 'validation.capacity').optional(),
    availableFrom: isoDate.optional(),
    availableUntil: isoDate.optional(),
    financingMin: moneyAmount.optional(),
    financingMax: moneyAmount.optional(),
    financingCurrency: currencyCode.optional(),
    conditions: optionalText(5000),
  })
  .superRefine((value, ctx) => {
    checkMatchableActions(value, ctx)
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
