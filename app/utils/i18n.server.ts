import { createCookie } from '@remix-run/node'
import { createInstance, type TFunction } from 'i18next'
import { resources } from '~/locales/resources.server'
import { fallbackLanguage, i18nConfig, interpolationFor, isLanguage, pageTranslator, supportedLanguages, type Language, type Namespace } from './i18n'
import type { Translator, Tree } from './translator'

export const languageCookie = createCookie('lng', { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 31_536_000 })

/** The `lng` parameter a shared link carries (`/requests/…?lng=es`), if it names a supported language. */
export function languageFromLink(request: Request): Language | null {
  const value = new URL(request.url).searchParams.get('lng')
  return isLanguage(value) ? value : null
}

/** The best supported language of an Accept-Language header (`ar-EG,ar;q=0.9,en;q=0.5`), by quality. */
export function languageFromHeader(header: string | null): Language | null {
  if (!header) return null
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';')
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? 1)
      return { language: tag.trim().toLowerCase().split('-')[0], q: Number.isFinite(q) ? q : 0, index }
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
  return ranked.map((entry) => entry.language).find(isLanguage) ?? null
}

/**
 * The reader's language: a link's `?lng=` first, then the choice kept in the cookie (set by the switcher and at
 * sign-in from the account), then the browser's Accept-Language, then English.
 */
export async function requestLanguage(request: Request): Promise<Language> {
  const fromLink = languageFromLink(request)
  if (fromLink) return fromLink
  const kept: unknown = await languageCookie.parse(request.headers.get('Cookie'))
  if (isLanguage(kept)) return kept
  return languageFromHeader(request.headers.get('Accept-Language')) ?? fallbackLanguage
}

const asLanguage = (language: string | null | undefined): Language => (isLanguage(language) ? language : fallbackLanguage)

const fixed = new Map<Language, TFunction>()

/** A translator with every namespace, for work outside a page (emails, jobs, loaders' own words). */
export function translator(language: string | null | undefined): TFunction {
  const lng = asLanguage(language)
  let t = fixed.get(lng)
  if (!t) {
    const instance = createInstance()
    void instance.init({ ...i18nConfig, interpolation: interpolationFor(lng), resources, lng, fallbackLng: fallbackLanguage, initImmediate: false })
    t = instance.getFixedT(lng)
    fixed.set(lng, t)
  }
  return t
}

export async function requestTranslator(request: Request) {
  const locale = await requestLanguage(request)
  return { locale, t: translator(locale) }
}

const pageTranslators = new Map<string, Translator>()

/**
 * The translator a page renders with: its language and only the namespaces its routes declared — exactly what
 * the browser receives, so a namespace a page forgot to declare shows on the server as well.
 */
export function pageTranslatorFor(language: string, needed: readonly Namespace[]): Translator {
  const lng = asLanguage(language)
  const key = `${lng}|${needed.join(',')}`
  let translator = pageTranslators.get(key)
  if (!translator) {
    const all = resources[lng] as unknown as Record<string, Tree>
    translator = pageTranslator(lng, Object.fromEntries(needed.filter((ns) => ns in all).map((ns) => [ns, all[ns]!])))
    pageTranslators.set(key, translator)
  }
  return translator
}

export { supportedLanguages }
