import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { PracticeEditor } from '~/components/editors/practice-editor'
import { newPractice, practiceEditorData, savePractice } from '~/http/practice-editor.server'
import { titleMeta } from '~/utils/meta'
import type { I18nHandle } from '~/utils/i18n-page'

export async function loader({ request, params }: LoaderFunctionArgs) {
  return practiceEditorData(request, await newPractice(request, params.slug))
}

export async function action({ request, params }: ActionFunctionArgs) {
  return savePractice(request, await newPractice(request, params.slug))
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['practices', 'validation'] }

export default function NewPractice() {
  const { start, options } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return <PracticeEditor start={start} options={options} lastResult={actionData?.result} />
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
