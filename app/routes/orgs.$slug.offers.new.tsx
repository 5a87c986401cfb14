import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { OfferForm } from '~/components/offer-form'
import { assertCanOfferFor, createOffer } from '~/domain/offers/offers.server'
import { OfferSchema } from '~/domain/offers/schemas'
import { vocabularyOptions } from '~/domain/vocabulary/options.server'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { attempt, orErrorPage, parseForm } from '~/http/forms.server'
import { requestTranslator } from '~/utils/i18n.server'
import { titleMeta } from '~/utils/meta'
import { requireOrganization } from '~/http/organization-access.server'
import type { I18nHandle } from '~/utils/i18n-page'

async function requireOfferingOrganization(request: Request, slug: string | undefined) {
  const { user, org } = await requireOrganization(request, slug, 'read:organization')
  await orErrorPage(() => assertCanOfferFor(db, user, org))
  return { user, org }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { org } = await requireOfferingOrganization(request, params.slug)
  const { t, locale } = await requestTranslator(request)
  return {
    title: t('offers.newTitle'),
    org: { slug: org.slug, name: org.name, type: org.type },
    options: vocabularyOptions(locale),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, org } = await requireOfferingOrganization(request, params.slug)
  const form = await parseForm(request, OfferSchema)
  if (!form.ok) return form.response
  const publish = form.formData.get('intent') === 'publish'
  const outcome = await attempt(form.submission, () => createOffer(db, user, org, form.value, publish))
  if (!outcome.ok) return outcome.response
  return redirectWithFlash(`/offers/${outcome.value}`, { key: publish ? 'offers.publishedFlash' : 'offers.created' })
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['dashboard', 'offerKinds', 'offers', 'requests', 'supportTypes', 'validation'] }

export default function NewOffer() {
  const { org, options } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t, i18n } = useTranslation()
  const kind = org.type === 'philanthropy' ? 'financing' : 'expertise'
  return (
    <div className="space-y-6">
      <header>
        <p className="text-sm">
          <Link to="/dashboard">← {t('dashboard.title')}</Link>
        </p>
        <h1 className="mt-2">{t('offers.newTitle')}</h1>
        <p className="mt-2 max-w-3xl text-slate-700">{t('offers.newLead', { organization: org.name })}</p>
      </header>
      <div className="card">
        <OfferForm
          id="new-offer"
          options={options}
          lastResult={actionData?.result}
          defaultValue={{ kind, languages: [i18n.language], language: i18n.language }}
          submitLabel={t('offers.publishNow')}
          saveDraftLabel={t('offers.saveDraft')}
        />
      </div>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
