import { describe, expect, test } from 'vitest'
import { OrganizationSchema } from '../organizations/schemas'
import { CreateUserSchema, DisplayNameSchema, ProfileSchema, SignupSchema } from './schemas'

/** Names an attacker would give, to make the Hub's emails carry their words to someone else's inbox. */
const withLinks = [
  'Amina. Your account is suspended. Restore it at https://evil.example/restore',
  'Support http://evil.example',
  'Visit www.evil-example.org now',
  'restore at evil.example/login',
  'secure-login.example.com/verify',
  'Click evil.com',
  'Call hxxps://evil.example',
  'javascript:alert(1)',
  'Write to helpdesk@evil.example',
  'HTTPS://EVIL.EXAMPLE',
]
const withBreaks = [
  'Amina\nYour account is suspended.',
  'Amina\r\nSupport team',
  'Amina\u2028Support team',
  'Amina\tDiallo',
  'Amina\u0007Diallo',
  // Right-to-left override: shows the text after it reversed.
  'Amina \u202Egnp.exe',
]
/** Real names, in the six languages and beyond, that must keep working. */
const realNames = [
  'Amina Diallo',
  'Lucía Fernández',
  "José-María O'Neill",
  'Dr. Jane Smith',
  'J. R. R. Tolkien',
  'St. John Rivers',
  'محمد عبد الله',
  '王小明',
  'Анна Петрова',
  'Nguyễn Văn An',
  'می\u200Cخواهم', // Persian with a zero-width non-joiner, which the script needs
]

const messagesOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((i) => i.message) ?? []

describe('a display name carries no links, line breaks or control characters', () => {
  test.each(withLinks)('refuses %j', (name) => {
    expect(messagesOf(DisplayNameSchema.safeParse(name))).toContain('validation.noLinksInName')
  })

  test.each(withBreaks)('refuses %j', (name) => {
    expect(messagesOf(DisplayNameSchema.safeParse(name))).toContain('validation.noLineBreaksInName')
  })

  test.each(realNames)('accepts %j', (name) => {
    expect(DisplayNameSchema.safeParse(name)).toMatchObject({ success: true, data: name })
  })

  test('every form that sets a display name refuses them: sign-up, account page, the operator’s create-user', () => {
    const hostile = withLinks[0]!
    const signup = SignupSchema.safeParse({ displayName: hostile, email: 'a@example.org', password: 'long enough password' })
    const profile = ProfileSchema.safeParse({ displayName: hostile, locale: 'en' })
    const operator = CreateUserSchema.safeParse({ displayName: hostile, email: 'a@example.org', password: 'long enough password' })
    for (const result of [signup, profile, operator]) {
      expect(result.error?.issues).toContainEqual(expect.objectContaining({ path: ['displayName'], message: 'validation.noLinksInName' }))
    }
  })
})

describe('an organisation name, which travels in invitation emails, is held to the same rule', () => {
  test.each([...withLinks, ...withBreaks])('refuses %j', (name) => {
    const messages = messagesOf(OrganizationSchema.safeParse({ name, type: 'civil_society' }))
    expect(messages.some((m) => m === 'validation.noLinksInName' || m === 'validation.noLineBreaksInName')).toBe(true)
  })

  test.each(['Ministry of Labour, Employment and Social Security (Nepal)', 'Bureau for Diaspora Relations', 'Organisation internationale pour les migrations', 'منظمة العمل الدولية'])(
    'accepts %j',
    (name) => {
      expect(OrganizationSchema.safeParse({ name, type: 'civil_society' }).success).toBe(true)
    },
  )
})
