import { z } from 'zod'
import { indicatorLevels } from '#db/schema/enum-values'
import { currencyCode, isoDate, moneyAmount, optionalText, text } from '../vocabulary/fields'

/** Dimensions an indicator's values may be broken down by, and their categories. */
export const disaggregations = {
  sex: ['female', 'male', 'other'],
  age: ['0_17', '18_24', '25_59', '60_plus'],
  migration_status: ['migrant', 'returnee', 'host_community'],
  disability: ['with_disability', 'without_disability'],
} as const
export type Dimension = keyof typeof disaggregations
export const dimensions = Object.keys(disaggregations) as Dimension[]

const uuidOrBlank = z
  .uuid({ error: 'validation.choice' })
  .optional()
  .or(z.literal('').transform(() => undefined))

const number = z.coerce.number({ error: 'validation.number' }).min(-1e12, 'validation.number').max(1e12, 'validation.number')

/** A project as the secretariat or the requesting State sets it up from an agreed match. */
export const ProjectSetupSchema = z
  .object({
    title: text(5, 200),
    summary: text(10, 2000),
    startDate: isoDate,
    endDate: isoDate,
    budgetAmount: moneyAmount,
    budgetCurrency: currencyCode,
    reportingMonths: z.coerce.number({ error: 'validation.reportingMonths' }).int('validation.reportingMonths').min(1, 'validation.reportingMonths').max(12, 'validation.reportingMonths').default(3),
    funderIds: z.array(z.uuid({ error: 'validation.choice' })).max(10).default([]),
    sources: z
      .array(z.object({ label: text(2, 200), amount: moneyAmount.refine((n) => n > 0, 'validation.amount'), organizationId: uuidOrBlank }))
      .max(10)
      .default([]),
  })
  .superRefine((value, ctx) => {
    if (value.endDate < value.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'validation.endBeforeStart' })
    const sourced = value.sources.reduce((sum, s) => sum + s.amount, 0)
    if (sourced > value.budgetAmount) ctx.addIssue({ code: 'custom', path: ['sources'], message: 'validation.sourcesExceedBudget' })
  })
export type ProjectSetupInput = z.output<typeof ProjectSetupSchema>

export const MilestoneSchema = z.object({
  title: text(3, 200),
  description: optionalText(5000),
  deliverable: text(3, 1000),
  dueDate: isoDate,
  trancheAmount: moneyAmount.refine((n) => n > 0, 'validation.amount').optional(),
})
export type MilestoneInput = z.output<typeof MilestoneSchema>

export const IndicatorSchema = z
  .object({
    level: z.enum(indicatorLevels, { error: 'validation.choice' }),
    name: text(3, 300),
    unit: text(1, 60),
    baseline: number,
    target: number,
    disaggregation: z.array(z.enum(dimensions as [Dimension, ...Dimension[]], { error: 'validation.choice' })).max(4).default([]),
  })
  .refine((v) => v.target !== v.baseline, { path: ['target'], message: 'validation.targetEqualsBaseline' })
export type IndicatorInput = z.output<typeof IndicatorSchema>

const links = z
  .string()
  .max(5000, 'validation.tooLong')
  .default('')
  .transform((raw) => raw.split(/\s+/).filter(Boolean))
  .pipe(z.array(z.url({ protocol: /^https?$/, error: 'validation.url' })).max(10, 'validation.tooMany'))

/** An owner or admin answers an invitation to fund a project, for one of their organisations. */
export const FundingAnswerSchema = z.object({
  organizationId: z.uuid({ error: 'validation.choice' }),
  decision: z.enum(['accept', 'decline'], { error: 'validation.choice' }),
})

/** A milestone handed in: what was delivered, where to see it, and optionally a file (checked apart). */
export const EvidenceSchema = z.object({
  evidence: text(10, 5000),
  links,
})
export type EvidenceInput = z.output<typeof EvidenceSchema>

/** The secretariat's decision on submitted work; returning it needs a comment the implementer can act on. */
export const ReviewSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve'), comment: optionalText(5000) }),
  z.object({ decision: z.literal('return'), comment: text(5, 5000) }),
])
export type ReviewInput = z.output<typeof ReviewSchema>

export const BreakdownSchema = z.object({ dimension: z.enum(dimensions as [Dimension, ...Dimension[]]), category: z.string().max(40), value: number })

export const ProgressUpdateSchema = z
  .object({
    periodStart: isoDate,
    periodEnd: isoDate,
    narrative: text(10, 20000),
    estimatedPercent: z.coerce.number({ error: 'validation.percent' }).int('validation.percent').min(0, 'validation.percent').max(100, 'validation.percent').optional(),
    values: z
      .array(z.object({ indicatorId: z.uuid({ error: 'validation.choice' }), value: number.optional(), breakdown: z.array(BreakdownSchema).max(20).default([]) }))
      .max(50)
      .default([]),
  })
  .superRefine((value, ctx) => {
    if (value.periodEnd < value.periodStart) ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'validation.endBeforeStart' })
    value.values.forEach((v, i) =>
      v.breakdown.forEach((b, j) => {
        if (!(disaggregations[b.dimension] as readonly string[]).includes(b.category)) ctx.addIssue({ code: 'custom', path: ['values', i, 'breakdown', j], message: 'validation.choice' })
      }),
    )
  })
export type ProgressUpdateInput = z.output<typeof ProgressUpdateSchema>

export const FinalReportSchema = z.object({
  results: text(20, 20000),
  lessons: text(20, 20000),
  sustainability: text(20, 20000),
})
export type FinalReportInput = z.output<typeof FinalReportSchema>

export const EvaluationSchema = z.object({
  rating: z.coerce.number({ error: 'validation.rating' }).int('validation.rating').min(1, 'validation.rating').max(5, 'validation.rating'),
  comment: text(10, 5000),
})
export type EvaluationInput = z.output<typeof EvaluationSchema>

export const MessageSchema = z.object({ body: text(1, 5000) })

/** Waiving a milestone says why, for the parties and the record. */
export const WaiveSchema = z.object({ reason: text(5, 2000) })

export const TransitionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.enum(['start', 'resume', 'complete', 'close']) }),
  z.object({ action: z.literal('hold'), reason: text(5, 2000) }),
  z.object({ action: z.literal('cancel'), reason: text(5, 2000) }),
])
export type TransitionInput = z.output<typeof TransitionSchema>
