import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { RequestEditor } from '~/components/editors/request-editor'
import { requestToEdit, requestEditorData, saveRequest } from '~/http/request-editor.server'
import { titleMeta } from '~/utils/meta'
import type { I18nHandle } from '~/utils/i18n-page'

export async function loader({ request, params }: LoaderFunctionArgs) {
  return requestEditorData(request, await requestToEdit(request, params.id))
}

export async function action({ request, params }: ActionFunctionArgs) {
  return saveRequest(request, await requestToEdit(request, params.id))
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['dashboard', 'requests', 'supportTypes', 'validation'] }

export default function EditRequest() {
  const { start, options } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return <RequestEditor start={start} options={options} lastResult={actionData?.result} />
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
