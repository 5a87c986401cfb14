/**
 * The map's sequential colour scale: ColorBrewer "Blues", safe for colour-blind readers and in print, with at most
 * five classes of whole numbers. Zero has its own pale grey, so "none" never looks like "a few".
 */
export const zeroColor = '#f1f5f9'
const blues = ['#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'] as const

export interface MapClass {
  from: number
  to: number
  color: string
}

/** Whole-number classes from 1 to `max`: one per value up to 5, otherwise five of (nearly) equal width. */
export function mapClasses(max: number): MapClass[] {
  if (max < 1) return []
  const count = Math.min(5, max)
  const bounds = Array.from({ length: count }, (_, i) => 1 + Math.round((i * max) / count))
  const colors = count === 5 ? blues : blues.filter((_, i) => i >= 5 - count)
  return bounds.map((from, i) => ({ from, to: (bounds[i + 1] ?? max + 1) - 1, color: colors[i] ?? blues[4] }))
}

/** A count's colour: that of the last class whose lower bound it reaches, pale grey below the first. */
export function mapColor(classes: MapClass[]) {
  return (value: number) => classes.findLast((c) => value >= c.from)?.color ?? zeroColor
}
