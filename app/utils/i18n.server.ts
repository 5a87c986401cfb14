import { createCookie } from '@remix-run/node'
import { createInstance, type TFunction } from 'i18next'
import { RemixI18Next } from 'remix-i18next/server'
import { fallbackLanguage, i18nConfig, isLanguage, resources, supportedLanguages, type Language } from './i18n'

export const languageCookie = createCookie('lng', { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 31_536_000 })

export const i18next = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLanguages],
    fallbackLanguage,
    cookie: languageCookie,
    order: ['cookie', 'header'],
  },
  i18next: { ...i18nConfig, resources },
})

const fixed = new Map<Language, TFunction>()

/** A translator for work outside a request (emails, jobs). */
export function translator(language: string | null | undefined): TFunction {
  const lng = isLanguage(language) ? language : fallbackLanguage
  let t = fixed.get(lng)
  if (!t) {
    const instance = createInstance()
    void instance.init({ ...i18nConfig, resources, lng, initImmediate: false })
    t = instance.getFixedT(lng)
    fixed.set(lng, t)
  }
  return t
}

export async function requestTranslator(request: Request) {
  const locale = await i18next.getLocale(request)
  return { locale, t: translator(locale) }
}
