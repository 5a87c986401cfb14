import { useChartDirection } from '../chart-direction'

/** Dark enough on white for their labels (at least 7:1), and told apart by hue and side, never by colour alone. */
export const demandColor = '#9a3412'
export const supplyColor = '#075985'

export interface DemandSupplyRow {
  key: string
  label: string
  demand: number
  supply: number
}

const truncate = (text: string, chars: number) => (text.length > chars ? `${text.slice(0, chars - 1).trimEnd()}…` : text)
/** SVG text does not wrap: labels are cut to what fits at each breakpoint (the table has them whole). */
const labelFits = [
  { chars: 36, className: 'sm:hidden' },
  { chars: 64, className: 'hidden sm:block md:hidden' },
  { chars: 90, className: 'hidden md:block' },
]

/**
 * Demand and supply back to back: open requests to the left of a middle line, offers to the right, one row per
 * label, each bar with its number written beside it. Where demand meets no supply, the row says so in words.
 * Drawn on the server with percentages of the width, so text keeps its size on a phone; `role="img"` with
 * `summary`, and always paired with a table of the same numbers.
 */
export function DemandSupplyChart({
  rows,
  demandLabel,
  supplyLabel,
  noSupply,
  format,
  summary,
}: {
  rows: DemandSupplyRow[]
  demandLabel: string
  supplyLabel: string
  /** Written after a zero on the supply side when there is demand ("0 — no offer"). */
  noSupply: string
  format: (value: number) => string
  summary: string
}) {
  const head = 26
  const rowHeight = 46
  const barHeight = 16
  const { rtl, at, spanX, towardsEnd } = useChartDirection()
  const max = Math.max(1, ...rows.flatMap((r) => [r.demand, r.supply]))
  // Each side may use 36% of the width, leaving room for the number beside the longest bar.
  const length = (value: number) => (value / max) * 36
  const height = head + rows.length * rowHeight
  return (
    <svg role="img" aria-label={summary} width="100%" height={height} className="block overflow-visible font-sans">
      {/* Demand on the start side: the arrows point outwards, whichever way the page reads. */}
      <text x="50%" dx={towardsEnd(-10)} y="16" textAnchor="end" fontSize="13" fontWeight="600" fill={demandColor}>
        {rtl ? `▶ ${demandLabel}` : `◀ ${demandLabel}`}
      </text>
      <text x="50%" dx={towardsEnd(10)} y="16" textAnchor="start" fontSize="13" fontWeight="600" fill={supplyColor}>
        {rtl ? `${supplyLabel} ◀` : `${supplyLabel} ▶`}
      </text>
      {rows.map((row, i) => {
        const top = head + i * rowHeight
        const barTop = top + 22
        const left = length(row.demand)
        const right = length(row.supply)
        const supplyText = row.supply === 0 && row.demand > 0 ? `${format(0)} — ${noSupply}` : format(row.supply)
        return (
          <g key={row.key}>
            {labelFits.map((fit) => (
              <text key={fit.chars} x={at(0)} y={top + 14} fontSize="14" fontWeight="600" fill="#0f172a" className={fit.className}>
                {truncate(row.label, fit.chars)}
              </text>
            ))}
            <line x1="50%" x2="50%" y1={barTop - 3} y2={barTop + barHeight + 3} stroke="#64748b" strokeWidth="1" />
            <rect x={spanX(50 - left, left)} y={barTop} width={`${left}%`} height={barHeight} rx="2" fill={demandColor} />
            <rect x={spanX(50, right)} y={barTop} width={`${right}%`} height={barHeight} rx="2" fill={supplyColor} />
            <text x={at(50 - left)} dx={towardsEnd(-6)} y={barTop + barHeight / 2} dominantBaseline="central" textAnchor="end" fontSize="13" fill="#1e293b" className="tabular-nums">
              {format(row.demand)}
            </text>
            <text
              x={at(50 + right)}
              dx={towardsEnd(6)}
              y={barTop + barHeight / 2}
              dominantBaseline="central"
              textAnchor="start"
              fontSize="13"
              fontWeight={row.supply === 0 && row.demand > 0 ? 600 : 400}
              fill="#1e293b"
              className="tabular-nums"
            >
              {supplyText}
            </text>
          </g>
        )
      })}
    </svg>
  )
}
