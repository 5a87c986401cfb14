import type { ReactNode } from 'react'

/**
 * A wide table scrolls sideways on a phone; the scrolling box is focusable (keyboard users can scroll it) and
 * named after the table's caption.
 */
export function TableScroll({ captionId, children }: { captionId: string; children: ReactNode }) {
  return (
    <div role="region" aria-labelledby={captionId} tabIndex={0} className="overflow-x-auto rounded-sm">
      {children}
    </div>
  )
}
