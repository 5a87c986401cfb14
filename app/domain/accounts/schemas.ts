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
