import { and, desc, eq, isNotNull } from 'drizzle-orm'
import { contributions, fundCurrency, type OrganizationType } from '#db/schema/index'
import type { Db } from '~/utils/db.server'
import { hitRateLimit } from '~/utils/rate-limit.server'
import type { SessionUser } from '../accounts/sessions.server'
import { DomainError } from '../errors'
import { toMajorUnits, toMinorUnits } from '../vocabulary/codes'
import { pledgeThresholdUsd } from './settings.server'

/**
 * Who may promise money to the fund. A pledge enters the public figures and alerts the secretariat before any
 * money moves, so it needs a verified email, a large one a verified donor organisation behind it, and an
 * account records only a few an hour.
 */

export const PLEDGES_PER_HOUR = 5

/** The organisations that give to the fund as donors (DESIGN.md: philanthropy and State donors). */
export const donorOrganizationTypes: readonly OrganizationType[] = ['state', 'philanthropy']

/**
 * What `minor` units of `currency` are worth in USD minor units, at the rate the fund last recorded for money
 * received in that currency; null when the fund has never received it (so its value is unknown).
 */
async function usdValue(db: Db, minor: number, currency: string) {
  if (currency === fundCurrency) return minor
  const [latest] = await db
    .select({ rate: contributions.rate })
    .from(contributions)
    .where(and(eq(contributions.currency, currency), isNotNull(contributions.rate)))
    .orderBy(desc(contributions.receivedAt), desc(contributions.updatedAt))
    .limit(1)
  if (!latest?.rate) return null
  return toMinorUnits(toMajorUnits(minor, currency) * latest.rate, fundCurrency)
}

/** The donor's side of a pledge: its amount and the organisation (if any) it is made for. */
interface Pledger {
  user: SessionUser
  amount: number
  currency: string
  organizationType: OrganizationType | null
}

/** Refuses a pledge its author may not make; counts it against the author's hourly limit. */
export async function assertMayPledge(tx: Db, { user, amount, currency, organizationType }: Pledger) {
  if (!user.emailVerifiedAt) throw new DomainError('fund.pledgeNeedsVerifiedEmail', 'Verify your email address before you pledge.', 403)
  const forDonor = organizationType !== null && donorOrganizationTypes.includes(organizationType)
  if (!forDonor) {
    const usd = await usdValue(tx, amount, currency)
    if (usd === null || usd > (await pledgeThresholdUsd(tx))) {
      throw new DomainError('fund.pledgeNeedsDonorOrganization', 'A pledge of this size, or in a currency the fund has not yet received, is made on behalf of a verified donor organisation you belong to.', 403, 'organizationId')
    }
  }
  const limit = await hitRateLimit(tx, `pledge:user:${user.id}`, PLEDGES_PER_HOUR, 3_600_000)
  if (!limit.allowed) throw new DomainError('fund.pledgesRateLimited', 'You have recorded several pledges in the last hour. Wait an hour before recording another.', 429)
}
