import { z } from 'zod'
import { earmarkKinds } from '#db/schema/enum-values'
import { checkbox, currencyCode, isoDate, moneyAmount, objectiveNumber, optionalText, text } from '../vocabulary/fields'

/** Currencies a card contribution may be made in (Stripe settles them into the fund's USD). */
export const cardCurrencies = ['USD', 'EUR', 'GBP', 'CHF', 'CAD', 'AUD', 'SEK', 'NOK', 'DKK', 'JPY'] as const

const optionalUuid = z
  .uuid({ error: 'validation.choice' })
  .optional()
  .or(z.literal('').transform(() => undefined))

const positiveAmount = moneyAmount.refine((n) => n > 0, 'validation.amount')

/** Where the money may go: the fund as a whole, one GCM objective, or one project seeking funds. */
const earmarkFields = {
  earmark: z.enum(earmarkKinds, { error: 'validation.choice' }).default('fund'),
  objective: objectiveNumber.optional().or(z.literal('').transform(() => undefined)),
  projectId: optionalUuid,
}

function checkEarmark(value: { earmark: string; objective?: number; projectId?: string }, ctx: z.RefinementCtx) {
  if (value.earmark === 'objective' && value.objective === undefined) ctx.addIssue({ code: 'custom', path: ['objective'], message: 'validation.objective' })
  if (value.earmark === 'project' && value.projectId === undefined) ctx.addIssue({ code: 'custom', path: ['projectId'], message: 'validation.choice' })
}

export const CardContributionSchema = z
  .object({
    amount: positiveAmount.refine((n) => n >= 5, 'fund.minimumAmount').refine((n) => n <= 1_000_000, 'fund.maximumCardAmount'),
    currency: z.enum(cardCurrencies, { error: 'validation.currency' }),
    ...earmarkFields,
    organizationId: optionalUuid,
    anonymous: checkbox,
    /** A random token from the form, so a double submission makes one contribution and one Checkout Session. */
    token: z.uuid({ error: 'validation.required' }),
  })
  .superRefine(checkEarmark)
export type CardContributionInput = z.output<typeof CardContributionSchema>

export const PledgeSchema = z
  .object({
    amount: positiveAmount,
    currency: currencyCode,
    ...earmarkFields,
    organizationId: optionalUuid,
    anonymous: checkbox,
    dueDate: isoDate.optional().or(z.literal('').transform(() => undefined)),
    note: optionalText(2000),
    token: z.uuid({ error: 'validation.required' }),
  })
  .superRefine(checkEarmark)
export type PledgeInput = z.output<typeof PledgeSchema>

/** The secretariat records a bank transfer against a pledge; the USD value is what the fund's account received. */
export const PledgeReceiptSchema = z.object({
  receivedOn: isoDate,
  amount: positiveAmount,
  usdAmount: positiveAmount,
  reference: text(2, 200),
})
export type PledgeReceiptInput = z.output<typeof PledgeReceiptSchema>

export const AllocationSchema = z
  .object({
    projectId: z.uuid({ error: 'validation.choice' }),
    pool: z.string().regex(/^fund:(unallocated|objective:\d{1,2}|project:[0-9a-f-]{36})$/, 'validation.choice'),
    amountUsd: positiveAmount,
    note: optionalText(2000),
    tranches: z
      .array(z.object({ milestoneId: z.uuid({ error: 'validation.choice' }), amountUsd: positiveAmount }))
      .max(50)
      .default([]),
  })
  .superRefine((value, ctx) => {
    const total = value.tranches.reduce((sum, t) => sum + t.amountUsd, 0)
    if (total > value.amountUsd) ctx.addIssue({ code: 'custom', path: ['tranches'], message: 'fund.tranchesExceedAllocation' })
    if (new Set(value.tranches.map((t) => t.milestoneId)).size !== value.tranches.length) ctx.addIssue({ code: 'custom', path: ['tranches'], message: 'fund.trancheTwice' })
  })
export type AllocationInput = z.output<typeof AllocationSchema>

export const ReverseAllocationSchema = z.object({ reason: text(5, 2000) })

/** The secretariat voids a pledge recorded by mistake or in bad faith; the reason is kept and audited. */
export const VoidPledgeSchema = z.object({ reason: text(3, 500) })
export type VoidPledgeInput = z.output<typeof VoidPledgeSchema>

/** Above this amount in USD, a pledge must be made for a verified donor organisation. */
export const PledgeThresholdSchema = z.object({ thresholdUsd: moneyAmount.refine((n) => n >= 0 && n <= 1_000_000_000, 'validation.amount') })
export type PledgeThresholdInput = z.output<typeof PledgeThresholdSchema>
