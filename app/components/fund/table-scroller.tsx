import type { ReactNode } from 'react'

/**
 * A wide table that scrolls sideways on a phone. The scrolling region can take focus (and is named) so keyboard
 * users can scroll it too.
 */
export function TableScroller({ label, children, className = '' }: { label: string; children: ReactNode; className?: string }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={`overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-700 ${className}`}>
      {children}
    </div>
  )
}
