import { geoEqualEarth, geoPath, type GeoPermissibleObjects } from 'd3-geo'
import countryCodes from 'i18n-iso-countries'
import { feature } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'
import world from 'world-atlas/countries-110m.json' with { type: 'json' }

/**
 * The world map's shapes: Natural Earth's 1:110m countries (world-atlas), projected once per process with the
 * Equal Earth projection (areas stay true, which a choropleth needs), as compact SVG path data. The same module
 * runs in the browser, so the page hydrates without the paths travelling twice (once in the HTML, once as data).
 */

export const MAP_WIDTH = 960

export interface CountryShape {
  /** ISO 3166-1 alpha-3, or null for the few areas Natural Earth draws without a code (Kosovo, Somaliland, N. Cyprus). */
  code: string | null
  /** Natural Earth's English name, for areas without a code. */
  fallbackName: string
  d: string
}

type CountryProperties = { name: string }
const topology = world as unknown as Topology<{ countries: GeometryCollection<CountryProperties> }>
const ANTARCTICA = '010'

/**
 * A d3 path context writing relative coordinates in whole units of the 960-wide map (at most half a pixel off
 * where the map is shown at full width) and dropping points that round onto the previous one: 40% less path data
 * for the browser to parse and draw than at tenths (39 KB instead of 67 KB), and the shapes look the same.
 */
function compactPath() {
  let out = ''
  let x0 = 0
  let y0 = 0
  let startX = 0
  let startY = 0
  let open = false
  let inLine = false
  const round = Math.round
  const pair = (dx: number, dy: number) => `${dx}${dy < 0 ? '' : ','}${dy}`
  return {
    moveTo(x: number, y: number) {
      const [X, Y] = [round(x), round(y)]
      out += open ? `m${pair(X - x0, Y - y0)}` : `M${X},${Y}`
      open = true
      inLine = false
      ;[x0, y0, startX, startY] = [X, Y, X, Y]
    },
    lineTo(x: number, y: number) {
      const [X, Y] = [round(x), round(y)]
      if (X === x0 && Y === y0) return
      const text = pair(X - x0, Y - y0)
      // After an `l`, further pairs need no letter: a minus sign or a space separates them.
      out += inLine ? `${text.startsWith('-') ? '' : ' '}${text}` : `l${text}`
      inLine = true
      ;[x0, y0] = [X, Y]
    },
    closePath() {
      out += 'z'
      inLine = false
      ;[x0, y0] = [startX, startY]
    },
    beginPath() {},
    arc() {},
    take() {
      const d = out
      out = ''
      open = false
      inLine = false
      return d
    },
  }
}

let cached: { shapes: CountryShape[]; height: number; top: number } | null = null

/** Every country's path, and the height of the map at MAP_WIDTH (Antarctica is left out: no requests come from it). */
export function worldShapes() {
  if (cached) return cached
  const collection = feature(topology, topology.objects.countries)
  const features = collection.features.filter((f) => f.id !== ANTARCTICA)
  const land = { type: 'FeatureCollection', features } as GeoPermissibleObjects
  const projection = geoEqualEarth().fitWidth(MAP_WIDTH, land)
  const [[, top], [, bottom]] = geoPath(projection).bounds(land)
  const context = compactPath()
  const path = geoPath(projection, context)
  const shapes = features.map((f) => {
    path(f)
    const numeric = f.id === undefined ? undefined : String(f.id)
    return { code: (numeric && countryCodes.numericToAlpha3(numeric)) || null, fallbackName: f.properties.name, d: context.take() }
  })
  cached = { shapes, top: Math.floor(top), height: Math.ceil(bottom - Math.floor(top)) }
  return cached
}

/** The alpha-3 codes the map draws (the server names them in the reader's language). */
export function mapCountryCodes(): string[] {
  return topology.objects.countries.geometries.flatMap((g) => {
    const code = g.id !== undefined && g.id !== ANTARCTICA ? countryCodes.numericToAlpha3(String(g.id)) : undefined
    return code ? [code] : []
  })
}
