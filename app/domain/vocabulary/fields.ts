import { z } from 'zod'
import { isCountryCode, isRegionCode } from '~/domain/geography/codes'
import {
  actionCodes,
  isCurrencyCode,
  isLanguageCode,
  objectiveNumbers,
  objectiveOfAction,
  principleCodeSet,
  supportTypes,
} from './codes'

/** Field schemas shared by requests and offers, their forms, the import and the API filters. */

export const text = (min: number, max: number) =>
  z.string({ error: 'validation.required' }).trim().min(min, min <= 1 ? 'validation.required' : 'validation.tooShort').max(max, 'validation.tooLong')

export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'validation.tooLong')
    .transform((v) => (v ? v : undefined))
    .optional()

const unique = <T>(values: T[]) => [...new Set(values)]

export const objectiveNumber = z.coerce.number({ error: 'validation.objective' }).int('validation.objective').refine((n) => objectiveNumbers.has(n), 'validation.objective')
/** Objectives besides the primary one. */
export const objectiveList = z.array(objectiveNumber, { error: 'validation.objective' }).max(23).default([]).transform(unique)
export const actionList = z.array(z.string().refine((c) => actionCodes.has(c), 'validation.action')).max(187).default([]).transform(unique)
export const principleList = z.array(z.string().refine((c) => principleCodeSet.has(c), 'validation.choice')).max(10).default([]).transform(unique)
export const supportTypeList = z.array(z.enum(supportTypes, { error: 'validation.choice' }), { error: 'validation.supportTypesRequired' }).min(1, 'validation.supportTypesRequired').max(supportTypes.length).transform(unique)
export const languageList = z.array(z.string().trim().toLowerCase().refine(isLanguageCode, 'validation.language'), { error: 'validation.languagesRequired' }).min(1, 'validation.languagesRequired').max(20).transform(unique)
/** The language a request, offer or practice is written in (ISO 639-1); English when the import does not say. */
export const contentLanguage = z.string().trim().toLowerCase().refine(isLanguageCode, 'validation.language').default('en')
export const countryList = z.array(z.string().trim().toUpperCase().refine(isCountryCode, 'validation.country')).max(250).default([]).transform(unique)
export const regionList = z.array(z.string().trim().refine(isRegionCode, 'validation.region')).max(40).default([]).transform(unique)
export const currencyCode = z.string().trim().toUpperCase().refine(isCurrencyCode, 'validation.currency')
/** Major units, as people type them (USD 150,000 is 150000). */
export const moneyAmount = z.coerce.number({ error: 'validation.amount' }).min(0, 'validation.amount').max(1e12, 'validation.amount')
export const isoDate = z.iso
  .date({ error: 'validation.date' })
  .refine((d) => d >= '1900-01-01' && d <= '2199-12-31', 'validation.date')
export const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()).default(false)

/** Actions must belong to one of the chosen objectives. */
export function checkActionsMatchObjectives(
  value: { objectives: number[]; actions: string[] },
  ctx: z.RefinementCtx,
) {
  const chosen = new Set(value.objectives)
  const stray = value.actions.filter((code) => !chosen.has(objectiveOfAction(code)))
  if (stray.length) ctx.addIssue({ code: 'custom', path: ['actions'], message: 'validation.actionOutsideObjectives' })
}
