import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { OrganizationForm } from '~/components/organization-form'
import { createOrganization } from '~/domain/organizations/organizations.server'
import { OrganizationSchema } from '~/domain/organizations/schemas'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { attempt, parseForm } from '~/http/forms.server'
import { requestTranslator } from '~/utils/i18n.server'
import { titleMeta } from '~/utils/meta'
import { requireUser } from '~/http/session.server'
import type { I18nHandle } from '~/utils/i18n-page'
import { urls } from '~/utils/urls'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const { t } = await requestTranslator(request)
  return { title: t('organizations.createTitle'), emailVerified: Boolean(user.emailVerifiedAt) }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const form = await parseForm(request, OrganizationSchema)
  if (!form.ok) return form.response
  const outcome = await attempt(form.submission, () => createOrganization(db, user, form.value))
  if (!outcome.ok) return outcome.response
  return redirectWithFlash(urls.organization(outcome.value.slug), { key: 'organizations.created' })
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['organizationTypes', 'organizations', 'validation'] }

export default function NewOrganization() {
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <section className="card" aria-labelledby="page-title">
      <h1 id="page-title">{t('organizations.createTitle')}</h1>
      <p className="mb-6 mt-2 text-slate-700">{t('organizations.lead')}</p>
      <OrganizationForm id="create-organization" lastResult={actionData?.result} submitLabel={t('organizations.createSubmit')} />
    </section>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
