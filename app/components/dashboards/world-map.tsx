import { useTranslation } from '~/utils/i18n-react'
import { mapClasses, mapColor, zeroColor } from './map-scale'
import { MAP_WIDTH, worldShapes } from './world-geometry'

export interface MapCount {
  country: string
  name: string
  count: number
}

/**
 * A choropleth of the world drawn on the server: one path per country with its name and number in a <title>
 * (a tooltip for pointer users), `role="img"` with a summary for screen readers, a legend with the class bounds.
 * The viewBox lets it shrink to a phone's width. The table beside it carries the same numbers.
 */
export function WorldMap({ layer, counts, names, format }: { layer: string; counts: MapCount[]; names: Record<string, string>; format: (n: number) => string }) {
  const { t } = useTranslation()
  const { shapes, top, height } = worldShapes()
  const byCode = new Map(counts.map((c) => [c.country, c.count]))
  const classes = mapClasses(Math.max(0, ...counts.map((c) => c.count)))
  const color = mapColor(classes)
  const largest = [...counts].sort((a, b) => b.count - a.count).slice(0, 5)
  const summary = largest.length
    ? t('dashboards.map.summaryTop', { list: largest.map((c) => t('dashboards.map.pair', { name: c.name, value: format(c.count) })).join(t('dashboards.map.listSeparator')) })
    : t('dashboards.map.summaryNone')
  return (
    <div className="space-y-3">
      <svg
        role="img"
        aria-label={t('dashboards.map.aria', { layer, summary })}
        viewBox={`0 ${top} ${MAP_WIDTH} ${height}`}
        width="100%"
        className="block h-auto rounded border border-slate-200 bg-sky-50/40"
      >
        <g stroke="#ffffff" strokeWidth="0.6" strokeLinejoin="round">
          {shapes.map((shape, i) => {
            const count = shape.code ? (byCode.get(shape.code) ?? 0) : 0
            const name = shape.code ? (names[shape.code] ?? shape.fallbackName) : shape.fallbackName
            return (
              <path key={shape.code ?? `${i}-${shape.fallbackName}`} d={shape.d} fill={color(count)}>
                <title>{t('dashboards.map.countTitle', { name, value: format(count) })}</title>
              </path>
            )
          })}
        </g>
      </svg>
      <MapLegend classes={classes} format={format} />
    </div>
  )
}

function Swatch({ color }: { color: string }) {
  return (
    <svg width="16" height="16" aria-hidden="true" className="shrink-0">
      <rect x="0.5" y="0.5" width="15" height="15" rx="2" fill={color} stroke="#64748b" strokeWidth="1" />
    </svg>
  )
}

function MapLegend({ classes, format }: { classes: ReturnType<typeof mapClasses>; format: (n: number) => string }) {
  const { t } = useTranslation()
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-slate-700">
      <span className="font-semibold" id="map-legend">
        {t('dashboards.map.legend')}
      </span>
      <ul aria-labelledby="map-legend" className="flex flex-wrap gap-x-4 gap-y-1">
        <li className="flex items-center gap-1.5">
          <Swatch color={zeroColor} />
          {t('dashboards.map.legendZero')}
        </li>
        {classes.map((c) => (
          <li key={c.from} className="flex items-center gap-1.5 tabular-nums">
            <Swatch color={c.color} />
            {c.from === c.to ? format(c.from) : t('dashboards.map.legendRange', { from: format(c.from), to: format(c.to) })}
          </li>
        ))}
      </ul>
    </div>
  )
}
