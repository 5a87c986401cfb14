import { eq, inArray } from 'drizzle-orm'
import { alertUnsubscribeTokens, savedSearches } from '#db/schema/index'
import { recordAudit } from '~/utils/audit.server'
import { hashToken } from '~/utils/crypto.server'
import type { Db } from '~/utils/db.server'
import { notFound } from '../errors'

/** An unsubscribe token as randomToken() makes them; anything else is not looked up at all. */
export const isUnsubscribeToken = (token: string) => /^[a-z2-7]{32}$/.test(token)

/** The alerts an emailed unsubscribe link stops. An unknown token is a 404 that says nothing more. */
export async function alertsOfUnsubscribeToken(db: Db, token: string) {
  const alerts = isUnsubscribeToken(token)
    ? await db
        .select({ id: savedSearches.id, name: savedSearches.name, paused: savedSearches.paused, userId: savedSearches.userId })
        .from(alertUnsubscribeTokens)
        .innerJoin(savedSearches, eq(savedSearches.id, alertUnsubscribeTokens.savedSearchId))
        .where(eq(alertUnsubscribeTokens.tokenHash, hashToken(token)))
        .orderBy(savedSearches.name)
    : []
  if (!alerts.length) throw notFound('This unsubscribe link is not valid.')
  return alerts
}

/**
 * Stops the alerts of an emailed link (pauses them: their owner can resume them on the alerts page). Needs no
 * sign-in: the link is the proof. Asking twice changes nothing more.
 */
export async function unsubscribeAlerts(db: Db, token: string) {
  return db.transaction(async (tx) => {
    const alerts = await alertsOfUnsubscribeToken(tx, token)
    const stopping = alerts.filter((a) => !a.paused)
    if (stopping.length) {
      await tx
        .update(savedSearches)
        .set({ paused: true, updatedAt: new Date() })
        .where(inArray(savedSearches.id, stopping.map((a) => a.id)))
      for (const a of stopping) await recordAudit(tx, { actorId: null, action: 'alert.unsubscribe', entityType: 'saved_search', entityId: a.id, summary: { by: 'email link' } })
    }
    return alerts.map((a) => ({ id: a.id, name: a.name }))
  })
}
