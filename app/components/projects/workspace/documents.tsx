import { useFetcher } from '@remix-run/react'
import { useState, type ChangeEvent } from 'react'
import { useTranslation } from '~/utils/i18n-react'
import { DateTime } from '~/components/date-time'
import { ErrorList } from '~/components/forms'
import type { ProjectWorkspace } from '~/domain/projects/workspace.server'
import { TableScroll } from './table-scroll'
import { dynamicKey } from '~/utils/i18n'
import { TableHead } from '~/components/table-head'
import { urls } from '~/utils/urls'

/** The domain's limit (documents.server.ts), repeated here because that module is server-only. */
const maxUploadBytes = 10 * 1024 * 1024

/** What the file picker offers; the server still checks each file by its content. */
export const acceptedFiles = [
  '.pdf',
  '.docx',
  '.xlsx',
  '.pptx',
  '.odt',
  '.ods',
  '.odp',
  '.png',
  '.jpg',
  '.jpeg',
  '.webp',
  '.txt',
  '.csv',
  '.md',
].join(',')

const typeNames: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/png': 'image',
  'image/jpeg': 'image',
  'image/webp': 'image',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'text',
  'application/vnd.oasis.opendocument.text': 'text',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'spreadsheet',
  'application/vnd.oasis.opendocument.spreadsheet': 'spreadsheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'slides',
  'application/vnd.oasis.opendocument.presentation': 'slides',
  'text/plain': 'plain',
  'text/csv': 'csv',
  'text/markdown': 'plain',
}

export function useFileSize() {
  const { i18n } = useTranslation()
  return (bytes: number) => {
    const [value, unit] = bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), 'megabyte'] : [Math.max(1, Math.round(bytes / 1024)), 'kilobyte']
    return new Intl.NumberFormat(i18n.language || 'en', { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value)
  }
}

/**
 * The file input with its limits spelled out, and the error of the last attempt tied to it. With JavaScript a
 * file over the limit is refused before it is sent (the server refuses it too).
 */
export function UploadFields({ error, busy }: { error?: string; busy: boolean }) {
  const { t } = useTranslation()
  const [tooLarge, setTooLarge] = useState(false)
  const shown = tooLarge ? 'projects.fileTooLarge' : error
  const checkSize = (event: ChangeEvent<HTMLInputElement>) => {
    const large = (event.currentTarget.files?.[0]?.size ?? 0) > maxUploadBytes
    event.currentTarget.setCustomValidity(large ? t('projects.fileTooLarge') : '')
    setTooLarge(large)
  }
  return (
    <>
      <div>
        <label htmlFor="document-file" className="label">
          {t('workspace.documents.file')}
        </label>
        <input
          id="document-file"
          name="file"
          type="file"
          required
          accept={acceptedFiles}
          onChange={checkSize}
          className="mt-1 block w-full text-sm text-slate-800 file:me-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-100"
          aria-describedby={`document-file-hint${shown ? ' document-file-error' : ''}`}
          aria-invalid={shown ? true : undefined}
        />
        <p id="document-file-hint" className="hint">
          {t('workspace.documents.hint')}
        </p>
        <ErrorList id="document-file-error" errors={shown ? [shown] : undefined} />
      </div>
      <button type="submit" className="btn-secondary" disabled={busy}>
        {busy ? t('workspace.documents.uploading') : t('workspace.documents.upload')}
      </button>
    </>
  )
}

/** Uploads without leaving the workspace; a fresh fetcher per document added, so an old error does not linger. */
function UploadForm({ projectId }: { projectId: string }) {
  const { t } = useTranslation()
  const fetcher = useFetcher<{ error: string }>()
  return (
    <fetcher.Form
      method="post"
      action={urls.projectDocuments(projectId)}
      encType="multipart/form-data"
      className="space-y-3 border-t border-slate-100 pt-4"
      aria-labelledby="upload-title"
    >
      <h3 id="upload-title" className="text-base font-semibold">
        {t('workspace.documents.add')}
      </h3>
      <UploadFields error={fetcher.data?.error} busy={fetcher.state !== 'idle'} />
    </fetcher.Form>
  )
}

/** The workspace's shared files, newest first, each downloaded through the parties-only route. */
export function DocumentsSection({ projectId, workspace, canUpload }: { projectId: string; workspace: ProjectWorkspace; canUpload: boolean }) {
  const { t } = useTranslation()
  const fileSize = useFileSize()
  const milestoneTitles = new Map(workspace.milestones.map((m) => [m.id as string, m.title]))
  return (
    <section id="documents" aria-labelledby="documents-title" className="card space-y-5">
      <h2 id="documents-title">{t('workspace.documents.title')}</h2>
      {workspace.documents.length === 0 ? (
        <p className="text-sm text-slate-600">{t('workspace.documents.none')}</p>
      ) : (
        <TableScroll captionId="documents-caption">
          <table className="data-table">
            <caption id="documents-caption" className="sr-only">{t('workspace.documents.caption')}</caption>
            <TableHead columns={[t('workspace.documents.columns.name'), t('workspace.documents.columns.type'), { label: t('workspace.documents.columns.size'), numeric: true }, t('workspace.documents.columns.by'), t('workspace.documents.columns.added')]} />
            <tbody>
              {workspace.documents.map((d) => {
                const milestone = d.milestoneId ? milestoneTitles.get(d.milestoneId) : undefined
                const kind = typeNames[d.mediaType]
                return (
                  <tr key={d.id}>
                    <td className="min-w-48 break-all">
                      <a href={urls.projectDocument(projectId, d.id)} download>
                        {d.fileName}
                      </a>
                      {milestone ? <p className="mt-0.5 break-normal text-xs text-slate-600">{t('workspace.documents.evidenceFor', { milestone })}</p> : null}
                    </td>
                    <td>{kind ? t(dynamicKey(`workspace.documents.types.${kind}`)) : d.mediaType}</td>
                    <td className="whitespace-nowrap text-end tabular-nums">{fileSize(d.size)}</td>
                    <td>{d.uploadedBy ?? t('workspace.formerUser')}</td>
                    <td className="whitespace-nowrap">
                      <DateTime value={d.createdAt} dateOnly />
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
      {canUpload ? <UploadForm key={workspace.documents.length} projectId={projectId} /> : null}
    </section>
  )
}
