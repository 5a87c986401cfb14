import { eq, sql } from 'drizzle-orm'
import { notificationKinds, notificationPreferences, type NotificationKind, type UserId } from '#db/schema/index'
import { recordAudit } from '~/utils/audit.server'
import type { Db } from '~/utils/db.server'
import type { NotificationPreferencesInput } from './schemas'

/** The kinds of event this person hears of by email (every kind unless turned off). */
export async function emailedKinds(db: Db, userId: UserId): Promise<NotificationKind[]> {
  const rows = await db.select({ kind: notificationPreferences.kind, email: notificationPreferences.email }).from(notificationPreferences).where(eq(notificationPreferences.userId, userId))
  const off = new Set(rows.filter((r) => !r.email).map((r) => r.kind))
  return notificationKinds.filter((kind) => !off.has(kind))
}

/** Saves a person's choice for every kind: email for those given, the Hub only for the others. */
export async function saveNotificationPreferences(db: Db, userId: UserId, input: NotificationPreferencesInput) {
  const rows = notificationKinds.map((kind) => ({ userId, kind, email: input.email.includes(kind), updatedAt: new Date() }))
  await db.transaction(async (tx) => {
    await tx
      .insert(notificationPreferences)
      .values(rows)
      .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: { email: sql`excluded.email`, updatedAt: sql`excluded.updated_at` } })
    await recordAudit(tx, { actorId: userId, action: 'user.notification_preferences', entityType: 'user', entityId: userId, summary: { email: input.email } })
  })
}
