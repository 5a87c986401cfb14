import type { ReactNode } from 'react'

/**
 * A long table folded under a summary line. The browser does no style or layout work for a closed <details>, which
 * keeps the dashboards light on a phone's first load; the table stays in the page (find-in-page and a link to its
 * anchor open it), and the server opens it when the reader has just asked for it (a region, a sort).
 */
export function FoldedTable({ summary, open, children }: { summary: string; open: boolean; children: ReactNode }) {
  return (
    <details open={open} className="group">
      <summary className="cursor-pointer list-none py-1 font-medium text-brand-700 hover:underline [&::-webkit-details-marker]:hidden">
        <span aria-hidden="true" className="me-2 inline-block group-open:rotate-90 rtl:-scale-x-100">
          ›
        </span>
        {summary}
      </summary>
      <div className="mt-2">{children}</div>
    </details>
  )
}
