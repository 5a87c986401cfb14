import { describe, expect, test } from 'vitest'
import { requestPasswordReset } from '~/domain/accounts/users.server'
import { db } from '~/utils/db.server'
import { supportedLanguages } from '~/utils/i18n'
import { createUser } from '../factories'
import { links, outboxTo } from './support'

/** Words each language's password-reset email must contain, written here by hand, not read from the files. */
const expected = {
  ar: { subject: /كلمة المرور/, body: /تحية طيبة/ },
  zh: { subject: /密码/, body: /您好/ },
  en: { subject: /^Reset your Connection Hub password$/, body: /^Hello / },
  fr: { subject: /mot de passe/, body: /^Bonjour / },
  ru: { subject: /пароля/, body: /Здравствуйте/ },
  es: { subject: /contraseña/, body: /^Estimado\/a / },
} as const

describe('emails are written in the recipient’s language', () => {
  test.each(supportedLanguages)('a password reset for an account in %s', async (language) => {
    const user = await createUser({ locale: language, displayName: 'Amina Rahman' })
    await requestPasswordReset(db, user.email, links)
    const [email] = await outboxTo(user.email)
    expect(email?.subject).toMatch(expected[language].subject)
    expect(email?.textBody).toMatch(expected[language].body)
    expect(email?.textBody).toContain('Amina Rahman')
    expect(email?.textBody).toContain(`${links.origin}/reset-password?token=`)
    // Nothing English is left in a translated email but the product's name and the link.
    if (language !== 'en') expect(email?.textBody.replace(/Connection Hub|https?:\/\/\S+|Amina Rahman/g, '')).not.toMatch(/\b(Hello|password|link)\b/i)
  })
})
