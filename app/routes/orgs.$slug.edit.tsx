import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { OrganizationForm, OrganizationPageHead, organizationDefaults } from '~/components/organization-form'
import { updateOrganization } from '~/domain/organizations/organizations.server'
import { OrganizationSchema } from '~/domain/organizations/schemas'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { attempt, parseForm } from '~/http/forms.server'
import { requestTranslator } from '~/utils/i18n.server'
import { titleMeta } from '~/utils/meta'
import { requireOrganization } from '~/http/organization-access.server'
import type { I18nHandle } from '~/utils/i18n-page'
import { urls } from '~/utils/urls'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { org } = await requireOrganization(request, params.slug, 'update:organization')
  const { t } = await requestTranslator(request)
  return {
    title: t('organizations.editTitle', { name: org.name }),
    org: { slug: org.slug, name: org.name, type: org.type, country: org.country, website: org.website, description: org.description },
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, org } = await requireOrganization(request, params.slug, 'update:organization')
  const form = await parseForm(request, OrganizationSchema)
  if (!form.ok) return form.response
  const outcome = await attempt(form.submission, () => updateOrganization(db, user, org, form.value))
  if (!outcome.ok) return outcome.response
  return redirectWithFlash(urls.organization(org.slug), { key: 'organizations.saved' })
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['organizationTypes', 'organizations', 'validation'] }

export default function EditOrganization() {
  const { org } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <section className="card" aria-labelledby="page-title">
      <OrganizationPageHead org={org} title={t('organizations.editTitle', { name: org.name })} />
      <OrganizationForm id="edit-organization" lastResult={actionData?.result} defaultValue={organizationDefaults(org)} submitLabel={t('organizations.save')} />
    </section>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
