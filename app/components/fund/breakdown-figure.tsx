import type { ReactNode } from 'react'
import { ChartLegend, HorizontalBarChart, type BarSeries } from './bar-chart'
import { TableScroller } from './table-scroller'
import { TableHead } from '~/components/table-head'

export interface BreakdownRow {
  key: string
  /** Plain text for the chart and its summary. */
  label: string
  /** What the table shows in the first column (e.g. a link); the label when absent. */
  cell?: ReactNode
  values: number[]
  /** Cells shown between the label and the values (e.g. a count). */
  extra?: ReactNode[]
}

/**
 * One breakdown: a bar chart and, under it, a table of the same numbers (the accessible alternative, always shown).
 * The figure's caption says what is measured; the table's caption names the table.
 */
export function BreakdownFigure({
  caption,
  tableCaption,
  labelHeader,
  extraHeaders = [],
  series,
  rows,
  format,
  summary,
  totalLabel,
}: {
  caption: string
  tableCaption: string
  labelHeader: string
  extraHeaders?: string[]
  series: BarSeries[]
  rows: BreakdownRow[]
  format: (value: number) => string
  summary: string
  totalLabel: string
}) {
  const totals = series.map((_, i) => rows.reduce((sum, r) => sum + (r.values[i] ?? 0), 0))
  return (
    <figure className="card space-y-4">
      <figcaption className="text-sm text-slate-700">{caption}</figcaption>
      <ChartLegend series={series} />
      <HorizontalBarChart rows={rows} series={series} format={format} summary={summary} />
      <TableScroller label={tableCaption}>
        <table className="data-table">
          <caption className="mb-2 text-start text-sm font-semibold text-slate-800">{tableCaption}</caption>
          <TableHead columns={[labelHeader]}>
            {extraHeaders.map((h) => (
              <th key={h} scope="col" className="text-end">
                {h}
              </th>
            ))}
            {series.map((s) => (
              <th key={s.name} scope="col" className="text-end">
                {s.name}
              </th>
            ))}
          </TableHead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row" className="font-normal">
                  {row.cell ?? row.label}
                </th>
                {(row.extra ?? []).map((cell, i) => (
                  <td key={extraHeaders[i] ?? i} className="text-end tabular-nums">
                    {cell}
                  </td>
                ))}
                {row.values.map((v, i) => (
                  <td key={series[i]?.name ?? i} className="whitespace-nowrap text-end tabular-nums">
                    {format(v)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{totalLabel}</th>
              {extraHeaders.map((h) => (
                <td key={h} />
              ))}
              {totals.map((v, i) => (
                <td key={series[i]?.name ?? i} className="whitespace-nowrap text-end font-semibold tabular-nums">
                  {format(v)}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </TableScroller>
    </figure>
  )
}
