import { RemixBrowser } from '@remix-run/react'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { pageTranslator } from '~/utils/i18n'
import { PAGE_STRINGS_ID } from '~/utils/i18n-page'
import { TranslationProvider } from '~/utils/i18n-react'
import type { Tree } from '~/utils/translator'

/** The page's language and strings, embedded by the server in exactly the form it rendered with. */
function pageStrings(): { lng: string; resources: Record<string, Tree> } {
  const script = document.getElementById(PAGE_STRINGS_ID)
  return script?.textContent ? JSON.parse(script.textContent) : { lng: document.documentElement.lang, resources: {} }
}

const { lng, resources } = pageStrings()
const translator = pageTranslator(lng, resources)

startTransition(() => {
  hydrateRoot(
    document,
    <TranslationProvider translator={translator}>
      <StrictMode>
        <RemixBrowser />
      </StrictMode>
    </TranslationProvider>,
  )
})
