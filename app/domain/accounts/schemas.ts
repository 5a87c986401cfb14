import { z } from 'zod'
import { platformRoles } from '#db/schema/enum-values'
import { supportedLanguages } from '~/utils/i18n'
import { plainName } from './names'

export const EmailSchema = z
  .string({ error: 'validation.required' })
  .trim()
  .min(1, 'validation.required')
  .max(254, 'validation.tooLong')
  .pipe(z.email({ error: 'validation.email' }))
  .transform((email) => email.toLowerCase())

export const PasswordSchema = z
  .string({ error: 'validation.required' })
  .min(10, 'validation.passwordTooShort')
  .max(200, 'validation.tooLong')

/** A person's name, wherever it is set (sign-up, the account page, the operator's create-user). */
export const DisplayNameSchema = plainName(1, 120)

export const LanguageSchema = z.enum(supportedLanguages, { error: 'validation.choice' })

export const SignupSchema = z.object({
  displayName: DisplayNameSchema,
  email: EmailSchema,
  password: PasswordSchema,
})

export const LoginSchema = z.object({
  email: EmailSchema,
  password: z.string({ error: 'validation.required' }).min(1, 'validation.required').max(200, 'validation.tooLong'),
  redirectTo: z.string().max(500).optional(),
})

export const ForgotPasswordSchema = z.object({ email: EmailSchema })

export const ResetPasswordSchema = z
  .object({
    token: z.string().min(1).max(100),
    password: PasswordSchema,
    confirmPassword: z.string({ error: 'validation.required' }).max(200, 'validation.tooLong'),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], error: 'validation.passwordsDiffer' })

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string({ error: 'validation.required' }).min(1, 'validation.required').max(200, 'validation.tooLong'),
    newPassword: PasswordSchema,
    confirmPassword: z.string({ error: 'validation.required' }).max(200, 'validation.tooLong'),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], error: 'validation.passwordsDiffer' })

export const ProfileSchema = z.object({ displayName: DisplayNameSchema, locale: LanguageSchema })

export const CreateUserSchema = z.object({
  email: EmailSchema,
  password: PasswordSchema,
  displayName: DisplayNameSchema.optional(),
  role: z.enum(platformRoles).default('user'),
})

/** Six digits from the app; people paste them with a space or a dash in the middle. */
const TotpCodeSchema = z
  .string({ error: 'validation.required' })
  .trim()
  .regex(/^\d{3}[\s-]?\d{3}$/, 'validation.totpCodeShape')

/** A recovery code as shown (`abcd-efgh-jkmn`); case, spaces and dashes do not matter. */
const RecoveryCodeSchema = z
  .string({ error: 'validation.required' })
  .trim()
  .min(1, 'validation.required')
  .max(40, 'validation.tooLong')

/** The second step of signing in: a code from the app, or a recovery code. */
export const SecondFactorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('totp'), code: TotpCodeSchema, redirectTo: z.string().max(500).optional() }),
  z.object({ kind: z.literal('recovery'), code: RecoveryCodeSchema, redirectTo: z.string().max(500).optional() }),
])

/** Enrolment: the key shown on the page (sent back with the form) and the app's first code. */
export const EnrolTotpSchema = z.object({
  intent: z.literal('enrol'),
  key: z.string().min(1).max(100),
  code: TotpCodeSchema,
})

export const SecondFactorSettingsSchema = z.discriminatedUnion('intent', [
  EnrolTotpSchema,
  z.object({ intent: z.literal('regenerate') }),
  z.object({ intent: z.literal('disable') }),
])

/** Step-up: the password, or (for an account with a second factor) a code from the app. */
export const ConfirmIdentitySchema = z.discriminatedUnion('method', [
  z.object({
    method: z.literal('password'),
    password: z.string({ error: 'validation.required' }).min(1, 'validation.required').max(200, 'validation.tooLong'),
    redirectTo: z.string().max(500).optional(),
  }),
  z.object({
    method: z.literal('code'),
    code: TotpCodeSchema,
    redirectTo: z.string().max(500).optional(),
  }),
])
