import { getSelectProps, type FieldMetadata } from '@conform-to/react'
import type { ReactNode } from 'react'
import { Described, describedBy, ErrorList } from './forms'

interface Option {
  value: string
  label: string
}

type ListMeta = FieldMetadata<string[] | undefined> | FieldMetadata<number[] | undefined>

/** What Conform currently holds for a multi-value field, as strings. */
function selectedValues(meta: ListMeta): Set<string> {
  const value = meta.initialValue as unknown
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]
  return new Set(list.map(String))
}

/** A group of checkboxes (one `name`, many values) with its legend, hint and errors. */
export function CheckboxGroup({
  meta,
  legend,
  hint,
  options,
  columns = 2,
}: {
  meta: ListMeta
  legend: string
  hint?: ReactNode
  options: Option[]
  columns?: 1 | 2 | 3
}) {
  const selected = selectedValues(meta)
  const errorId = `${meta.id}-error`
  const hintId = `${meta.id}-hint`
  const grid = columns === 3 ? 'sm:grid-cols-3' : columns === 2 ? 'sm:grid-cols-2' : ''
  return (
    <fieldset aria-describedby={[hint ? hintId : null, meta.errors?.length ? errorId : null].filter(Boolean).join(' ') || undefined}>
      <legend className="label">{legend}</legend>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <div className={`mt-2 grid gap-x-4 gap-y-1.5 ${grid}`}>
        {options.map((option) => {
          const id = `${meta.id}-${option.value}`
          return (
            <div key={option.value} className="flex items-start gap-2 text-sm">
              <input
                id={id}
                type="checkbox"
                name={meta.name}
                value={option.value}
                defaultChecked={selected.has(option.value)}
                className="mt-0.5 size-4 shrink-0 accent-brand-700"
                aria-invalid={meta.errors?.length ? true : undefined}
              />
              <label htmlFor={id}>{option.label}</label>
            </div>
          )
        })}
      </div>
      <ErrorList id={errorId} errors={meta.errors} />
    </fieldset>
  )
}

/** A native multiple select: accessible and usable without JavaScript for long lists (countries, regions). */
export function MultiSelect({
  meta,
  label,
  hint,
  options,
  size = 8,
}: {
  meta: FieldMetadata<string[] | undefined>
  label: string
  hint?: ReactNode
  options: Option[]
  size?: number
}) {
  const props = getSelectProps(meta, { ariaAttributes: true })
  return (
    <div>
      <label htmlFor={meta.id} className="label">
        {label}
      </label>
      <select {...props} key={props.key} multiple size={size} className="input mt-1" aria-describedby={describedBy(meta.id, hint, meta.errors)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Described id={meta.id} hint={hint} errors={meta.errors} />
    </div>
  )
}

/** The GCM's lettered actions, grouped by objective in disclosures so 187 choices stay readable. */
export function ActionPicker({
  meta,
  legend,
  hint,
  objectives,
}: {
  meta: FieldMetadata<string[] | undefined>
  legend: string
  hint?: ReactNode
  objectives: { number: number; shortTitle: string; actions: { code: string; letter: string; text: string }[] }[]
}) {
  const selected = selectedValues(meta)
  return (
    <fieldset aria-describedby={meta.errors?.length ? `${meta.id}-error` : hint ? `${meta.id}-hint` : undefined}>
      <legend className="label">{legend}</legend>
      {hint ? (
        <p id={`${meta.id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <div className="mt-2 space-y-1">
        {objectives.map((objective) => {
          const chosen = objective.actions.filter((a) => selected.has(a.code)).length
          return (
            <details key={objective.number} open={chosen > 0} className="rounded-md border border-slate-200 bg-white">
              <summary className="cursor-pointer px-3 py-2 text-sm font-medium">
                {objective.number}. {objective.shortTitle}
                {chosen > 0 ? <span className="badge ms-2 bg-brand-100 text-brand-900">{chosen}</span> : null}
              </summary>
              <div className="space-y-1.5 px-3 pb-3">
                {objective.actions.map((action) => {
                  const id = `${meta.id}-${action.code.replace('.', '-')}`
                  return (
                    <div key={action.code} className="flex items-start gap-2 text-sm">
                      <input id={id} type="checkbox" name={meta.name} value={action.code} defaultChecked={selected.has(action.code)} className="mt-0.5 size-4 shrink-0 accent-brand-700" />
                      <label htmlFor={id}>
                        <span className="font-medium">{action.code}</span> {action.text}
                      </label>
                    </div>
                  )
                })}
              </div>
            </details>
          )
        })}
      </div>
      <ErrorList id={`${meta.id}-error`} errors={meta.errors} />
    </fieldset>
  )
}

/** A form section with a heading, for long forms. */
export function FormSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-4 border-t border-slate-200 pt-6 first:border-t-0 first:pt-0" aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  )
}
