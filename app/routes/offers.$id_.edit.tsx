import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { z } from 'zod'
import type { OfferId } from '#db/schema/index'
import { OfferForm } from '~/components/offer-form'
import { offerFormValues } from '~/domain/offers/form-values'
import { offerForReader, updateOffer } from '~/domain/offers/offers.server'
import { OfferSchema } from '~/domain/offers/schemas'
import { vocabularyOptions } from '~/domain/vocabulary/options.server'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { attempt, parseForm } from '~/http/forms.server'
import { requestTranslator } from '~/utils/i18n.server'
import { titleMeta } from '~/utils/meta'
import { requireUser } from '~/http/session.server'
import type { I18nHandle } from '~/utils/i18n-page'

async function editable(request: Request, rawId: string | undefined) {
  const user = await requireUser(request)
  const id = z.uuid().safeParse(rawId)
  if (!id.success) throw new Response('Not found', { status: 404 })
  const found = await offerForReader(db, user, id.data as OfferId)
  if (!found) throw new Response('Not found', { status: 404 })
  if (!found.ownSide) throw new Response('Forbidden', { status: 403 })
  if (found.offer.status === 'closed') throw new Response('A closed offer cannot be edited.', { status: 409 })
  return { user, found }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { found } = await editable(request, params.id)
  const { t, locale } = await requestTranslator(request)
  return { title: t('offers.editTitle'), id: found.offer.id, values: offerFormValues(found.offer), options: vocabularyOptions(locale) }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, found } = await editable(request, params.id)
  const form = await parseForm(request, OfferSchema)
  if (!form.ok) return form.response
  const outcome = await attempt(form.submission, () => updateOffer(db, user, found.offer.id, form.value))
  if (!outcome.ok) return outcome.response
  return redirectWithFlash(`/offers/${found.offer.id}`, { key: 'offers.saved' })
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['offerKinds', 'offers', 'requests', 'supportTypes', 'validation'] }

export default function EditOffer() {
  const { id, values, options } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <header>
        <p className="text-sm">
          <Link to={`/offers/${id}`}>← {values.title}</Link>
        </p>
        <h1 className="mt-2">{t('offers.editTitle')}</h1>
      </header>
      <div className="card">
        <OfferForm id="edit-offer" options={options} lastResult={actionData?.result} defaultValue={values} submitLabel={t('offers.saveChanges')} />
      </div>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
