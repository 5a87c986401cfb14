import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { fundCurrency, hubSettings } from '#db/schema/index'
import { recordAudit } from '~/utils/audit.server'
import type { Db } from '~/utils/db.server'
import { can } from '~/domain/access/abilities'
import type { SessionUser } from '../accounts/sessions.server'
import { forbidden } from '../errors'
import { toMinorUnits } from '../vocabulary/codes'
import type { PledgeThresholdInput } from './schemas'

/** The fund's settings the secretariat may change, kept in `hub_settings`; a missing row means the default. */
const PLEDGE_THRESHOLD = 'fund.pledge_threshold_usd'

/** USD 10,000.00 in minor units: larger pledges are made by verified donor organisations. */
export const DEFAULT_PLEDGE_THRESHOLD_USD = 1_000_000

const minorUnits = z.number().int().nonnegative()

/** Above this many USD minor units, a pledge must be made for a verified donor organisation. */
export async function pledgeThresholdUsd(db: Db) {
  const [row] = await db.select({ value: hubSettings.value }).from(hubSettings).where(eq(hubSettings.key, PLEDGE_THRESHOLD))
  const stored = minorUnits.safeParse(row?.value)
  return stored.success ? stored.data : DEFAULT_PLEDGE_THRESHOLD_USD
}

/** The secretariat changes the threshold; the change and the value it replaced are audited. */
export async function setPledgeThreshold(db: Db, user: SessionUser, input: PledgeThresholdInput) {
  if (!can(user, 'manage:fund')) throw forbidden()
  const value = toMinorUnits(input.thresholdUsd, fundCurrency)
  await db.transaction(async (tx) => {
    const from = await pledgeThresholdUsd(tx)
    await tx
      .insert(hubSettings)
      .values({ key: PLEDGE_THRESHOLD, value, updatedBy: user.id })
      .onConflictDoUpdate({ target: hubSettings.key, set: { value, updatedBy: user.id, updatedAt: new Date() } })
    await recordAudit(tx, { actorId: user.id, action: 'fund.pledge_threshold_set', entityType: 'setting', entityId: PLEDGE_THRESHOLD, summary: { from, to: value } })
  })
  return value
}
