import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { EditorPage } from '~/components/editors/editor'
import { ProfileForm } from '~/components/organization-profile'
import { ProfileSchema } from '~/domain/organizations/profile-schema'
import { profileFormValues, profileOf, saveProfile } from '~/domain/organizations/profiles.server'
import { vocabularyOptions } from '~/domain/vocabulary/options.server'
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
  const { t, locale } = await requestTranslator(request)
  return {
    title: t('organizations.profile.title', { name: org.name }),
    org: { slug: org.slug, name: org.name },
    values: profileFormValues(await profileOf(db, org.id)),
    options: vocabularyOptions(locale),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, org } = await requireOrganization(request, params.slug, 'update:organization')
  const form = await parseForm(request, ProfileSchema)
  if (!form.ok) return form.response
  const outcome = await attempt(form.submission, () => saveProfile(db, user, org, form.value))
  if (!outcome.ok) return outcome.response
  return redirectWithFlash(urls.organization(org.slug), { key: 'organizations.profile.saved' })
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['organizations', 'supportTypes', 'validation'] }

export default function OrganizationProfilePage() {
  const { org, values, options } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <EditorPage back={{ to: urls.organization(org.slug), label: org.name }} title={t('organizations.profile.title', { name: org.name })} lead={t('organizations.profile.lead')}>
      <ProfileForm options={options} lastResult={actionData?.result} defaultValue={values} />
    </EditorPage>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
