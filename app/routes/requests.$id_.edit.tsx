import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { z } from 'zod'
import type { RequestId } from '#db/schema/index'
import { RequestForm } from '~/components/request-form'
import { requestFormValues } from '~/domain/requests/form-values'
import { requestForReader, requestIsEditable, updateRequest } from '~/domain/requests/requests.server'
import { RequestSchema } from '~/domain/requests/schemas'
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
  const found = await requestForReader(db, user, id.data as RequestId)
  if (!found) throw new Response('Not found', { status: 404 })
  if (!found.ownSide) throw new Response('Forbidden', { status: 403 })
  if (!requestIsEditable(found.request.status)) throw new Response('This request can no longer be edited.', { status: 409 })
  return { user, found }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { found } = await editable(request, params.id)
  const { t, locale } = await requestTranslator(request)
  return {
    title: t('requests.editTitle'),
    id: found.request.id,
    values: requestFormValues(found.request),
    options: vocabularyOptions(locale),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, found } = await editable(request, params.id)
  const form = await parseForm(request, RequestSchema)
  if (!form.ok) return form.response
  const outcome = await attempt(form.submission, () => updateRequest(db, user, found.request.id, form.value))
  if (!outcome.ok) return outcome.response
  return redirectWithFlash(`/requests/${found.request.id}`, { key: 'requests.saved' })
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['requests', 'supportTypes', 'validation'] }

export default function EditRequest() {
  const { id, values, options } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <header>
        <p className="text-sm">
          <Link to={`/requests/${id}`}>← {values.title}</Link>
        </p>
        <h1 className="mt-2">{t('requests.editTitle')}</h1>
      </header>
      <div className="card">
        <RequestForm id="edit-request" options={options} lastResult={actionData?.result} defaultValue={values} submitLabel={t('requests.saveChanges')} />
      </div>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
