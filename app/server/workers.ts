import { deleteExpiredSessions } from '~/domain/accounts/sessions.server'
import { db } from '~/utils/db.server'
import { deliverEmail } from '~/utils/email.server'
import { jobQueue, queues } from '~/utils/jobs.server'

/** Registers the background workers of this process (email delivery, housekeeping). */
export async function startWorkers() {
  const boss = await jobQueue()
  await boss.work<{ emailId: string }>(queues.sendEmail, { batchSize: 1, pollingIntervalSeconds: 2 }, async ([job]) => {
    if (job) await deliverEmail(db, job.data.emailId)
  })
  await boss.work(queues.cleanSessions, async () => deleteExpiredSessions(db))
  await boss.schedule(queues.cleanSessions, '17 * * * *')
}
