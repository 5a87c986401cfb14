import { renderToStaticMarkup } from 'react-dom/server'
import { TranslationProvider } from '~/utils/i18n-react'
import { pageTranslatorFor } from '~/utils/i18n.server'
import { WorldMap, type MapCount } from './world-map'

/**
 * The world map as finished SVG markup, drawn on the server: the page shows it as it is, so the browser never
 * loads the world's geometry, its projection or the country names (about 60 KB of JavaScript) to hydrate it.
 */
export function worldMapMarkup(options: { language: string; layer: string; counts: MapCount[]; names: Record<string, string> }) {
  const format = new Intl.NumberFormat(options.language).format
  return renderToStaticMarkup(
    <TranslationProvider translator={pageTranslatorFor(options.language, ['dashboards'])}>
      <WorldMap layer={options.layer} counts={options.counts} names={options.names} format={format} />
    </TranslationProvider>,
  )
}
