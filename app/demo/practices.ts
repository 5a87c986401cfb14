import { and, eq, sql } from 'drizzle-orm'
import type { SessionUser } from '~/domain/accounts/sessions.server'
import { createPractice, createPracticeFromProject, reviewPractice, submitPractice, updatePractice } from '~/domain/practices/practices.server'
import { PracticeSchema } from '~/domain/practices/schemas'
import type { Database, Db } from '~/utils/db.server'
import practicePlans from './practices.json' with { type: 'json' }
import { finalReports, organizations, practices, projects, requests, users, type PracticeId, type ProjectId } from '#db/schema/index'

/**
 * The demo repository of practices: two drawn from the closed Moroccan reintegration project (by IOM, its
 * implementer, and by the Ministry, the requesting State), others shared by demo organisations from what their
 * projects and programmes taught them, and one awaiting the secretariat's review. Built through the domain
 * (created, submitted, published by the secretariat), then dated back.
 */

/** Emails of the demo load are discarded, so their links need no origin. */
const origin = ''
const SECRETARIAT = 'secretariat@demo.connection-hub.org'
const MOROCCO_REQUEST = 'mar-returnee-reintegration'

interface PracticePlan {
  by: string
  organization: string
  /** Drawn from the Moroccan project when it is closed with its final report approved. */
  fromProject?: boolean
  /** The language the practice is written in (English when not said). */
  language?: string
  input: Record<string, unknown>
  submitted: number
  /** Days ago; left out for the practice still awaiting review. */
  published?: number
}

/** What each organisation shares, as data (practices.json): the fields of the practice form, as people type them. */
const plans: PracticePlan[] = practicePlans

const DAY = 86_400_000

async function personOf(tx: Db, email: string): Promise<SessionUser> {
  const [user] = await tx
    .select({ id: users.id, email: users.email, displayName: users.displayName, platformRole: users.platformRole, emailVerifiedAt: users.emailVerifiedAt, locale: users.locale })
    .from(users)
    .where(eq(users.email, email))
  if (!user) throw new Error(`demo practices: no account ${email}`)
  return user
}

/** The closed Moroccan project, when its final report is approved: practices can be drawn from it. */
async function closedMoroccanProject(tx: Db) {
  const [row] = await tx
    .select({ id: projects.id })
    .from(projects)
    .innerJoin(requests, eq(requests.id, projects.requestId))
    .innerJoin(finalReports, eq(finalReports.projectId, projects.id))
    .where(and(eq(requests.key, MOROCCO_REQUEST), eq(projects.status, 'closed'), eq(finalReports.status, 'approved')))
  return (row?.id as ProjectId | undefined) ?? null
}

async function share(tx: Db, plan: PracticePlan, projectId: ProjectId | null): Promise<PracticeId> {
  const person = await personOf(tx, plan.by)
  if (plan.fromProject && projectId) {
    const id = await createPracticeFromProject(tx, person, projectId)
    // The draft keeps the report's results (and lessons, unless the plan says better), edited by its author.
    const [draft] = await tx.select().from(practices).where(eq(practices.id, id))
    const input = PracticeSchema.parse({ results: draft?.results, lessons: draft?.lessons, periodStart: draft?.periodStart, periodEnd: draft?.periodEnd, language: plan.language, ...plan.input })
    await updatePractice(tx, person, id, input)
    await submitPractice(tx, person, id, origin)
    return id
  }
  const [org] = await tx.select().from(organizations).where(eq(organizations.slug, plan.organization))
  if (!org) throw new Error(`demo practices: no organisation ${plan.organization}`)
  // Without the project, the practice is told from its final report all the same.
  const input = PracticeSchema.parse({ results: 'See the project’s final report.', lessons: 'See the project’s final report.', language: plan.language, ...plan.input })
  return createPractice(tx, person, org, input, { submit: true, origin })
}

/** Loads the demo practices into a database holding the demo data and projects, in one transaction, and says how many. */
export async function loadDemoPractices(db: Database, log: (line: string) => void = () => {}) {
  const counts = await db.transaction(async (tx) => {
    const secretariat = await personOf(tx, SECRETARIAT)
    const projectId = await closedMoroccanProject(tx)
    const [clock] = await tx.execute<{ now: string }>(sql`select (extract(epoch from now()) * 1000)::text as now`)
    const midnight = Math.floor(Number(clock?.now) / DAY) * DAY
    const at = (daysAgo: number, hour: number) => new Date(midnight - daysAgo * DAY + hour * 3_600_000)
    const waiting: PracticeId[] = []
    for (const plan of plans) {
      const id = await share(tx, plan, projectId)
      if (plan.published !== undefined) await reviewPractice(tx, secretariat, id, { decision: 'publish' }, origin)
      else waiting.push(id)
      const submittedAt = at(plan.submitted, 9)
      const publishedAt = plan.published !== undefined ? at(plan.published, 15) : null
      await tx
        .update(practices)
        .set({ createdAt: at(plan.submitted + 2, 11), submittedAt, publishedAt, updatedAt: publishedAt ?? submittedAt })
        .where(eq(practices.id, id))
    }
    // Nobody should receive a pile of old news: the load's emails and notices go (the review queue shows what waits).
    const gone = await tx.execute<{ id: string }>(sql`delete from email_outbox where created_at = now() returning id::text as id`)
    const ids = Array.from(gone, (row) => row.id)
    if (ids.length) await tx.execute(sql`delete from pgboss.job where name = 'email.send' and data->>'emailId' in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`)
    await tx.execute(sql`delete from notifications where created_at = now() and link like '/practices/%'`)
    return { published: plans.length - waiting.length, awaitingReview: waiting.length }
  })
  log(`Demo practices: ${counts.published} published, ${counts.awaitingReview} awaiting the secretariat’s review.`)
  return counts
}
