import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm'
import { memberships, notifications, users, type NotificationKind, type OrganizationId, type UserId } from '#db/schema/index'
import type { Db } from '~/utils/db.server'
import { queueEmail } from '~/utils/email.server'
import { translator } from '~/utils/i18n.server'
import { dynamicKey } from '~/utils/i18n'
import { absoluteUrl } from '~/utils/urls'

export interface Notice {
  kind: string
  values: Record<string, string | number>
  /** Path inside the Hub, e.g. /requests/…; emails carry it as a full link. */
  link: string
}

/**
 * Which of a person's notification preferences decides whether a notice is also emailed, by the notice's kind
 * (or its first part: `milestone.approved` is a `milestone`). A notice kind missing here is a bug, and fails.
 */
const preferenceOfNotice: Record<string, NotificationKind> = {
  interest: 'matches',
  proposed: 'matches',
  acceptedByOtherSide: 'matches',
  agreed: 'matches',
  declined: 'matches',
  withdrawn: 'matches',
  expired: 'matches',
  projectCreated: 'projects',
  project: 'projects',
  projectMessage: 'projects',
  projectEvaluated: 'projects',
  workplanSubmitted: 'projects',
  workplan: 'projects',
  milestoneSubmitted: 'projects',
  milestone: 'projects',
  updateSubmitted: 'projects',
  update: 'projects',
  finalReportSubmitted: 'projects',
  finalReport: 'projects',
  reminder: 'projects',
  // Good practices come from projects and are reviewed like their reports.
  practiceSubmitted: 'projects',
  practice: 'projects',
  pledgeRecorded: 'fund',
  fundAmountMismatch: 'fund',
  fundRefundShortfall: 'fund',
  allocationApproved: 'fund',
  fundingInvited: 'fund',
  fundingAccepted: 'fund',
  fundingDeclined: 'fund',
}

export function preferenceOf(noticeKind: string): NotificationKind {
  const key = Object.hasOwn(preferenceOfNotice, noticeKind) ? noticeKind : noticeKind.split('.')[0]!
  if (!Object.hasOwn(preferenceOfNotice, key)) throw new Error(`The notice kind ${noticeKind} has no notification preference: add it to preferenceOfNotice.`)
  return preferenceOfNotice[key]!
}

/**
 * Tells people in the app and by email, inside the caller's transaction: if the change rolls back, nobody
 * hears of it. The message is `notifications.kinds.<kind>` in each person's own language.
 */
export async function notify(tx: Db, recipients: UserId[], notice: Notice, origin: string) {
  const unique = [...new Set(recipients)]
  if (unique.length === 0) return
  const kind = preferenceOf(notice.kind)
  await tx.insert(notifications).values(unique.map((userId) => ({ userId, kind: notice.kind, values: notice.values, link: notice.link })))
  const people = await tx.select({ id: users.id, email: users.email, locale: users.locale, name: users.displayName }).from(users).where(inArray(users.id, unique))
  for (const person of people) {
    const t = translator(person.locale)
    const message = t(dynamicKey(`notifications.kinds.${notice.kind}`), notice.values)
    // In the Hub always; by email unless the person turned this kind of email off (queueEmail decides).
    await queueEmail(tx, {
      kind,
      to: person.email,
      userId: person.id,
      template: `notification.${notice.kind}`,
      subject: message,
      text: t('notifications.email', { name: person.name, message, url: absoluteUrl(origin, notice.link) }),
    })
  }
}

/** Everyone who acts for these organisations. */
export async function membersOfOrganizations(tx: Db, organizationIds: OrganizationId[]) {
  if (organizationIds.length === 0) return []
  const rows = await tx.select({ userId: memberships.userId }).from(memberships).where(inArray(memberships.organizationId, organizationIds))
  return rows.map((r) => r.userId)
}

export async function secretariatMembers(tx: Db) {
  const rows = await tx.select({ id: users.id }).from(users).where(inArray(users.platformRole, ['secretariat', 'admin']))
  return rows.map((r) => r.id)
}

export async function unreadCount(db: Db, userId: UserId) {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
  return row?.n ?? 0
}

export function notificationsOf(db: Db, userId: UserId, limit = 100) {
  return db
    .select({ id: notifications.id, kind: notifications.kind, values: notifications.values, link: notifications.link, readAt: notifications.readAt, createdAt: notifications.createdAt })
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt))
    .limit(limit)
}

/** Marks one (or, without an id, every) notification of this person as read; others' notifications are untouched. */
export async function markRead(db: Db, userId: UserId, notificationId?: string) {
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        ...(notificationId ? [eq(notifications.id, notificationId)] : []),
      ),
    )
}
