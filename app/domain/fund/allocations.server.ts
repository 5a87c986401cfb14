import { and, eq, inArray, sql } from 'drizzle-orm'
import { allocations, ledgerTransactions, milestones, projects, tranches, type AllocationId, type MilestoneId, type ProjectId } from '#db/schema/index'
import { recordAudit } from '~/utils/audit.server'
import type { Db } from '~/utils/db.server'
import { can } from '~/domain/access/abilities'
import type { SessionUser } from '../accounts/sessions.server'
import { DomainError, forbidden, notFound } from '../errors'
import { notify } from '../notifications/notifications.server'
import { projectAudience } from '../projects/access.server'
import { isLiveProject, unsettledMilestoneStatuses } from '../projects/lifecycle'
import { fundCurrency } from '#db/schema/fund'
import { toMajorUnits, toMinorUnits } from '../vocabulary/codes'
import { accounts, post } from '../ledger/ledger.server'
import type { AllocationInput } from './schemas'
import { urls } from '~/utils/urls'

/** Pools a project may draw from, respecting earmarks: the general pool, its objectives' pools, its own pool. */
export const poolsFor = (project: { id: string; objectives: number[] }) => [accounts.unallocated, ...project.objectives.map(accounts.objectivePool), accounts.projectPool(project.id)]

/**
 * The secretariat commits fund money to a project and ties tranches to its milestones. The pool can never be
 * overdrawn: the database refuses it under concurrency (ledger_balances CHECK under the balance's row lock).
 */
export async function allocate(db: Db, user: SessionUser, input: AllocationInput, origin: string) {
  if (!can(user, 'manage:fund')) throw forbidden()
  return db.transaction(async (tx) => {
    const [project] = await tx.select().from(projects).where(eq(projects.id, input.projectId as ProjectId))
    if (!project) throw new DomainError('validation.choice', 'Choose a project.', 400, 'projectId')
    if (!isLiveProject(project.status)) throw new DomainError('fund.projectNotLive', 'Money is allocated to projects that are still running.', 409, 'projectId')
    if (!poolsFor(project).includes(input.pool)) throw new DomainError('fund.poolNotForProject', 'This pool is earmarked for other objectives or projects.', 400, 'pool')
    const milestoneIds = input.tranches.map((t) => t.milestoneId as MilestoneId)
    if (milestoneIds.length) {
      const open = await tx
        .select({ id: milestones.id })
        .from(milestones)
        .where(and(eq(milestones.projectId, project.id), inArray(milestones.id, milestoneIds), inArray(milestones.status, [...unsettledMilestoneStatuses])))
      if (open.length !== milestoneIds.length) throw new DomainError('fund.trancheMilestone', 'Tranches go to this project’s milestones that are not yet approved.', 400, 'tranches')
    }
    const amountUsd = toMinorUnits(input.amountUsd, fundCurrency)
    const [allocation] = await tx.insert(allocations).values({ projectId: project.id, pool: input.pool, amountUsd, note: input.note ?? null, createdBy: user.id }).returning({ id: allocations.id })
    if (!allocation) throw new Error('allocation not saved')
    await post(tx, {
      kind: 'allocation',
      memo: `Allocation to ${project.title}`,
      allocationId: allocation.id,
      projectId: project.id,
      createdBy: user.id,
      entries: [
        { account: input.pool, amount: -amountUsd },
        { account: accounts.allocated(project.id), amount: amountUsd },
      ],
    })
    if (input.tranches.length) {
      await tx.insert(tranches).values(input.tranches.map((t) => ({ allocationId: allocation.id, milestoneId: t.milestoneId as MilestoneId, amountUsd: toMinorUnits(t.amountUsd, fundCurrency) })))
    }
    await recordAudit(tx, { actorId: user.id, action: 'allocation.approved', entityType: 'allocation', entityId: allocation.id, summary: { projectId: project.id, pool: input.pool, amountUsd, tranches: input.tranches.length } })
    await notify(tx, await projectAudience(tx, project.id, { secretariat: false }), { kind: 'allocationApproved', values: { title: project.title, amount: `USD ${toMajorUnits(amountUsd, fundCurrency)}` }, link: urls.projectWorkspace(project.id) }, origin)
    return allocation.id
  })
}

/** Takes back what an allocation has not yet disbursed, into the pool it came from. */
export async function reverseAllocation(db: Db, user: SessionUser, allocationId: AllocationId, reason: string) {
  if (!can(user, 'manage:fund')) throw forbidden()
  return db.transaction(async (tx) => {
    const [allocation] = await tx.select().from(allocations).where(eq(allocations.id, allocationId)).for('update')
    if (!allocation) throw notFound()
    if (allocation.status === 'reversed' || allocation.status === 'closed') throw new DomainError('fund.allocationSettled', 'This allocation is already settled.', 409)
    const [done] = await tx
      .select({ disbursed: sql<number>`coalesce(sum(${tranches.amountUsd}), 0)::bigint` })
      .from(tranches)
      .where(and(eq(tranches.allocationId, allocationId), sql`${tranches.disbursementId} is not null`))
    const remainder = allocation.amountUsd - Number(done?.disbursed ?? 0)
    const [original] = await tx.select({ id: ledgerTransactions.id }).from(ledgerTransactions).where(and(eq(ledgerTransactions.allocationId, allocationId), eq(ledgerTransactions.kind, 'allocation')))
    if (remainder > 0) {
      await post(tx, {
        kind: 'allocation_reversal',
        memo: `Allocation reversed: ${reason}`,
        allocationId,
        projectId: allocation.projectId,
        // A full reversal names the transaction it undoes (at most once, by a unique index).
        reversesId: remainder === allocation.amountUsd ? (original?.id ?? null) : null,
        createdBy: user.id,
        entries: [
          { account: accounts.allocated(allocation.projectId), amount: -remainder },
          { account: allocation.pool, amount: remainder },
        ],
      })
    }
    await tx.update(allocations).set({ status: 'reversed', reverseReason: reason, updatedAt: new Date() }).where(eq(allocations.id, allocationId))
    await recordAudit(tx, { actorId: user.id, action: 'allocation.reversed', entityType: 'allocation', entityId: allocationId, summary: { remainder, reason } })
    return remainder
  })
}
