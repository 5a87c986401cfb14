import { getInputProps, type FieldMetadata } from '@conform-to/react'
import type { ReactNode } from 'react'
import { Described, describedBy } from '~/components/forms'

/** A money amount in major units, as people type it; its hint and errors are tied to it for screen readers. */
export function AmountField({ meta, label, hint, required = true, className }: { meta: FieldMetadata<string | undefined>; label: string; hint?: ReactNode; required?: boolean; className?: string }) {
  const props = getInputProps(meta, { type: 'number', ariaAttributes: true })
  return (
    <div className={className}>
      <label htmlFor={meta.id} className="label">
        {label}
      </label>
      <input {...props} key={props.key} required={required} min="0" step="0.01" inputMode="decimal" className="input mt-1" aria-describedby={describedBy(meta.id, hint, meta.errors)} />
      <Described id={meta.id} hint={hint} errors={meta.errors} />
    </div>
  )
}
