import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, Link } from '@remix-run/react'
import { useIsPending } from '~/utils/use-is-pending'
import { useTranslation } from '~/utils/i18n-react'
import { organizationTypes } from '#db/schema/enum-values'
import { OrganizationSchema } from '~/domain/organizations/schemas'
import { FormErrors, SelectField, TextareaField, TextField } from './forms'
import { urls } from '~/utils/urls'

export interface OrganizationValues {
  name?: string
  type?: string
  country?: string
  website?: string
  description?: string
}

/** Database rows carry nulls; form defaults want absent values. */
export function organizationDefaults(org: Record<keyof OrganizationValues, string | null>): OrganizationValues {
  return Object.fromEntries(Object.entries(org).map(([k, v]) => [k, v ?? undefined]))
}

export function OrganizationForm({
  id,
  lastResult,
  defaultValue,
  submitLabel,
}: {
  id: string
  lastResult?: SubmissionResult<string[]> | null
  defaultValue?: OrganizationValues
  submitLabel: string
}) {
  const { t } = useTranslation()
  const busy = useIsPending()
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(OrganizationSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OrganizationSchema }),
  })
  return (
    <Form method="post" {...getFormProps(form)} className="max-w-xl space-y-4">
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField meta={fields.name} label={t('organizations.name')} autoComplete="organization" />
      <SelectField
        meta={fields.type}
        label={t('organizations.type')}
        placeholder={t('organizations.chooseType')}
        options={organizationTypes.map((type) => ({ value: type, label: t(`organizationTypes.${type}`) }))}
      />
      <TextField meta={fields.country} label={t('organizations.country')} hint={t('organizations.countryHint')} />
      <TextField meta={fields.website} label={t('organizations.website')} type="url" autoComplete="url" />
      <TextareaField meta={fields.description} label={t('organizations.description')} />
      <button type="submit" className="btn-primary" disabled={busy}>
        {submitLabel}
      </button>
    </Form>
  )
}

/** The head of a page about one organisation: the way back to it, and what the page does. */
export function OrganizationPageHead({ org, title }: { org: { slug: string; name: string }; title: string }) {
  return (
    <>
      <p className="text-sm">
        <Link to={urls.organization(org.slug)}>← {org.name}</Link>
      </p>
      <h1 id="page-title" className="mb-6 mt-2">
        {title}
      </h1>
    </>
  )
}
