import { getFormProps, getInputProps, getTextareaProps, type FieldMetadata } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useIsPending } from '~/utils/use-is-pending'
import { useTranslation } from '~/utils/i18n-react'
import { z } from 'zod'
import { ErrorList, FormErrors, TextareaField } from '~/components/forms'
import { EvidenceSchema, WaiveSchema } from '~/domain/projects/schemas'
import { InvalidSummary } from './invalid-summary'
import { type Reply } from './reply'
import { useSchemaForm } from '~/components/use-schema-form'

/** documents.server.ts keeps at most 10 MB; checked here too so a browser with JavaScript need not send a file in vain. */
const maxFileBytes = 10 * 1024 * 1024
const acceptedFiles = '.pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp,.png,.jpg,.jpeg,.webp,.txt,.csv,.md'

const EvidenceFormSchema = EvidenceSchema.extend({
  file: z
    .custom<File>((value) => typeof File !== 'undefined' && value instanceof File)
    .refine((file) => file.size <= maxFileBytes, 'projects.fileTooLarge')
    .optional(),
})

export function StartMilestoneForm({ reply }: { reply: Reply }) {
  const { t } = useTranslation()
  const busy = useIsPending({ intent: 'start', state: 'non-idle' })
  const errors = Object.values(reply?.error ?? {}).flatMap((e) => e ?? [])
  return (
    <section aria-labelledby="start-title" className="card space-y-3">
      <h2 id="start-title">{t('reporting.milestone.start.title')}</h2>
      <p className="text-sm text-slate-700">{t('reporting.milestone.start.lead')}</p>
      <FormErrors id="start-errors" errors={errors} />
      <Form method="post">
        <input type="hidden" name="intent" value="start" />
        <button type="submit" className="btn-secondary" disabled={busy}>
          {t('reporting.milestone.start.button')}
        </button>
      </Form>
    </section>
  )
}

/** The schema checks each line as a web address (`links[2]`): their messages belong under the one textarea. */
const linkErrors = (all: Record<string, string[]>) => [...new Set(Object.entries(all).flatMap(([name, errors]) => (name === 'links' || name.startsWith('links[') ? errors : [])))]

function LinksField({ meta, errors }: { meta: FieldMetadata<string>; errors: string[] }) {
  const { t } = useTranslation()
  const props = getTextareaProps(meta)
  return (
    <div>
      <label htmlFor={meta.id} className="label">
        {t('reporting.milestone.submit.links')}
      </label>
      <textarea
        {...props}
        key={props.key}
        rows={3}
        className="input mt-1"
        aria-invalid={errors.length ? true : undefined}
        aria-describedby={[`${meta.id}-hint`, errors.length ? `${meta.id}-error` : null].filter(Boolean).join(' ')}
      />
      <p id={`${meta.id}-hint`} className="hint">
        {t('reporting.milestone.submit.linksHint')}
      </p>
      <ErrorList id={`${meta.id}-error`} errors={errors} />
    </div>
  )
}

/** The implementer hands the milestone in: what was delivered, links, and optionally one file (multipart). */
export function EvidenceForm({ reply, again, defaultValue }: { reply: Reply; again: boolean; defaultValue: { evidence: string; links: string } }) {
  const { t } = useTranslation()
  const busy = useIsPending({ intent: 'submit', state: 'non-idle' })
  const [form, fields] = useSchemaForm<{ intent: string; evidence: string; links: string; file: File }>(EvidenceFormSchema, { id: 'evidence', lastResult: reply, defaultValue })
  const file = fields.file
  const fileDescribedBy = [`${file.id}-hint`, file.errors?.length ? `${file.id}-error` : null].filter(Boolean).join(' ')
  return (
    <section aria-labelledby="submit-title" className="card space-y-4">
      <div className="space-y-1">
        <h2 id="submit-title">{again ? t('reporting.milestone.submit.titleAgain') : t('reporting.milestone.submit.title')}</h2>
        <p className="text-sm text-slate-700">{t('reporting.milestone.submit.lead')}</p>
      </div>
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="space-y-5">
        <input type="hidden" name="intent" value="submit" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <InvalidSummary errors={form.allErrors} />
        <TextareaField meta={fields.evidence} label={t('reporting.milestone.submit.evidence')} hint={t('reporting.milestone.submit.evidenceHint')} rows={6} />
        <LinksField meta={fields.links} errors={linkErrors(form.allErrors)} />
        <div>
          <label htmlFor={file.id} className="label">
            {t('reporting.milestone.submit.file')}
          </label>
          <input
            {...getInputProps(file, { type: 'file', ariaAttributes: true })}
            accept={acceptedFiles}
            className="mt-1 block w-full text-sm text-slate-800 file:me-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-100"
            aria-describedby={fileDescribedBy}
          />
          <p id={`${file.id}-hint`} className="hint">
            {t('reporting.milestone.submit.fileHint')}
          </p>
          <ErrorList id={`${file.id}-error`} errors={file.errors} />
        </div>
        <button type="submit" className="btn-primary" disabled={busy}>
          {t('reporting.milestone.submit.button')}
        </button>
      </Form>
    </section>
  )
}

/** The secretariat waives a milestone that no longer applies, saying why. */
export function WaiveForm({ reply }: { reply: Reply }) {
  const { t } = useTranslation()
  const busy = useIsPending({ intent: 'waive', state: 'non-idle' })
  const [form, fields] = useSchemaForm<{ intent: string; reason: string }>(WaiveSchema, { id: 'waive', lastResult: reply })
  return (
    <section aria-labelledby="waive-title" className="card space-y-4">
      <div className="space-y-1">
        <h2 id="waive-title">{t('reporting.milestone.waive.title')}</h2>
        <p className="text-sm text-slate-700">{t('reporting.milestone.waive.lead')}</p>
      </div>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <input type="hidden" name="intent" value="waive" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <InvalidSummary errors={form.allErrors} />
        <TextareaField meta={fields.reason} label={t('reporting.fields.reason')} hint={t('reporting.milestone.waive.reasonHint')} rows={3} />
        <button type="submit" className="btn-danger" disabled={busy}>
          {t('reporting.milestone.waive.button')}
        </button>
      </Form>
    </section>
  )
}
