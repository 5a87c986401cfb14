import type { InitOptions, ParseKeys } from 'i18next'
import { createTranslator, type Translator, type Tree } from './translator'

/** The six official languages of the United Nations, in the UN's order (English alphabetical). */
export const supportedLanguages = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const
export type Language = (typeof supportedLanguages)[number]
export const fallbackLanguage: Language = 'en'

/** Each language by its own name, as a reader of it looks for it in a switcher. */
export const languageNames: Record<Language, string> = {
  ar: 'العربية',
  zh: '中文',
  en: 'English',
  fr: 'Français',
  ru: 'Русский',
  es: 'Español',
}

/** Scripts written right to left. */
const rtlLanguages = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'dv', 'yi'])
export const textDirection = (language: string) => (rtlLanguages.has(language.split('-')[0] ?? '') ? 'rtl' : 'ltr')

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (supportedLanguages as readonly string[]).includes(value)
}

/**
 * Namespaces are the files of app/locales/<language>/ and the first segment of every key: `t('nav.requests')`
 * reads `requests` from nav.json (i18next splits on the first dot when it names a known namespace). A page
 * receives only the namespaces its routes declare in `handle.i18n` (see i18n-page.ts).
 */
export const namespaces = [
  'account', 'alerts', 'app', 'auth', 'browse', 'common', 'dashboard', 'dashboards', 'developers', 'email', 'errors',
  'footer', 'fund', 'fundAdmin', 'fundPages', 'home', 'invitations', 'lifecycle', 'matchReasons', 'matches', 'nav',
  'notifications', 'offerKinds', 'offerStatuses', 'offers', 'organizationTypes', 'organizations', 'outbox',
  'practices', 'projectPages', 'projectTerms', 'projects', 'regions', 'reporting', 'requestEmails',
  'requestStatuses', 'requests', 'roles', 'secretariat', 'supportTypes', 'validation', 'verification', 'workspace',
] as const
export type Namespace = (typeof namespaces)[number]

/** What every page needs: the layout (header, footer, errors, form messages) and the words shared by all. */
export const layoutNamespaces: readonly Namespace[] = ['app', 'common', 'errors', 'footer', 'nav']

/** Strings only emails use: never sent to a browser. */
export const serverOnlyNamespaces: readonly Namespace[] = ['email', 'requestEmails']

/**
 * A missing key is a bug the tests must see: with HUB_I18N_STRICT=1 (set by the test runs) the server renders it
 * as ⟦key⟧, which the page crawl in every language looks for. Otherwise the reader sees the key, as i18next does.
 */
const strict = typeof process !== 'undefined' && process.env.HUB_I18N_STRICT === '1'
/** A key missing with a `defaultValue` given is not a bug: the default is meant. */
export const markMissing = (key: string, defaultValue?: string) => defaultValue ?? (strict ? `⟦${key}⟧` : key)

/**
 * Names, titles and numbers put into a right-to-left sentence are isolated (U+2068 … U+2069), so a Latin
 * organisation name or an amount keeps its own direction and does not drag the words around it along.
 */
export const interpolationFor = (language: string) =>
  textDirection(language) === 'rtl' ? { escapeValue: true, escape: (value: string) => `\u2068${value}\u2069` } : { escapeValue: false }

export const i18nConfig = {
  supportedLngs: [...supportedLanguages],
  fallbackLng: false,
  defaultNS: 'common',
  ns: [...namespaces],
  nsSeparator: '.',
  keySeparator: '.',
  interpolation: { escapeValue: false },
  returnNull: false,
  parseMissingKeyHandler: markMissing,
} satisfies InitOptions

/** Any key of any namespace, as `t` accepts it. */
export type TranslationKey = ParseKeys
/**
 * A key made at run time from data (a status, a code, an error a domain rule returned): the compiler cannot
 * check it, the completeness test and the page crawl do.
 */
export const dynamicKey = (key: string) => key as TranslationKey

/** The translator a page renders with (server and browser), over the strings it holds. */
export function pageTranslator(language: string, resources: Record<string, Tree>): Translator {
  const interpolation = interpolationFor(language)
  return createTranslator({
    language,
    resources,
    namespaces,
    escape: interpolation.escapeValue ? interpolation.escape : undefined,
    missing: (key) => markMissing(key),
  })
}
