import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import { allocations, milestones, projects, tranches, type MilestoneId, type ProjectId, type UserId } from '#db/schema/index'
import { recordAudit } from '~/utils/audit.server'
import type { Db } from '~/utils/db.server'
import { accounts, post } from '../ledger/ledger.server'

/*
 * A project's side of the start-up fund. The fund's allocations point at projects and their milestones; a project
 * only reads what was allocated to it and, when a milestone is approved, pays out the tranches tied to it.
 */

/** A project's allocations with their tranches, for its workspace and public page. */
export async function allocationsOfProject(db: Db, projectId: ProjectId) {
  const rows = await db.select().from(allocations).where(eq(allocations.projectId, projectId)).orderBy(allocations.createdAt)
  const parts = rows.length ? await db.select().from(tranches).where(inArray(tranches.allocationId, rows.map((r) => r.id))) : []
  return rows.map((a) => ({ ...a, tranches: parts.filter((t) => t.allocationId === a.id) }))
}

const disbursementReference = (trancheId: string) => `DSB-${new Date().getUTCFullYear()}-${trancheId.slice(0, 8).toUpperCase()}`

/**
 * An approved milestone releases its tranches (called inside the approval's transaction): each is one
 * disbursement from the project's allocation, which the database keeps from going below zero.
 */
export async function releaseTranches(tx: Db, actorId: UserId | null, milestoneId: MilestoneId) {
  const due = await tx
    .select({ tranche: tranches, allocation: allocations, projectTitle: projects.title, milestoneTitle: milestones.title })
    .from(tranches)
    .innerJoin(allocations, eq(allocations.id, tranches.allocationId))
    .innerJoin(projects, eq(projects.id, allocations.projectId))
    .innerJoin(milestones, eq(milestones.id, tranches.milestoneId))
    .where(and(eq(tranches.milestoneId, milestoneId), isNull(tranches.disbursementId), inArray(allocations.status, ['approved', 'disbursing'])))
    .for('update', { of: [tranches, allocations] })
  const released: { reference: string; amountUsd: number }[] = []
  for (const { tranche, allocation, projectTitle, milestoneTitle } of due) {
    // The reference travels with the money: on the ledger transaction (public) and on the tranche.
    const reference = disbursementReference(tranche.id)
    const id = await post(tx, {
      kind: 'disbursement',
      memo: `Tranche for “${milestoneTitle}” of ${projectTitle}`,
      reference,
      allocationId: allocation.id,
      projectId: allocation.projectId,
      milestoneId,
      createdBy: actorId,
      entries: [
        { account: accounts.allocated(allocation.projectId), amount: -tranche.amountUsd },
        { account: accounts.disbursed(allocation.projectId), amount: tranche.amountUsd },
      ],
    })
    await tx.update(tranches).set({ disbursementId: id, disbursedAt: new Date(), reference }).where(eq(tranches.id, tranche.id))
    const [left] = await tx
      .select({ open: sql<number>`count(*) filter (where ${tranches.disbursementId} is null)::int`, disbursed: sql<number>`coalesce(sum(${tranches.amountUsd}) filter (where ${tranches.disbursementId} is not null), 0)::bigint` })
      .from(tranches)
      .where(eq(tranches.allocationId, allocation.id))
    const closed = left?.open === 0 && Number(left.disbursed) >= allocation.amountUsd
    await tx.update(allocations).set({ status: closed ? 'closed' : 'disbursing', updatedAt: new Date() }).where(eq(allocations.id, allocation.id))
    await recordAudit(tx, { actorId, action: 'allocation.disbursed', entityType: 'allocation', entityId: allocation.id, summary: { milestoneId, amountUsd: tranche.amountUsd, reference } })
    released.push({ reference, amountUsd: tranche.amountUsd })
  }
  return released
}
