import { sql, type SQL } from 'drizzle-orm'
import type { SessionUser } from '~/domain/accounts/sessions.server'
import { daysBetween, isoDay } from '~/domain/projects/progress'
import type { Db } from '~/utils/db.server'
import type { RequestId } from '#db/schema/index'
import type { Day } from './story-types'

export const DAY = 86_400_000

/** Columns stamped with the story's date when a step has just written them, per table and how it is scoped. */
const datedColumns: { table: string; scope: 'request' | 'requestOf' | 'projectOf' | 'any'; columns: string[] }[] = [
  { table: 'requests', scope: 'request', columns: ['updated_at', 'submitted_at', 'published_at', 'closed_at'] },
  { table: 'matches', scope: 'requestOf', columns: ['created_at', 'updated_at', 'proposed_at', 'decided_at', 'agreed_at'] },
  { table: 'projects', scope: 'requestOf', columns: ['created_at', 'updated_at', 'workplan_approved_at', 'published_at', 'started_at', 'completed_at', 'closed_at', 'cancelled_at'] },
  { table: 'milestones', scope: 'projectOf', columns: ['created_at', 'updated_at', 'submitted_at', 'approved_at'] },
  { table: 'indicators', scope: 'projectOf', columns: ['created_at'] },
  { table: 'progress_updates', scope: 'projectOf', columns: ['created_at', 'updated_at', 'submitted_at', 'approved_at'] },
  { table: 'final_reports', scope: 'projectOf', columns: ['updated_at', 'submitted_at', 'approved_at'] },
  { table: 'project_evaluations', scope: 'projectOf', columns: ['created_at'] },
  { table: 'project_messages', scope: 'projectOf', columns: ['created_at'] },
  { table: 'project_documents', scope: 'projectOf', columns: ['created_at'] },
  { table: 'funding_invitations', scope: 'projectOf', columns: ['created_at', 'answered_at'] },
  // The fund's rows are few, and only the step just taken has fresh ones (its ledger is append-only: see Demo).
  { table: 'contributions', scope: 'any', columns: ['created_at', 'updated_at', 'received_at'] },
  { table: 'pledge_receipts', scope: 'any', columns: ['created_at'] },
  { table: 'allocations', scope: 'any', columns: ['created_at', 'updated_at'] },
  { table: 'tranches', scope: 'any', columns: ['disbursed_at'] },
]

/**
 * The demo's clock and the stamping of each step's rows with the date the story gives it. The audit log and the
 * fund's ledger are append-only, so they keep the true time of the load; the timeline reads the audit log only
 * for holds, which the stories therefore make `now`.
 */
export class Demo {
  readonly requestIds: RequestId[] = []
  /** The request whose story is being told: stamping touches only its rows, and the fund's fresh ones. */
  private current: RequestId | null = null
  private readonly midnight: number

  constructor(
    readonly tx: Db,
    private readonly people: Map<string, SessionUser>,
    /** When the load began (the transaction's time); anything written after `cutoff` is not dated yet. */
    private readonly loadedAt: Date,
    private readonly cutoff: string,
  ) {
    this.midnight = Date.UTC(loadedAt.getUTCFullYear(), loadedAt.getUTCMonth(), loadedAt.getUTCDate())
  }

  tell(requestId: RequestId) {
    this.requestIds.push(requestId)
    this.current = requestId
  }

  person(email: string) {
    const user = this.people.get(email)
    if (!user) throw new Error(`demo projects: no account ${email}`)
    return user
  }

  /** An instant `daysAgo` days before today, at `hour` o'clock UTC; always in the past. */
  moment(daysAgo: number, hour = 10) {
    const at = new Date(this.midnight - daysAgo * DAY + hour * 3_600_000)
    if (at.getTime() > Date.now() - 3_600_000) throw new Error(`demo projects: ${daysAgo} days ago is not in the past`)
    return at
  }

  /** The calendar day `daysAgo` days before today (negative: ahead). */
  day(daysAgo: number) {
    return isoDay(new Date(this.midnight - daysAgo * DAY))
  }

  daysAgo(isoDate: string) {
    return daysBetween(isoDate, isoDay(new Date(this.midnight)))
  }

  /** Runs one step of a story, then dates what it wrote `daysAgo` days back (or at the time of the load). */
  async at<T>(daysAgo: Day, step: () => Promise<T>, hour?: number): Promise<T> {
    const result = await step()
    await this.stamp(daysAgo === 'now' ? this.loadedAt : this.moment(daysAgo, hour))
    return result
  }

  private async stamp(at: Date) {
    const when = sql`${at.toISOString()}::timestamptz`
    const inRequests = sql`(${this.current}::uuid)`
    const scopes: Record<(typeof datedColumns)[number]['scope'], SQL> = {
      request: sql`id in ${inRequests}`,
      requestOf: sql`request_id in ${inRequests}`,
      projectOf: sql`project_id in (select id from projects where request_id in ${inRequests})`,
      any: sql`true`,
    }
    const fresh = (column: string) => sql`${sql.identifier(column)} > ${this.cutoff}::timestamptz`
    const updates = datedColumns.map(
      ({ table, scope, columns }) => sql`${sql.identifier(`dated_${table}`)} as (
        update ${sql.identifier(table)}
        set ${sql.join(
          columns.map((c) => sql`${sql.identifier(c)} = case when ${fresh(c)} then ${when} else ${sql.identifier(c)} end`),
          sql`, `,
        )}
        where ${scopes[scope]} and (${sql.join(columns.map(fresh), sql` or `)})
        returning 1)`,
    )
    await this.tx.execute(sql`with ${sql.join(updates, sql`, `)} select 1`)
  }
}
