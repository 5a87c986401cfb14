import { z } from 'zod'
import { memberRoles, organizationTypes } from '#db/schema/enum-values'
import { plainName } from '../accounts/names'
import { EmailSchema } from '../accounts/schemas'
import { isCountryCode } from '../geography/codes'

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'validation.tooLong')
    .transform((v) => (v ? v : undefined))
    .optional()

export const OrganizationSchema = z
  .object({
    // The name travels in invitation emails: the same rule as people's names, so it cannot carry a phishing link.
    name: plainName(2, 200),
    type: z.enum(organizationTypes, { error: 'validation.choice' }),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/, 'validation.country')
      .refine(isCountryCode, 'validation.country')
      .optional()
      .or(z.literal('').transform(() => undefined)),
    website: optionalText(300).pipe(z.url({ protocol: /^https?$/, error: 'validation.url' }).optional()),
    description: optionalText(2000),
  })
  .refine((v) => !['state', 'local_authority'].includes(v.type) || Boolean(v.country), {
    path: ['country'],
    error: 'validation.countryRequiredForState',
  })

export const InviteSchema = z.object({
  email: EmailSchema,
  role: z.enum(memberRoles.filter((r) => r !== 'owner') as ['admin', 'member'], { error: 'validation.choice' }),
})

export const MemberRoleSchema = z.object({ role: z.enum(memberRoles, { error: 'validation.choice' }) })

export const RejectionSchema = z.object({
  reason: z.string({ error: 'validation.required' }).trim().min(5, 'validation.tooShort').max(1000, 'validation.tooLong'),
})
