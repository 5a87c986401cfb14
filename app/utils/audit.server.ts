import { auditLog } from '#db/schema/index'
import type { UserId } from '#db/schema/index'
import type { Db } from './db.server'

export interface AuditEntry {
  actorId: UserId | null
  action: string
  entityType: string
  entityId: string
  summary?: Record<string, unknown>
}

/** Written inside the caller's transaction, so the change and its record commit or fail together. */
export async function recordAudit(tx: Db, entry: AuditEntry) {
  await tx.insert(auditLog).values({ ...entry, summary: entry.summary ?? {} })
}
