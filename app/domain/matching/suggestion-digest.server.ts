import { and, eq, inArray } from 'drizzle-orm'
import { memberships, organizationProfiles, organizationTypes, organizations, suggestionDigestItems, users, type OrganizationId, type UserId } from '#db/schema/index'
import type { Db } from '~/utils/db.server'
import { queueEmail, wantsEmail } from '~/utils/email.server'
import { translator } from '~/utils/i18n.server'
import { absoluteUrl, urls } from '~/utils/urls'
import { suggestionsFromProfile, type ProfileSuggestion } from './profile-suggestions.server'
import { reasonText, shownReasons } from './reasons'

/**
 * The weekly "requests you may fit" digest: to each member of a verified partner or donor organisation with a
 * profile, one email with the requests published in the last week that fit its organisations' profiles, unless
 * they turned the kind `suggestions` off. A request is recorded as sent to the person (suggestion_digest_items,
 * UNIQUE per person and request) in the transaction that queues the email, so it is never sent to them twice,
 * however often the job runs or retries.
 */

/** Once a week, Monday 07:00 UTC. */
export const digestSchedule = { cron: '0 7 * * 1' } as const
/** A week, and a day to spare for a late or retried run: what was sent before is never sent again anyway. */
const LOOK_BACK_MS = 8 * 86_400_000
/** Requests in one digest at most, the best first. */
export const DIGEST_SIZE = 10

/** Partners and donors: every organisation but those that request support. */
const providerTypes = organizationTypes.filter((type) => type !== 'state' && type !== 'local_authority')

/** Members of verified partner and donor organisations with a profile, with those organisations' ids. */
async function recipients(db: Db) {
  const rows = await db
    .select({ userId: memberships.userId, organizationId: memberships.organizationId })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .innerJoin(organizationProfiles, eq(organizationProfiles.organizationId, organizations.id))
    .where(and(eq(organizations.verificationStatus, 'verified'), inArray(organizations.type, providerTypes)))
  const byUser = new Map<UserId, OrganizationId[]>()
  for (const { userId, organizationId } of rows) byUser.set(userId, [...(byUser.get(userId) ?? []), organizationId])
  return byUser
}

/**
 * What fits each organisation's profile this week, worked out once per organisation however many members it has.
 * More than a digest holds, so that leaving out what a member was already sent still leaves a full digest.
 */
const PER_ORGANIZATION = 5 * DIGEST_SIZE
type Fits = (organizationId: OrganizationId) => Promise<ProfileSuggestion[]>

function fitsThisWeek(db: Db, publishedAfter: Date): Fits {
  const found = new Map<OrganizationId, Promise<ProfileSuggestion[]>>()
  return (organizationId) => {
    let fits = found.get(organizationId)
    if (!fits) {
      fits = db
        .select()
        .from(organizationProfiles)
        .where(eq(organizationProfiles.organizationId, organizationId))
        .then(([profile]) => (profile ? suggestionsFromProfile(db, profile, { limit: PER_ORGANIZATION, publishedAfter }) : []))
      found.set(organizationId, fits)
    }
    return fits
  }
}

/** The best requests for one person across their organisations' profiles, none already sent to them. */
async function digestFor(db: Db, userId: UserId, organizationIds: OrganizationId[], fits: Fits) {
  const sent = await db.select({ requestId: suggestionDigestItems.requestId }).from(suggestionDigestItems).where(eq(suggestionDigestItems.userId, userId))
  const exclude = new Set<string>(sent.map((s) => s.requestId))
  const best = new Map<string, ProfileSuggestion & { organizationId: OrganizationId }>()
  for (const organizationId of organizationIds) {
    for (const suggestion of await fits(organizationId)) {
      if (exclude.has(suggestion.requestId)) continue
      const kept = best.get(suggestion.requestId)
      if (!kept || suggestion.score > kept.score) best.set(suggestion.requestId, { ...suggestion, organizationId })
    }
  }
  return [...best.values()].sort((a, b) => b.score - a.score).slice(0, DIGEST_SIZE)
}

/** Sends this week's digests; returns how many people got one. */
export async function sendSuggestionDigests(db: Db, options: { now: Date; origin: string }) {
  const fits = fitsThisWeek(db, new Date(options.now.getTime() - LOOK_BACK_MS))
  let sent = 0
  for (const [userId, organizationIds] of await recipients(db)) {
    if (!(await wantsEmail(db, userId, 'suggestions'))) continue
    const picked = await digestFor(db, userId, organizationIds, fits)
    if (!picked.length) continue
    const delivered = await db.transaction(async (tx) => {
      // Claimed under the unique key: a request another run sent meanwhile is left out of this email.
      const claimed = await tx
        .insert(suggestionDigestItems)
        .values(picked.map((s) => ({ userId, requestId: s.requestId as never, organizationId: s.organizationId, sentAt: options.now })))
        .onConflictDoNothing()
        .returning({ requestId: suggestionDigestItems.requestId })
      const fresh = new Set<string>(claimed.map((c) => c.requestId))
      const items = picked.filter((s) => fresh.has(s.requestId))
      if (!items.length) return false
      const [person] = await tx.select({ email: users.email, locale: users.locale, name: users.displayName }).from(users).where(eq(users.id, userId))
      if (!person) return false
      const t = translator(person.locale)
      const list = items
        .map((s) => {
          // The two strongest reasons: enough to see why, short enough for a list.
          const reasons = shownReasons(s.factors).slice(0, 2).map((r) => reasonText(r, person.locale, t))
          return t('email.digest.item', { title: s.title, url: absoluteUrl(options.origin, urls.request(s.requestId)), reason: reasons.join(' · ') })
        })
        .join('\n\n')
      await queueEmail(tx, {
        kind: 'suggestions',
        to: person.email,
        userId,
        template: 'suggestion_digest',
        subject: t('email.digest.subject'),
        text: t('email.digest.body', { name: person.name, list, preferences: absoluteUrl(options.origin, urls.accountNotifications()) }),
      })
      return true
    })
    if (delivered) sent += 1
  }
  return sent
}
