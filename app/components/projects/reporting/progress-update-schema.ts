import { z } from 'zod'
import { BreakdownSchema, disaggregations, ProgressUpdateSchema, type Dimension } from '~/domain/projects/schemas'

/**
 * The progress update form as posted. The form shows a box for every category of every dimension; a box left
 * empty is a figure not given, not a zero (z.coerce.number would turn it into 0, and Conform's empty-value
 * stripping into NaN). So a breakdown value may be missing here, and missing ones are dropped before the
 * domain sees the input.
 */
const FormBreakdown = BreakdownSchema.extend({ value: BreakdownSchema.shape.value.optional() })

const FormValue = z.object({
  indicatorId: z.uuid({ error: 'validation.choice' }),
  value: BreakdownSchema.shape.value.optional(),
  breakdown: z.array(FormBreakdown).max(20).default([]),
})

const given = <T extends { value?: number }>(b: T): b is T & { value: number } => b.value !== undefined

export const ProgressUpdateFormSchema = z
  .object({ ...ProgressUpdateSchema.shape, values: z.array(FormValue).max(50).default([]) })
  .superRefine((input, ctx) => {
    input.values.forEach((v, i) => {
      if (v.value === undefined && v.breakdown.some(given)) ctx.addIssue({ code: 'custom', path: ['values', i, 'value'], message: 'reporting.validation.totalNeeded' })
    })
  })
  .transform((input): z.input<typeof ProgressUpdateSchema> => ({ ...input, values: input.values.map((v) => ({ ...v, breakdown: v.breakdown.filter(given) })) }))
  // The domain's own rules (period order, known categories) still apply, to the figures actually given.
  .pipe(ProgressUpdateSchema)

/** The input boxes of one indicator's breakdown, in form order: each dimension's categories. */
export function breakdownCells(disaggregation: readonly string[]) {
  return disaggregation.flatMap((dimension) =>
    dimension in disaggregations ? disaggregations[dimension as Dimension].map((category) => ({ dimension: dimension as Dimension, category: category as string })) : [],
  )
}

export interface IndicatorForForm {
  id: string
  name: string
  unit: string
  level: string
  baseline: number
  target: number
  disaggregation: string[]
  /** The latest approved value, to help the implementer see where the indicator stood. */
  lastApproved: { value: number; periodEnd: string } | null
}

interface GivenValue {
  indicatorId: string
  value: number
  breakdown: readonly { dimension: string; category: string; value: number }[]
}

/** What the form holds, as strings: one entry per indicator and one box per breakdown category, in form order. */
export interface ProgressUpdateFormValues {
  periodStart: string
  periodEnd: string
  narrative: string
  estimatedPercent: string
  values: { indicatorId: string; value: string; breakdown: { dimension: string; category: string; value: string }[] }[]
}

export function progressUpdateDefaults(
  indicators: readonly IndicatorForForm[],
  update: { periodStart: string; periodEnd: string; narrative?: string; estimatedPercent?: number | null },
  given: readonly GivenValue[] = [],
): ProgressUpdateFormValues {
  return {
    periodStart: update.periodStart,
    periodEnd: update.periodEnd,
    narrative: update.narrative ?? '',
    estimatedPercent: update.estimatedPercent === null || update.estimatedPercent === undefined ? '' : String(update.estimatedPercent),
    values: indicators.map((indicator) => {
      const value = given.find((v) => v.indicatorId === indicator.id)
      return {
        indicatorId: indicator.id,
        value: value ? String(value.value) : '',
        breakdown: breakdownCells(indicator.disaggregation).map((cell) => {
          const figure = value?.breakdown.find((b) => b.dimension === cell.dimension && b.category === cell.category)
          return { ...cell, value: figure ? String(figure.value) : '' }
        }),
      }
    }),
  }
}
