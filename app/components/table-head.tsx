import type { ReactNode } from 'react'

/** One column heading; amounts and counts are `numeric` and line up at the end (the left in right-to-left scripts). */
export type Column = ReactNode | { label: ReactNode; numeric: true }

const isNumeric = (column: Column): column is { label: ReactNode; numeric: true } => typeof column === 'object' && column !== null && 'numeric' in column

/** A data table's column headings, each a `th scope="col"`; `children` adds cells that need more than a label. */
export function TableHead({ columns, children }: { columns: readonly Column[]; children?: ReactNode }) {
  return (
    <thead>
      <tr>
        {columns.map((column, n) =>
          isNumeric(column) ? (
            <th key={n} scope="col" className="text-end">
              {column.label}
            </th>
          ) : (
            <th key={n} scope="col">
              {column}
            </th>
          ),
        )}
        {children}
      </tr>
    </thead>
  )
}
