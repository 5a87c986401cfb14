import { randomUUID } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import type { SessionUser } from '~/domain/accounts/sessions.server'
import { allocate } from '~/domain/fund/allocations.server'
import { bookReceipt, donorLabel, recordPledge, recordPledgeReceipt } from '~/domain/fund/contributions.server'
import { accounts } from '~/domain/ledger/ledger.server'
import { AllocationSchema, PledgeReceiptSchema, PledgeSchema } from '~/domain/fund/schemas'
import { toMinorUnits } from '~/domain/vocabulary/codes'
import { recordAudit } from '~/utils/audit.server'
import type { Db } from '~/utils/db.server'
import { contributions, fundCurrency, organizations, type ContributionId, type MilestoneId, type ProjectId } from '#db/schema/index'
import type { Demo } from './clock'

/**
 * The demo's start-up fund, through the real domain functions: States and foundations pledge and the secretariat
 * records their transfers (in full, in part, or not yet), people give by card, and each project's story
 * (project-stories.ts) has the secretariat allocate to it once its workplan is approved; approving a milestone then
 * releases its tranche. Amounts are in major units; allocations in US dollars, the fund's currency.
 */

/** People who give for donor States and a foundation, and one individual (same password as the demo accounts). */
export const demoFundAccounts: { email: string; displayName: string; organization?: string }[] = [
  { email: 'germany@demo.connection-hub.org', displayName: 'Katrin Vogel', organization: 'deu-bmz' },
  { email: 'switzerland@demo.connection-hub.org', displayName: 'Luca Bernasconi', organization: 'che-sdc' },
  { email: 'netherlands@demo.connection-hub.org', displayName: 'Sanne de Vries', organization: 'nld-mfa' },
  { email: 'atlas@demo.connection-hub.org', displayName: 'Oliver Bennett', organization: 'atlas-mobility-trust' },
  { email: 'supporter@demo.connection-hub.org', displayName: 'Elena Rossi' },
]

export interface PledgePlan {
  /** The donor organisation the pledge is made for (the person pledging owns it). */
  organization: string
  amount: number
  currency: string
  /** The fund as a whole (by default), one GCM objective, or the project of the story it is told in. */
  earmark?: { objective: number } | 'project'
  /** Days before today the money is due (negative: ahead). */
  due?: number
  note: string
}

/** A bank transfer against a pledge: its amount in the pledge's currency, and the US dollars that arrived. */
export interface TransferPlan {
  amount: number
  usd: number
  reference: string
}

/** An allocation from a pool ('project': the money earmarked to this project), its tranches by milestone number. */
export interface AllocationPlan {
  pool: 'unallocated' | `objective:${number}` | 'project'
  tranches: Record<number, number>
  note: string
}

interface CardGift {
  by: string
  at: number
  amount: number
  currency: string
  /** What Stripe paid out in US dollars: the rate is recorded from it. */
  usd: number
  objective?: number
  anonymous?: boolean
}

const secretariat = 'secretariat@demo.connection-hub.org'

/** How States fund UN trust funds: a pledge, then transfers, each dated in days before today. */
const pledges: { by: string; at: number; pledge: PledgePlan; transfers: [number, TransferPlan][] }[] = [
  {
    by: 'germany@demo.connection-hub.org',
    at: 725,
    pledge: { organization: 'deu-bmz', amount: 1_500_000, currency: 'EUR', due: 330, note: 'Germany’s contribution for the first two years of the start-up fund, paid in two instalments.' },
    transfers: [
      [690, { amount: 700_000, usd: 760_200, reference: 'BMZ 2-MPTF-GCM-01' }],
      [330, { amount: 800_000, usd: 863_200, reference: 'BMZ 2-MPTF-GCM-02' }],
    ],
  },
  {
    by: 'switzerland@demo.connection-hub.org',
    at: 265,
    pledge: { organization: 'che-sdc', amount: 600_000, currency: 'CHF', earmark: { objective: 6 }, due: -60, note: 'For fair and ethical recruitment (objective 6). The second half follows the Federal Council’s budget decision.' },
    transfers: [[228, { amount: 350_000, usd: 396_200, reference: 'SDC 7F-10432.02' }]],
  },
  {
    by: 'atlas@demo.connection-hub.org',
    at: 120,
    pledge: { organization: 'atlas-mobility-trust', amount: 80_000, currency: 'GBP', earmark: { objective: 17 }, note: 'For inclusive communities and a balanced public debate on migration (objective 17).' },
    transfers: [[104, { amount: 80_000, usd: 101_600, reference: 'AMT-G-2291' }]],
  },
  {
    by: 'netherlands@demo.connection-hub.org',
    at: 25,
    pledge: { organization: 'nld-mfa', amount: 750_000, currency: 'EUR', due: -95, note: 'Announced at the Network’s annual meeting of donors; transferred once the contribution agreement is signed.' },
    transfers: [],
  },
]

/** Paid by card and received: the demo has no Stripe, so they are booked as the webhook books a paid Checkout Session. */
const cardGifts: CardGift[] = [
  { by: 'donor@demo.connection-hub.org', at: 150, amount: 1_000, currency: 'USD', usd: 1_000, anonymous: true },
  { by: 'supporter@demo.connection-hub.org', at: 62, amount: 500, currency: 'EUR', usd: 541.25 },
  { by: 'supporter@demo.connection-hub.org', at: 18, amount: 150, currency: 'USD', usd: 150, objective: 17 },
]

async function organizationId(tx: Db, slug: string) {
  const [row] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, slug))
  if (!row) throw new Error(`demo fund: no organisation ${slug}`)
  return row.id
}

/** A pledge recorded by a member of the donor organisation. */
export async function pledgeToFund(demo: Demo, donor: SessionUser, plan: PledgePlan, projectId?: ProjectId) {
  const earmark = plan.earmark === 'project' ? { earmark: 'project', projectId } : plan.earmark ? { earmark: 'objective', objective: plan.earmark.objective } : { earmark: 'fund' }
  const input = PledgeSchema.parse({
    ...earmark,
    amount: plan.amount,
    currency: plan.currency,
    organizationId: await organizationId(demo.tx, plan.organization),
    dueDate: plan.due === undefined ? undefined : demo.day(plan.due),
    note: plan.note,
    token: randomUUID(),
  })
  return recordPledge(demo.tx, donor, input, '')
}

/** The secretariat records a transfer that arrived `daysAgo` days ago. */
export function receiveTransfer(demo: Demo, pledgeId: ContributionId, daysAgo: number, transfer: TransferPlan) {
  const input = PledgeReceiptSchema.parse({ receivedOn: demo.day(daysAgo), amount: transfer.amount, usdAmount: transfer.usd, reference: transfer.reference })
  return recordPledgeReceipt(demo.tx, demo.person(secretariat), pledgeId, input)
}

/** The secretariat allocates to a project, its tranches tied to milestones not yet approved. */
export function allocateFromFund(demo: Demo, project: { id: ProjectId; milestones: MilestoneId[] }, plan: AllocationPlan) {
  const tranches = Object.entries(plan.tranches).map(([n, amountUsd]) => ({ milestoneId: project.milestones[Number(n) - 1], amountUsd }))
  const input = AllocationSchema.parse({
    projectId: project.id,
    pool: plan.pool === 'project' ? accounts.projectPool(project.id) : `fund:${plan.pool}`,
    amountUsd: tranches.reduce((sum, t) => sum + t.amountUsd, 0),
    note: plan.note,
    tranches,
  })
  return allocate(demo.tx, demo.person(secretariat), input, '')
}

/** A paid card contribution, booked in one transaction as the Stripe webhook books it (stripe-sync.server.ts). */
async function giveByCard(demo: Demo, gift: CardGift) {
  const donor = demo.person(gift.by)
  const amount = toMinorUnits(gift.amount, gift.currency)
  const session = randomUUID().replaceAll('-', '')
  await demo.tx.transaction(async (tx) => {
    const [row] = await tx
      .insert(contributions)
      .values({
        method: 'card',
        status: 'received',
        donorUserId: donor.id,
        donorName: donor.displayName,
        anonymous: gift.anonymous ?? false,
        amount,
        currency: gift.currency,
        receivedAmount: amount,
        receivedUsd: toMinorUnits(gift.usd, fundCurrency),
        rate: gift.usd / gift.amount,
        ...(gift.objective ? { earmark: 'objective' as const, earmarkObjective: gift.objective } : {}),
        idempotencyKey: randomUUID(),
        stripeCheckoutSessionId: `cs_demo_${session}`,
        stripePaymentIntentId: `pi_demo_${session.slice(0, 24)}`,
        receivedAt: new Date(),
      })
      .returning()
    if (!row) throw new Error('demo fund: contribution not saved')
    await bookReceipt(tx, { contribution: row, usd: row.receivedUsd, memo: `Card contribution from ${donorLabel(row)}` })
    await recordAudit(tx, { actorId: null, action: 'contribution.received', entityType: 'contribution', entityId: row.id, summary: { usd: row.receivedUsd, rate: row.rate, sessionId: row.stripeCheckoutSessionId } })
  })
}

/** The money that came in before and beside the projects' stories (their own steps allocate it). */
export async function fundTheDemo(demo: Demo) {
  for (const { by, at, pledge, transfers } of pledges) {
    const id = await demo.at(at, () => pledgeToFund(demo, demo.person(by), pledge))
    for (const [daysAgo, transfer] of transfers) await demo.at(daysAgo, () => receiveTransfer(demo, id, daysAgo, transfer), 15)
  }
  for (const gift of cardGifts) await demo.at(gift.at, () => giveByCard(demo, gift), 20)
}

/**
 * Once the stories are told: donor organisations were on the Hub, verified, before their first contribution.
 * (Disbursement references keep the year of the load: they are written on the append-only ledger too.)
 */
export async function settleFundDates(tx: Db) {
  await tx.execute(sql`update organizations o set created_at = least(o.created_at, c.first - interval '90 days'), verified_at = least(o.verified_at, c.first - interval '60 days')
    from (select donor_organization_id as id, min(created_at) as first from contributions where donor_organization_id is not null group by 1) c
    where o.id = c.id and o.verification_status = 'verified'`)
}
