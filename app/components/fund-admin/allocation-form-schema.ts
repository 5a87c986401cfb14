import { z } from 'zod'
import { AllocationSchema, type AllocationInput } from '~/domain/fund/schemas'

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value)

/** An amount that must be above zero, said so (the shared money message only asks for "0 or more"). */
const positiveUsd = z.coerce.number({ error: 'fundAdmin.validation.positive' }).gt(0, 'fundAdmin.validation.positive').max(1e12, 'validation.amount')

/**
 * The allocation form offers one tranche input per open milestone; a blank one means "no tranche". Blank rows
 * are dropped after each row is read (so errors keep the row they belong to) and before AllocationSchema's
 * own rules (tranches within the allocation, one per milestone). A blank amount must never become 0.
 */
export const AllocationFormSchema = z
  .object({
    ...AllocationSchema.shape,
    amountUsd: positiveUsd,
    tranches: z
      .array(
        z.object({
          milestoneId: z.uuid({ error: 'validation.choice' }),
          amountUsd: z.preprocess(blankToUndefined, positiveUsd.optional()),
        }),
      )
      .max(50)
      .default([])
      .transform((rows) => rows.flatMap((r) => (r.amountUsd === undefined ? [] : [{ milestoneId: r.milestoneId, amountUsd: r.amountUsd }]))),
  })
  // The rows read above already have AllocationSchema's output shape; it re-reads them and adds its own rules.
  .pipe(AllocationSchema as unknown as z.ZodType<AllocationInput, AllocationInput>)

export interface AllocationFormValues {
  projectId: string
  pool: string
  amountUsd: string
  note: string
  tranches: { milestoneId: string; amountUsd: string }[]
}
