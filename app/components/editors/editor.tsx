import { getFormProps, useForm, type DefaultValue, type FormMetadata, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, Link } from '@remix-run/react'
import { useIsPending } from '~/utils/use-is-pending'
import type { ReactNode } from 'react'
import type { z } from 'zod'
import type { VocabularyOptions } from '~/domain/vocabulary/options.server'
import { FormErrors } from '~/components/forms'

/*
 * Each entity has one editor, used by its "new" and its "edit" route alike (the Epic Stack's note-editor): the
 * component lives in app/components/editors/, its server half (access, loading, saving) in app/http/, so neither
 * is mistaken for a route by the file-system routing.
 */

/** The page around every editor: the way back, the title, an optional lead and notice, and the form in a card. */
export function EditorPage({
  back,
  title,
  lead,
  notice,
  children,
}: {
  back: { to: string; label: string }
  title: string
  lead?: string
  notice?: ReactNode
  children: ReactNode
}) {
  return (
    <div className="space-y-6">
      <header>
        <p className="text-sm">
          <Link to={back.to}>← {back.label}</Link>
        </p>
        <h1 className="mt-2">{title}</h1>
        {lead ? <p className="mt-2 max-w-3xl text-slate-700">{lead}</p> : null}
      </header>
      {notice}
      <div className="card">{children}</div>
    </div>
  )
}

export interface EditorFormProps<Values> {
  id: string
  lastResult?: SubmissionResult<string[]> | null
  defaultValue?: DefaultValue<Values>
}

/** The form of a request or an offer, as both its new and its edit page show it. */
export interface CatalogueFormProps<Values> extends EditorFormProps<Values> {
  options: VocabularyOptions
  submitLabel: string
  saveDraftLabel?: string
}

/** Conform as every editor uses it: the domain's schema gives the constraints and checks each field on blur. */
export function useEditorForm<Values extends Record<string, unknown>>(schema: z.ZodType, { id, lastResult, defaultValue }: EditorFormProps<Values>) {
  return useForm<Values>({
    id,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    // The schema's output (numbers, lists) differs from the form's strings; only its errors matter here.
    onValidate: ({ formData }) => parseWithZod(formData, { schema }) as never,
  })
}

/**
 * The form of an editor: errors above it, its sections, then the main button (its `intent` says what it does)
 * and, where offered, saving without that step.
 */
export function EditorForm<Values extends Record<string, unknown>>({
  form,
  alert,
  primary,
  saveLabel,
  children,
}: {
  form: FormMetadata<Values, string[]>
  /** The sentence that says the form has errors, when it has. */
  alert: string | null
  primary: { intent: string; label: string }
  saveLabel?: string
  children: ReactNode
}) {
  const busy = useIsPending()
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-8">
      <FormErrors id={form.errorId} errors={form.errors} />
      {alert ? (
        <p role="alert" className="text-sm text-red-800">
          {alert}
        </p>
      ) : null}
      {children}
      <div className="flex flex-wrap gap-3 border-t border-slate-200 pt-6">
        <button type="submit" name="intent" value={primary.intent} className="btn-primary" disabled={busy}>
          {primary.label}
        </button>
        {saveLabel ? (
          <button type="submit" name="intent" value="save" className="btn-secondary" disabled={busy}>
            {saveLabel}
          </button>
        ) : null}
      </div>
    </Form>
  )
}
