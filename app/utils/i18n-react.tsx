import type { TFunction } from 'i18next'
import { createContext, useContext, type ReactNode } from 'react'
import type { Translator } from './translator'

/**
 * What components translate with: `const { t, i18n } = useTranslation()`, as with react-i18next, over the
 * page's Translator (translator.ts) — the same on the server and in the browser, so hydration never differs.
 */
const TranslatorContext = createContext<Translator | null>(null)

export function TranslationProvider({ translator, children }: { translator: Translator; children?: ReactNode }) {
  return <TranslatorContext.Provider value={translator}>{children}</TranslatorContext.Provider>
}

export function useTranslator(): Translator {
  const translator = useContext(TranslatorContext)
  if (!translator) throw new Error('useTranslation needs a TranslationProvider above it')
  return translator
}

export function useTranslation(): { t: TFunction; i18n: { language: string; exists: (key: string) => boolean } } {
  const translator = useTranslator()
  return { t: translator.t, i18n: { language: translator.language, exists: translator.exists } }
}
