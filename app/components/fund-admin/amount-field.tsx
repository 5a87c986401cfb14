import { getInputProps, type FieldMetadata } from '@conform-to/react'
import type { ReactNode } from 'react'
import { ErrorList } from '~/components/forms'

/** A money amount in major units, as people type it; its hint and errors are tied to it for screen readers. */
export function AmountField({ meta, label, hint, required = true, className }: { meta: FieldMetadata<string | undefined>; label: string; hint?: ReactNode; required?: boolean; className?: string }) {
  const props = getInputProps(meta, { type: 'number', ariaAttributes: true })
  const describedBy = [hint ? `${meta.id}-hint` : null, meta.errors?.length ? `${meta.id}-error` : null].filter(Boolean).join(' ') || undefined
  return (
    <div className={className}>
      <label htmlFor={meta.id} className="label">
        {label}
      </label>
      <input {...props} key={props.key} required={required} min="0" step="0.01" inputMode="decimal" className="input mt-1" aria-describedby={describedBy} />
      {hint ? (
        <p id={`${meta.id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <ErrorList id={`${meta.id}-error`} errors={meta.errors} />
    </div>
  )
}
