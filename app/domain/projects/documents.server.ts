import { createHash } from 'node:crypto'
import { and, desc, eq } from 'drizzle-orm'
import { fileTypeFromBuffer } from 'file-type'
import { projectDocuments, users, type DocumentId, type MilestoneId, type ProjectId } from '#db/schema/index'
import { recordAudit } from '~/utils/audit.server'
import type { Db } from '~/utils/db.server'
import type { SessionUser } from '../accounts/sessions.server'
import { DomainError, notFound } from '../errors'
import { accessTo, lockProjectFor } from './access.server'

export const maxDocumentBytes = 10 * 1024 * 1024

/** What the Hub keeps: documents, spreadsheets, slides, images and plain text, recognised by their bytes. */
const allowedTypes = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
])
const textTypes: Record<string, string> = { txt: 'text/plain', csv: 'text/csv', md: 'text/markdown' }

export interface Upload {
  name: string
  bytes: Uint8Array
}

const invalidFile = (code: 'fileEmpty' | 'fileTooLarge' | 'fileType', message: string) => new DomainError(`projects.${code}`, message, 422, 'file')

/** The media type read from the file's content (never from its name or the browser's claim). */
export async function checkedMediaType(file: Upload) {
  if (file.bytes.byteLength === 0) throw invalidFile('fileEmpty', 'The file is empty.')
  if (file.bytes.byteLength > maxDocumentBytes) throw invalidFile('fileTooLarge', 'The file is larger than 10 MB.')
  const detected = await fileTypeFromBuffer(file.bytes)
  if (detected) {
    if (!allowedTypes.has(detected.mime)) throw invalidFile('fileType', 'This kind of file cannot be shared here. Use PDF, an office document, an image or plain text.')
    return detected.mime
  }
  // Plain text has no signature: accept it by extension only when it really is UTF-8 text.
  const textType = textTypes[file.name.split('.').pop()?.toLowerCase() ?? '']
  if (textType) {
    try {
      const decoded = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes)
      if (!decoded.includes('\u0000')) return textType
    } catch {
      // not UTF-8: falls through to the refusal below
    }
  }
  throw invalidFile('fileType', 'This kind of file cannot be shared here. Use PDF, an office document, an image or plain text.')
}

export const safeFileName = (name: string) =>
  name
    .normalize('NFC')
    .replace(/[\\/"<>|:*?]/g, '_')
    .replace(/\p{Cc}/gu, '_')
    .slice(-150) || 'document'

/** Stores a file inside the caller's transaction (the caller has checked who may add it). */
export async function storeDocument(tx: Db, { user, projectId, file, milestoneId = null }: { user: SessionUser; projectId: ProjectId; file: Upload; milestoneId?: MilestoneId | null }) {
  const mediaType = await checkedMediaType(file)
  const [row] = await tx
    .insert(projectDocuments)
    .values({
      projectId,
      milestoneId,
      fileName: safeFileName(file.name),
      mediaType,
      size: file.bytes.byteLength,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
      content: file.bytes,
      uploadedBy: user.id,
    })
    .returning({ id: projectDocuments.id })
  if (!row) throw new Error('document not saved')
  await recordAudit(tx, { actorId: user.id, action: 'document.added', entityType: 'project', entityId: projectId, summary: { documentId: row.id, milestoneId, mediaType, size: file.bytes.byteLength } })
  return row.id
}

/** A party adds a document to the workspace. */
export async function addDocument(db: Db, user: SessionUser, projectId: ProjectId, file: Upload) {
  return db.transaction(async (tx) => {
    await lockProjectFor(tx, user, projectId, ['secretariat', 'state', 'implementer', 'funder'])
    return storeDocument(tx, { user, projectId, file })
  })
}

export async function documentsOf(db: Db, projectId: ProjectId) {
  return db
    .select({
      id: projectDocuments.id,
      milestoneId: projectDocuments.milestoneId,
      fileName: projectDocuments.fileName,
      mediaType: projectDocuments.mediaType,
      size: projectDocuments.size,
      createdAt: projectDocuments.createdAt,
      uploadedBy: users.displayName,
    })
    .from(projectDocuments)
    .leftJoin(users, eq(users.id, projectDocuments.uploadedBy))
    .where(eq(projectDocuments.projectId, projectId))
    .orderBy(desc(projectDocuments.createdAt))
}

/** A document for a party of its project; anyone else gets 404. */
export async function documentForParty(db: Db, user: SessionUser, projectId: ProjectId, documentId: DocumentId) {
  if (!(await accessTo(db, user, projectId)).party) throw notFound()
  const [doc] = await db.select().from(projectDocuments).where(and(eq(projectDocuments.id, documentId), eq(projectDocuments.projectId, projectId)))
  if (!doc) throw notFound()
  return doc
}
