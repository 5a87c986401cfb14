import { useChartDirection } from '../chart-direction'

export interface BarSeries {
  /** Written before each value ("Allocated USD 120,000"), so no meaning rests on colour alone. */
  name: string
  /** A fill dark enough to carry white text (at least 4.5:1) and to stand out from white (3:1). */
  color: string
}

export interface BarRow {
  label: string
  /** One value per series, in the order of `series`. */
  values: number[]
}

/** The summary a screen reader hears instead of the drawing: every bar for short charts, the largest for long ones. */
export function chartSummary({
  title,
  rows,
  series,
  format,
  pair,
  more,
  separator = '; ',
  listed = 8,
}: {
  title: string
  rows: BarRow[]
  series: BarSeries[]
  format: (value: number) => string
  /** "Label: value" in the reader's language (French puts a space before the colon). */
  pair: (label: string, value: string) => string
  /** "and 3 more" for the bars not listed. */
  more: (count: number) => string
  /** Between the bars: "; " in English, " ; " in French. */
  separator?: string
  listed?: number
}) {
  const bar = (row: BarRow) => pair(row.label, row.values.map((v, i) => (series.length > 1 ? `${series[i]?.name ?? ''} ${format(v)}` : format(v))).join(', '))
  const shown = rows.slice(0, listed).map(bar)
  return `${title}. ${[...shown, ...(rows.length > listed ? [more(rows.length - listed)] : [])].join(separator)}.`
}

const truncate = (text: string, chars: number) => (text.length > chars ? `${text.slice(0, chars - 1).trimEnd()}…` : text)
/** SVG text does not wrap: labels are cut to what fits the chart's width at each breakpoint (the table has them whole). */
const labelFits = [
  { chars: 40, className: 'md:hidden' },
  { chars: 80, className: 'hidden md:block lg:hidden' },
  { chars: 110, className: 'hidden lg:block' },
]

/**
 * Horizontal bars drawn on the server (no JavaScript): each row's label on its own line, then one bar per series
 * with its value written at the end of the bar (inside it when the bar is long). Widths are percentages of the
 * chart, so the text keeps its size at any screen width. `role="img"` with `summary` for assistive technology;
 * pair it with a table of the same numbers.
 */
export function HorizontalBarChart({
  rows,
  series,
  format,
  summary,
}: {
  rows: BarRow[]
  series: BarSeries[]
  format: (value: number) => string
  summary: string
}) {
  const barHeight = 22
  const gap = 4
  const labelHeight = 20
  const rowHeight = labelHeight + series.length * (barHeight + gap) + 14
  const { at, spanX, towardsEnd } = useChartDirection()
  const max = Math.max(1, ...rows.flatMap((r) => r.values))
  const width = (value: number) => (value / max) * 100
  const height = rows.length * rowHeight
  return (
    <svg role="img" aria-label={summary} width="100%" height={height} className="block overflow-visible font-sans">
      {rows.map((row, i) => {
        const top = i * rowHeight
        return (
          <g key={`${i}-${row.label}`}>
            {labelFits.map((fit) => (
              <text key={fit.chars} x={at(0)} y={top + 14} fontSize="14" fontWeight="600" fill="#0f172a" className={fit.className}>
                {truncate(row.label, fit.chars)}
              </text>
            ))}
            {series.map((s, j) => {
              const value = row.values[j] ?? 0
              const pct = width(value)
              const barTop = top + labelHeight + j * (barHeight + gap)
              const inside = pct > 50
              const text = series.length > 1 ? `${s.name} ${format(value)}` : format(value)
              return (
                <g key={s.name}>
                  <rect x={spanX(0, Math.max(pct, value > 0 ? 0.4 : 0))} y={barTop} width={`${Math.max(pct, value > 0 ? 0.4 : 0)}%`} height={barHeight} rx="2" fill={s.color} />
                  <text
                    x={at(pct)}
                    dx={towardsEnd(inside ? -8 : 6)}
                    y={barTop + barHeight / 2}
                    dominantBaseline="central"
                    textAnchor={inside ? 'end' : 'start'}
                    fontSize="13"
                    fill={inside ? '#ffffff' : '#1e293b'}
                    className="tabular-nums"
                  >
                    {text}
                  </text>
                </g>
              )
            })}
          </g>
        )
      })}
    </svg>
  )
}

/** A key for charts with more than one series (the values also name their series, so this is a convenience). */
export function ChartLegend({ series }: { series: BarSeries[] }) {
  if (series.length < 2) return null
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700" aria-hidden="true">
      {series.map((s) => (
        <li key={s.name} className="flex items-center gap-1.5">
          <svg width="12" height="12" aria-hidden="true">
            <rect width="12" height="12" rx="2" fill={s.color} />
          </svg>
          {s.name}
        </li>
      ))}
    </ul>
  )
}
