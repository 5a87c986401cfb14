import {
  data,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { PageHeader } from '~/components/page-header'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useIsPending } from '~/utils/use-is-pending'
import { useTranslation } from '~/utils/i18n-react'
import { UploadFields } from '~/components/projects/workspace/documents'
import { DomainError } from '~/domain/errors'
import { domainErrorText } from '~/http/forms.server'
import { addDocument, maxDocumentBytes, type Upload } from '~/domain/projects/documents.server'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { requestLanguage, requestTranslator } from '~/utils/i18n.server'
import { titleMeta } from '~/utils/meta'
import { requireProjectParty } from '~/http/project-access.server'
import type { I18nHandle } from '~/utils/i18n-page'
import { urls } from '~/utils/urls'

/** The workspace shows the upload form; this page is where a failed upload (or a browser without JavaScript) lands. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectParty(request, params.id)
  const { t } = await requestTranslator(request)
  return { title: t('workspace.documents.pageTitle', { title: project.title }), project: { id: project.id, title: project.title } }
}

type Read = { ok: true; file: Upload } | { ok: false; error: string; status: 400 | 413 }

/** Reads the one file of the form in memory, refusing any part over 10 MB before it is held whole. */
async function readUpload(request: Request): Promise<Read> {
  try {
    const form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: maxDocumentBytes }))
    const file = form.get('file')
    if (!(file instanceof File) || (file.size === 0 && !file.name)) return { ok: false, error: 'workspace.documents.noFile', status: 400 }
    return { ok: true, file: { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } }
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { ok: false, error: 'projects.fileTooLarge', status: 413 }
    // Not multipart (a TypeError), or a malformed or cut-short body: the client's mistake, not a 500.
    if (error instanceof Error) return { ok: false, error: 'workspace.documents.unreadable', status: 400 }
    throw error
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requireProjectParty(request, params.id)
  const upload = await readUpload(request)
  if (!upload.ok) return data({ error: upload.error }, { status: upload.status })
  try {
    await addDocument(db, user, project.id, upload.file)
  } catch (error) {
    if (error instanceof DomainError && error.status !== 403 && error.status !== 404) return data({ error: domainErrorText(error, await requestLanguage(request)) }, { status: error.status })
    if (error instanceof DomainError) throw new Response(error.message, { status: error.status })
    throw error
  }
  return redirectWithFlash(urls.projectWorkspace(project.id, 'documents'), { key: 'workspace.flash.documentAdded' })
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['projects', 'workspace'] }

export default function AddDocumentPage() {
  const { project } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const busy = useIsPending()
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageHeader back={{ to: urls.projectWorkspace(project.id, 'documents'), label: project.title }} title={t('workspace.documents.add')} lead={t('workspace.documents.pageLead')} leadClassName="text-slate-700" />
      <Form method="post" encType="multipart/form-data" className="card space-y-4">
        <UploadFields error={actionData?.error} busy={busy} />
      </Form>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
