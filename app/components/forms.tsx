import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from '@conform-to/react'
import { useId, type ReactNode } from 'react'
import { useTranslation } from '~/utils/i18n-react'
import { HONEYPOT_FIELD } from '~/utils/honeypot'
import { dynamicKey } from '~/utils/i18n'

/** Validation messages are translation keys; anything else (a server message) is shown as it is. */
function useErrorText() {
  const { t, i18n } = useTranslation()
  return (error: string) => (i18n.exists(error) ? t(dynamicKey(error)) : error)
}

export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  const text = useErrorText()
  const shown = errors?.filter(Boolean) ?? []
  if (shown.length === 0) return null
  return (
    <ul id={id} className="field-error space-y-0.5">
      {shown.map((e) => (
        <li key={e}>{text(e)}</li>
      ))}
    </ul>
  )
}

export function FormErrors({ id, errors }: { id: string; errors?: string[] | null }) {
  const text = useErrorText()
  const shown = errors?.filter(Boolean) ?? []
  if (shown.length === 0) return null
  return (
    <div id={id} role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
      {shown.map((e) => (
        <p key={e}>{text(e)}</p>
      ))}
    </div>
  )
}

interface FieldProps {
  label: string
  hint?: ReactNode
  className?: string
}

/** A field's hint and errors, with the ids its control's `aria-describedby` names (see `describedBy`). */
export function Described({ id, hint, errors }: { id: string; hint?: ReactNode; errors?: string[] }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <ErrorList id={`${id}-error`} errors={errors} />
    </>
  )
}

export function describedBy(id: string, hint: unknown, errors?: string[]) {
  return [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(' ') || undefined
}

export function TextField({
  meta,
  label,
  hint,
  className,
  type = 'text',
  autoComplete,
  inputMode,
}: FieldProps & {
  meta: FieldMetadata<string | undefined>
  type?: 'text' | 'email' | 'password' | 'url'
  autoComplete?: string
  /** The keyboard a phone shows: `numeric` for one-time codes. */
  inputMode?: 'numeric' | 'text'
}) {
  const props = getInputProps(meta, { type, ariaAttributes: true })
  return (
    <div className={className}>
      <label htmlFor={meta.id} className="label">
        {label}
      </label>
      <input
        {...props}
        key={props.key}
        autoComplete={autoComplete}
        inputMode={inputMode}
        className="input mt-1"
        aria-describedby={describedBy(meta.id, hint, meta.errors)}
      />
      <Described id={meta.id} hint={hint} errors={meta.errors} />
    </div>
  )
}

export function TextareaField({ meta, label, hint, className, rows = 4 }: FieldProps & { meta: FieldMetadata<string | undefined>; rows?: number }) {
  const props = getTextareaProps(meta, { ariaAttributes: true })
  return (
    <div className={className}>
      <label htmlFor={meta.id} className="label">
        {label}
      </label>
      <textarea {...props} key={props.key} rows={rows} className="input mt-1" aria-describedby={describedBy(meta.id, hint, meta.errors)} />
      <Described id={meta.id} hint={hint} errors={meta.errors} />
    </div>
  )
}

export function SelectField({
  meta,
  label,
  hint,
  className,
  options,
  placeholder,
}: FieldProps & {
  meta: FieldMetadata<string | undefined>
  options: { value: string; label: string }[]
  placeholder?: string
}) {
  const props = getSelectProps(meta, { ariaAttributes: true })
  return (
    <div className={className}>
      <label htmlFor={meta.id} className="label">
        {label}
      </label>
      <select {...props} key={props.key} className="input mt-1" aria-describedby={describedBy(meta.id, hint, meta.errors)}>
        {placeholder ? <option value="">{placeholder}</option> : null}
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

/** An ISO 4217 code with the usual currencies suggested (any code may be typed). */
export function CurrencyField({ meta, label, currencies }: { meta: FieldMetadata<string | undefined>; label: string; currencies: string[] }) {
  const listId = `${meta.id}-list`
  return (
    <div>
      <label htmlFor={meta.id} className="label">
        {label}
      </label>
      <input
        {...getInputProps(meta, { type: 'text', ariaAttributes: true })}
        list={listId}
        maxLength={3}
        autoComplete="off"
        className="input mt-1 uppercase"
        aria-describedby={describedBy(meta.id, null, meta.errors)}
      />
      <datalist id={listId}>
        {currencies.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <ErrorList id={`${meta.id}-error`} errors={meta.errors} />
    </div>
  )
}

export function DateField({ meta, label }: { meta: FieldMetadata<string | undefined>; label: string }) {
  return (
    <div>
      <label htmlFor={meta.id} className="label">
        {label}
      </label>
      <input {...getInputProps(meta, { type: 'date', ariaAttributes: true })} className="input mt-1" aria-describedby={describedBy(meta.id, null, meta.errors)} />
      <ErrorList id={`${meta.id}-error`} errors={meta.errors} />
    </div>
  )
}

/** Hidden from people (visually and for screen readers), tempting to form-filling bots. */
export function Honeypot() {
  const { t } = useTranslation()
  const id = useId()
  return (
    <div aria-hidden="true" className="absolute -left-[10000px] top-auto h-px w-px overflow-hidden">
      <label htmlFor={id}>{t('common.honeypot')}</label>
      <input id={id} type="text" name={HONEYPOT_FIELD} tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  )
}

/**
 * The language a text is written in: people write in their own language, and pages mark it (`lang`) so screen
 * readers pronounce it and search reads it right. The form starts from the writer's language.
 */
export function ContentLanguageField({ meta, languages }: { meta: FieldMetadata<string | undefined>; languages: { code: string; name: string }[] }) {
  const { t } = useTranslation()
  return (
    <SelectField
      meta={meta}
      label={t('common.contentLanguage')}
      hint={t('common.contentLanguageHint')}
      options={languages.map((l) => ({ value: l.code, label: l.name }))}
    />
  )
}
