import { and, asc, eq, gt, inArray, isNotNull, isNull, lt, lte, not, sql } from 'drizzle-orm'
import {
  alertSentItems,
  alertUnsubscribeTokens,
  cataloguePublications,
  savedSearches,
  users,
  type AlertFrequency,
  type AlertListing,
  type UserId,
} from '#db/schema/index'
import { hashToken, randomToken } from '~/utils/crypto.server'
import type { Db } from '~/utils/db.server'
import { emailTurnedOff, queueEmail } from '~/utils/email.server'
import { translator } from '~/utils/i18n.server'
import { logger } from '~/utils/logger.server'
import { browse } from '../catalogue/browse.server'
import type { PublicOffer, PublicRequest } from '../catalogue/items.server'
import { alertEmail, type AlertSection } from './email.server'
import { parseSavedSearch } from './saved-searches.server'

/**
 * Serving alerts: which of the newly published items each saved search would show, sent once. An alert matches
 * an item exactly when the catalogue's own search (browse.server.ts), run with the alert's words and filters,
 * finds it among the new items: nothing here filters on its own. Each item an alert sends is claimed first in
 * alert_sent_items (primary key: alert and item) in the transaction that queues the email, so a job run twice, or
 * two runs at once, never send an item twice: the second run waits for the first's claim, then finds it taken.
 */

interface Publication {
  listing: AlertListing
  itemId: string
  publishedAt: Date
}

interface Recipient {
  userId: UserId
  email: string
  name: string
  locale: string
  alerts: { id: string; listing: AlertListing; search: string; name: string; serveFrom: Date }[]
}

type Item = Pick<PublicRequest | PublicOffer, 'id' | 'title'> & { organization: { name: string } }

/** How far back a digest looks (its period and a margin for a run that was late or a publication that committed late). */
const digestLookbackDays: Record<Exclude<AlertFrequency, 'instant'>, number> = { daily: 3, weekly: 10 }
/** Publications are kept a month, then forgotten (alert_sent_items still says what each alert sent). */
const KEEP_PUBLICATIONS_DAYS = 30
const INSTANT_BATCH = 500
const day = 24 * 60 * 60 * 1000

/** The recipients of alerts of this frequency that are not paused, with their alerts; verified addresses only. */
async function recipientsOf(db: Db, frequency: AlertFrequency, listings: AlertListing[]): Promise<Recipient[]> {
  if (!listings.length) return []
  const rows = await db
    .select({
      id: savedSearches.id,
      listing: savedSearches.listing,
      search: savedSearches.search,
      name: savedSearches.name,
      serveFrom: savedSearches.serveFrom,
      userId: users.id,
      email: users.email,
      userName: users.displayName,
      locale: users.locale,
    })
    .from(savedSearches)
    .innerJoin(users, eq(users.id, savedSearches.userId))
    .where(
      and(
        eq(savedSearches.frequency, frequency),
        not(savedSearches.paused),
        inArray(savedSearches.listing, listings),
        isNotNull(users.emailVerifiedAt),
        // A person who turned alert emails off is not served: nothing is claimed for them meanwhile.
        not(emailTurnedOff(users.id, 'alerts')),
      ),
    )
    .orderBy(asc(users.id), asc(savedSearches.createdAt))
  const byUser = new Map<UserId, Recipient>()
  for (const r of rows) {
    let recipient = byUser.get(r.userId)
    if (!recipient) byUser.set(r.userId, (recipient = { userId: r.userId, email: r.email, name: r.userName, locale: r.locale, alerts: [] }))
    recipient.alerts.push({ id: r.id, listing: r.listing, search: r.search, name: r.name, serveFrom: r.serveFrom })
  }
  return [...byUser.values()]
}

/** The new items this alert would show and has not sent, claimed for it in `tx`. */
async function claimNewItems(tx: Db, alert: Recipient['alerts'][number], publications: Publication[]): Promise<Item[]> {
  const candidates = [...new Set(publications.filter((p) => p.listing === alert.listing && p.publishedAt >= alert.serveFrom).map((p) => p.itemId))]
  if (!candidates.length) return []
  let query
  try {
    query = parseSavedSearch(alert.search).query
  } catch {
    // Saved when it was valid; a value the catalogue no longer accepts makes the search unusable, not the job.
    logger().warn({ savedSearchId: alert.id }, 'alerts: a saved search no longer parses; it is skipped')
    return []
  }
  const { items } = await browse<Item>(tx, { ...query, page: 1, pageSize: candidates.length }, { ids: candidates })
  if (!items.length) return []
  // Claimed in id order, so two runs claiming the same items wait for each other instead of deadlocking.
  const rows = items.map((i) => ({ savedSearchId: alert.id, itemId: i.id })).sort((a, b) => a.itemId.localeCompare(b.itemId))
  const claimed = await tx.insert(alertSentItems).values(rows).onConflictDoNothing().returning({ itemId: alertSentItems.itemId })
  const taken = new Set(claimed.map((c) => c.itemId))
  return items.filter((i) => taken.has(i.id))
}

/** One email to one person with every alert of theirs that has something new; its unsubscribe links made here. */
async function serveRecipient(tx: Db, options: { recipient: Recipient; frequency: AlertFrequency; publications: Publication[]; origin: string; now: Date }) {
  const { recipient, frequency, publications, origin, now } = options
  const sections: AlertSection[] = []
  for (const alert of recipient.alerts) {
    const items = await claimNewItems(tx, alert, publications)
    if (items.length) sections.push({ alert, items, unsubscribeToken: randomToken() })
  }
  if (!sections.length) return false
  // The email's own link (List-Unsubscribe) stops every alert it carries; with one alert it is that alert's link.
  const emailToken = sections.length === 1 ? sections[0]!.unsubscribeToken : randomToken()
  const tokenRows = sections.map((s) => ({ tokenHash: hashToken(s.unsubscribeToken), savedSearchId: s.alert.id }))
  if (sections.length > 1) tokenRows.push(...sections.map((s) => ({ tokenHash: hashToken(emailToken), savedSearchId: s.alert.id })))
  await tx.insert(alertUnsubscribeTokens).values(tokenRows)
  await tx
    .update(savedSearches)
    .set({ lastServedAt: now })
    .where(inArray(savedSearches.id, sections.map((s) => s.alert.id)))
  const email = alertEmail(translator(recipient.locale), { name: recipient.name, frequency, sections, emailToken, origin })
  await queueEmail(tx, { to: recipient.email, userId: recipient.userId, kind: 'alerts', template: `alerts.${frequency}`, ...email })
  return true
}

/**
 * The every-minute job: instant alerts for every publication no run has served yet (taken with SKIP LOCKED, so
 * concurrent runs share the work). Publications are found by their flag, not by time, so one that committed late
 * is still served. Returns how many emails were queued.
 */
export async function serveInstantAlerts(db: Db, options: { origin: string; now?: Date }) {
  const now = options.now ?? new Date()
  return db.transaction(async (tx) => {
    const publications = await tx
      .select({ id: cataloguePublications.id, listing: cataloguePublications.listing, itemId: cataloguePublications.itemId, publishedAt: cataloguePublications.publishedAt })
      .from(cataloguePublications)
      .where(isNull(cataloguePublications.instantServedAt))
      .orderBy(asc(cataloguePublications.id))
      .limit(INSTANT_BATCH)
      .for('update', { skipLocked: true })
    if (!publications.length) return 0
    let emails = 0
    const recipients = await recipientsOf(tx, 'instant', [...new Set(publications.map((p) => p.listing))])
    for (const recipient of recipients) if (await serveRecipient(tx, { recipient, frequency: 'instant', publications, origin: options.origin, now })) emails += 1
    await tx
      .update(cataloguePublications)
      .set({ instantServedAt: now })
      .where(inArray(cataloguePublications.id, publications.map((p) => p.id)))
    return emails
  })
}

/**
 * A digest (daily or weekly, at a fixed hour): one email per person with every such alert of theirs that has new
 * items, each item once. It looks back over more than its period, so a late run or a late commit loses nothing;
 * what an alert already sent stays sent. Each person in a transaction of their own. Returns how many emails were queued.
 */
export async function sendAlertDigests(db: Db, options: { frequency: Exclude<AlertFrequency, 'instant'>; origin: string; now?: Date }) {
  const { frequency, origin } = options
  const now = options.now ?? new Date()
  const since = new Date(now.getTime() - digestLookbackDays[frequency] * day)
  const publications: Publication[] = await db
    .select({ listing: cataloguePublications.listing, itemId: cataloguePublications.itemId, publishedAt: sql<Date>`max(${cataloguePublications.publishedAt})`.mapWith(cataloguePublications.publishedAt) })
    .from(cataloguePublications)
    .where(and(gt(cataloguePublications.publishedAt, since), lte(cataloguePublications.publishedAt, now)))
    .groupBy(cataloguePublications.listing, cataloguePublications.itemId)
  let emails = 0
  if (publications.length) {
    const recipients = await recipientsOf(db, frequency, [...new Set(publications.map((p) => p.listing))])
    for (const recipient of recipients) {
      if (await db.transaction((tx) => serveRecipient(tx, { recipient, frequency, publications, origin, now }))) emails += 1
    }
  }
  if (frequency === 'daily') {
    await db
      .delete(cataloguePublications)
      .where(and(lt(cataloguePublications.publishedAt, new Date(now.getTime() - KEEP_PUBLICATIONS_DAYS * day)), isNotNull(cataloguePublications.instantServedAt)))
  }
  return emails
}
