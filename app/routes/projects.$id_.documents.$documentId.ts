import type { LoaderFunctionArgs } from '@remix-run/node'
import type { DocumentId, ProjectId } from '#db/schema/index'
import { documentForParty } from '~/domain/projects/documents.server'
import { db } from '~/utils/db.server'
import { orErrorPage } from '~/http/forms.server'
import { idParam } from '~/http/project-access.server'
import { requireUser } from '~/http/session.server'

/** RFC 5987: percent-encode everything but attr-char, so any file name survives the header. */
const encodeFileName = (name: string) => encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

/**
 * A workspace document, for the project's parties only. Always a download, never rendered by the browser in
 * the Hub's origin: the type is the one read from the content at upload, sniffing is off and, should it be
 * opened anyway, it runs sandboxed.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const projectId = idParam<ProjectId>(params.id)
  const documentId = idParam<DocumentId>(params.documentId)
  const doc = await orErrorPage(() => documentForParty(db, user, projectId, documentId))
  // The driver gives a fresh Uint8Array over its own ArrayBuffer (see db/schema/types.ts).
  return new Response(doc.content as Uint8Array<ArrayBuffer>, {
    headers: {
      'Content-Type': doc.mediaType,
      'Content-Length': String(doc.content.byteLength),
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeFileName(doc.fileName)}`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
      'Content-Security-Policy': 'sandbox',
    },
  })
}
