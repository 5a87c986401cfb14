import { parseWithZod } from '@conform-to/zod/v4'
import { describe, expect, test } from 'vitest'
import * as accounts from './accounts/schemas'
import { OfferSchema } from './offers/schemas'
import * as organizations from './organizations/schemas'
import { RequestSchema } from './requests/schemas'

/**
 * Conform coerces form data by walking the schema; some zod constructs (a transform around a whole object)
 * make it throw "Unsupported schema", which would turn bad input into a 500. Every form schema must parse.
 */
const formSchemas = {
  SignupSchema: accounts.SignupSchema,
  LoginSchema: accounts.LoginSchema,
  ForgotPasswordSchema: accounts.ForgotPasswordSchema,
  ResetPasswordSchema: accounts.ResetPasswordSchema,
  ChangePasswordSchema: accounts.ChangePasswordSchema,
  ProfileSchema: accounts.ProfileSchema,
  OrganizationSchema: organizations.OrganizationSchema,
  InviteSchema: organizations.InviteSchema,
  RequestSchema,
  OfferSchema,
}

describe('form schemas work with Conform', () => {
  test.each(Object.entries(formSchemas))('%s reports errors for an empty form and for junk', (_name, schema) => {
    expect(parseWithZod(new FormData(), { schema }).status).toBe('error')
    const junk = new FormData()
    for (const key of ['kind', 'type', 'role', 'email', 'primaryObjective', 'countries', 'locale']) junk.append(key, '\u0000<script>')
    expect(parseWithZod(junk, { schema }).status).toBe('error')
  })
})
