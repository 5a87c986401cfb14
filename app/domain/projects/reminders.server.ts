import { remindersSent } from '#db/schema/index'
import type { Db } from '~/utils/db.server'
import { notify, secretariatMembers } from '../notifications/notifications.server'
import { implementersOf } from './access.server'
import { projectSummaries, type ProjectSummary } from './portfolio.server'
import { daysBetween, isoDay, type DueItem } from './progress'
import { urls } from '~/utils/urls'

/** Days before a due date, and after it, on which the implementer is reminded (the secretariat too once overdue). */
export const reminderDays = { before: [7, 1], after: [1, 7, 30] } as const

/** The reminder step a due item has reached today, if any: e.g. `before-7`, `after-1`. */
export function reminderStep(item: DueItem, today: string) {
  const daysLeft = daysBetween(today, item.dueDate)
  const before = reminderDays.before.filter((d) => daysLeft <= d && daysLeft >= 0).at(-1)
  if (before !== undefined) return `before-${before}`
  const after = reminderDays.after.filter((d) => -daysLeft >= d).at(-1)
  return after !== undefined ? `after-${after}` : null
}

/**
 * The daily job: for every live project, each milestone or report due soon or overdue gets one reminder per step
 * (recorded in reminders_sent, so running the job twice a day sends nothing twice).
 */
export async function sendDueReminders(db: Db, origin: string, today = isoDay(new Date())) {
  let sent = 0
  for (let offset = 0; ; offset += pageSize) {
    const { items } = await projectSummaries(db, { statuses: ['active', 'completed'], limit: pageSize, offset }, today)
    for (const project of items) sent += await remind(db, project, origin, today)
    if (items.length < pageSize) return sent
  }
}

const pageSize = 200

/** Only running work is chased: an active project's milestones and updates, a completed one's final report. */
async function remind(db: Db, project: ProjectSummary, origin: string, today: string) {
  let sent = 0
  for (const item of project.due) {
    if (project.status === 'completed' ? item.kind !== 'finalReport' : project.status !== 'active') continue
    const step = reminderStep(item, today)
    if (!step) continue
    const subject = `${project.id}:${item.kind}:${item.id}:${item.dueDate}`
    await db.transaction(async (tx) => {
      const [claimed] = await tx.insert(remindersSent).values({ subject, step }).onConflictDoNothing().returning({ subject: remindersSent.subject })
      if (!claimed) return
      const recipients = [...(await implementersOf(tx, project.id)), ...(item.overdue ? await secretariatMembers(tx) : [])]
      await notify(
        tx,
        recipients,
        { kind: `reminder.${item.overdue ? 'overdue' : 'due'}.${item.kind}`, values: { title: project.title, milestone: item.title, date: item.dueDate }, link: urls.projectWorkspace(project.id) },
        origin,
      )
      sent += 1
    })
  }
  return sent
}

