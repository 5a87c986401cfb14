import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { OfferEditor } from '~/components/editors/offer-editor'
import { offerToEdit, offerEditorData, saveOffer } from '~/http/offer-editor.server'
import { titleMeta } from '~/utils/meta'
import type { I18nHandle } from '~/utils/i18n-page'

export async function loader({ request, params }: LoaderFunctionArgs) {
  return offerEditorData(request, await offerToEdit(request, params.id))
}

export async function action({ request, params }: ActionFunctionArgs) {
  return saveOffer(request, await offerToEdit(request, params.id))
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['dashboard', 'offerKinds', 'offers', 'requests', 'supportTypes', 'validation'] }

export default function EditOffer() {
  const { start, options } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return <OfferEditor start={start} options={options} lastResult={actionData?.result} />
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
