import { RemixBrowser } from '@remix-run/react'
import i18next from 'i18next'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { i18nConfig, interpolationFor } from '~/utils/i18n'
import { PAGE_STRINGS_ID } from '~/utils/i18n-page'

/** The page's language and strings, embedded by the server in exactly the form it rendered with. */
function pageStrings(): { lng: string; resources: Record<string, Record<string, unknown>> } {
  const script = document.getElementById(PAGE_STRINGS_ID)
  return script?.textContent ? JSON.parse(script.textContent) : { lng: document.documentElement.lang, resources: {} }
}

async function hydrate() {
  const { lng, resources } = pageStrings()
  await i18next.use(initReactI18next).init({ ...i18nConfig, interpolation: interpolationFor(lng), lng, resources: { [lng]: resources }, partialBundledLanguages: true })
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    )
  })
}

void hydrate()
