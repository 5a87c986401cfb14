import { deleteExpiredSessions } from '~/domain/accounts/sessions.server'
import { sendAlertDigests, serveInstantAlerts } from '~/domain/alerts/serve.server'
import { fullRefresh, runRefreshJob, type RefreshJob } from '~/domain/matching/suggestions.server'
import { reconcileContributions } from '~/domain/fund/stripe-sync.server'
import { cardPaymentsEnabled } from '~/domain/fund/stripe.server'
import { expireMatches } from '~/domain/matching/matches.server'
import { sendDueReminders } from '~/domain/projects/reminders.server'
import { digestSchedule, sendSuggestionDigests } from '~/domain/matching/suggestion-digest.server'
import { db } from '~/utils/db.server'
import { publicOrigin } from '~/utils/env.server'
import { deliverEmail } from '~/utils/email.server'
import { jobQueue, queues } from '~/utils/jobs.server'

/** Registers the background workers of this process (email delivery, housekeeping). */
export async function startWorkers() {
  const boss = await jobQueue()
  await boss.work<{ emailId: string }>(queues.sendEmail, { batchSize: 1, pollingIntervalSeconds: 2, includeMetadata: true }, async ([job]) => {
    if (job) await deliverEmail(db, job.data.emailId, undefined, { lastAttempt: job.retryCount >= job.retryLimit })
  })
  await boss.work<RefreshJob>(queues.refreshSuggestions, { batchSize: 1, pollingIntervalSeconds: 2 }, async ([job]) => {
    if (job) await runRefreshJob(db, job.data)
  })
  await boss.schedule(queues.refreshSuggestions, fullRefresh.cron, fullRefresh.data, { singletonKey: fullRefresh.singletonKey })
  await boss.work(queues.cleanSessions, async () => deleteExpiredSessions(db))
  await boss.schedule(queues.cleanSessions, '17 * * * *')
  await boss.work(queues.expireMatches, async () => expireMatches(db, publicOrigin()))
  await boss.schedule(queues.expireMatches, '7 * * * *')
  // Daily, early in the morning UTC: reminders before and after due dates (each sent once, see reminders_sent).
  await boss.work(queues.projectReminders, async () => sendDueReminders(db, publicOrigin()))
  await boss.schedule(queues.projectReminders, '30 6 * * *')
  // Card payments whose webhook never arrived (the endpoint was down) are found by asking Stripe.
  await boss.work(queues.reconcileContributions, async () => (cardPaymentsEnabled() ? reconcileContributions(db) : 0))
  await boss.schedule(queues.reconcileContributions, '*/15 * * * *')
  // Saved-search alerts: instant ones every minute; digests at 06:00 UTC, daily and on Mondays (serve.server.ts).
  await boss.work(queues.instantAlerts, async () => serveInstantAlerts(db, { origin: publicOrigin() }))
  await boss.schedule(queues.instantAlerts, '* * * * *')
  await boss.work(queues.dailyAlerts, async () => sendAlertDigests(db, { frequency: 'daily', origin: publicOrigin() }))
  await boss.schedule(queues.dailyAlerts, '0 6 * * *')
  await boss.work(queues.weeklyAlerts, async () => sendAlertDigests(db, { frequency: 'weekly', origin: publicOrigin() }))
  await boss.schedule(queues.weeklyAlerts, '0 6 * * 1')
  // Weekly, at a fixed UTC hour: the "requests you may fit" digest to partners and donors with a profile.
  await boss.work(queues.suggestionDigest, async () => sendSuggestionDigests(db, { now: new Date(), origin: publicOrigin() }))
  await boss.schedule(queues.suggestionDigest, digestSchedule.cron)
}
