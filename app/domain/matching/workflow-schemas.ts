import { z } from 'zod'
import { currencyCode, moneyAmount, optionalText, text } from '../vocabulary/fields'

export const InterestSchema = z
  .object({
    providerId: z.uuid({ error: 'validation.choice' }),
    offerId: z.uuid({ error: 'validation.choice' }).optional().or(z.literal('').transform(() => undefined)),
    message: text(10, 5000),
    budgetAmount: moneyAmount.optional(),
    budgetCurrency: currencyCode.optional(),
  })
  .superRefine((value, ctx) => {
    if ((value.budgetAmount === undefined) !== (value.budgetCurrency === undefined)) {
      ctx.addIssue({ code: 'custom', path: [value.budgetAmount === undefined ? 'budgetAmount' : 'budgetCurrency'], message: 'validation.budgetPair' })
    }
  })
export type InterestInput = z.output<typeof InterestSchema>

export const ProposalSchema = z.object({
  providerId: z.uuid({ error: 'validation.choice' }),
  offerId: z.uuid().optional().or(z.literal('').transform(() => undefined)),
  note: text(5, 5000),
})
export type ProposalInput = z.output<typeof ProposalSchema>

export const DecisionSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('accept'), side: z.enum(['request', 'provider']) }),
  z.object({ decision: z.literal('decline'), side: z.enum(['request', 'provider']), reason: text(5, 2000) }),
  z.object({ decision: z.literal('withdraw'), side: z.enum(['request', 'provider', 'secretariat']), reason: optionalText(2000) }),
])
export type DecisionInput = z.output<typeof DecisionSchema>
