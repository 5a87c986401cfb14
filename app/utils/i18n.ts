import { messages } from '~/locales'

export const supportedLanguages = ['en', 'fr'] as const
export type Language = (typeof supportedLanguages)[number]
export const fallbackLanguage: Language = 'en'
export const defaultNS = 'common'
export const resources = { en: { common: messages.en }, fr: { common: messages.fr } } as const
/** Scripts written right to left; Arabic joins `supportedLanguages` once translated. */
const rtlLanguages = new Set(['ar', 'fa', 'he', 'ur'])

export const languageNames: Record<Language, string> = { en: 'English', fr: 'Français' }

export const textDirection = (language: string) => (rtlLanguages.has(language.split('-')[0] ?? '') ? 'rtl' : 'ltr')

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (supportedLanguages as readonly string[]).includes(value)
}

export const i18nConfig = {
  supportedLngs: [...supportedLanguages],
  fallbackLng: fallbackLanguage,
  defaultNS,
  interpolation: { escapeValue: false },
}
