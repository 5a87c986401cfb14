import type { ReactNode } from 'react'

/** A wide table that scrolls sideways on small screens; focusable so keyboard users can scroll it too. */
export function ScrollRegion({ label, className = '', children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={`overflow-x-auto ${className}`}>
      {children}
    </div>
  )
}
