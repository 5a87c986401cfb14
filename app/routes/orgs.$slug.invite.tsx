import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useIsPending } from '~/utils/use-is-pending'
import { OrganizationPageHead } from '~/components/organization-form'
import { useTranslation } from '~/utils/i18n-react'
import { FormErrors, SelectField, TextField } from '~/components/forms'
import { inviteMember } from '~/domain/organizations/members.server'
import { InviteSchema } from '~/domain/organizations/schemas'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { attempt, parseForm } from '~/http/forms.server'
import { publicOrigin } from '~/utils/env.server'
import { requestTranslator } from '~/utils/i18n.server'
import { titleMeta } from '~/utils/meta'
import { requireOrganization } from '~/http/organization-access.server'
import type { I18nHandle } from '~/utils/i18n-page'
import { urls } from '~/utils/urls'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { org } = await requireOrganization(request, params.slug, 'invite:member')
  const { t } = await requestTranslator(request)
  // Until the secretariat has verified the organisation the page says why instead of offering the form.
  return { title: t('organizations.invite'), org: { slug: org.slug, name: org.name }, verified: org.verificationStatus === 'verified' }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, org } = await requireOrganization(request, params.slug, 'invite:member')
  const form = await parseForm(request, InviteSchema)
  if (!form.ok) return form.response
  const { locale } = await requestTranslator(request)
  const outcome = await attempt(form.submission, () => inviteMember(db, user, org, form.value, { origin: publicOrigin(), locale }))
  if (!outcome.ok) return outcome.response
  return redirectWithFlash(urls.organization(org.slug), { key: 'organizations.invited', values: { email: form.value.email } })
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['auth', 'organizationTypes', 'organizations', 'roles', 'validation'] }

export default function InviteMember() {
  const { org, verified } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const busy = useIsPending()
  const [form, fields] = useForm({
    id: 'invite-member',
    lastResult: actionData?.result,
    defaultValue: { role: 'member' },
    constraint: getZodConstraint(InviteSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteSchema }),
  })
  return (
    <section className="card" aria-labelledby="page-title">
      <OrganizationPageHead org={org} title={t('organizations.invite')} />
      {verified ? (
        <Form method="post" {...getFormProps(form)} className="max-w-md space-y-4">
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField meta={fields.email} label={t('auth.email')} type="email" autoComplete="off" />
          <SelectField
            meta={fields.role}
            label={t('organizations.role')}
            options={(['member', 'admin'] as const).map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          />
          <button type="submit" className="btn-primary" disabled={busy}>
            {t('organizations.inviteSubmit')}
          </button>
        </Form>
      ) : (
        <p className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">{t('organizations.inviteNeedsVerification')}</p>
      )}
    </section>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
