import { and, eq, inArray, sql } from 'drizzle-orm'
import type { SessionUser } from '~/domain/accounts/sessions.server'
import { createOrUpdateUser } from '~/domain/accounts/users.server'
import { reverseAllocation } from '~/domain/fund/allocations.server'
import { decideMatch, expressInterest, proposeMatch } from '~/domain/matching/matches.server'
import { DecisionSchema, InterestSchema, ProposalSchema } from '~/domain/matching/workflow-schemas'
import { addMonths, isoDay } from '~/domain/projects/progress'
import { answerFundingInvitation } from '~/domain/projects/funders.server'
import { createProjectFromMatch, postProjectMessage, publishProject, transitionProject } from '~/domain/projects/projects.server'
import { evaluateProject, reviewFinalReport, reviewProgressUpdate, saveFinalReport, saveProgressUpdate } from '~/domain/projects/reports.server'
import { EvaluationSchema, EvidenceSchema, FinalReportSchema, IndicatorSchema, MilestoneSchema, ProgressUpdateSchema, ProjectSetupSchema, ReviewSchema, TransitionSchema, type FinalReportInput } from '~/domain/projects/schemas'
import { addIndicator, addMilestone, reviewMilestone, reviewWorkplan, startMilestone, submitMilestone, submitWorkplan } from '~/domain/projects/workplan.server'
import { transitionRequest } from '~/domain/requests/requests.server'
import type { Database, Db } from '~/utils/db.server'
import { finalReports, fundingInvitations, memberships, milestones, offers, organizations, progressUpdates, projects, requests, users } from '#db/schema/index'
import type { AllocationId, ContributionId, IndicatorId, MatchId, MilestoneId, OrganizationId, ProjectId, RequestId, UserId } from '#db/schema/index'
import { allocateFromFund, demoFundAccounts, fundTheDemo, pledgeToFund, receiveTransfer, settleFundDates, type AllocationPlan, type PledgePlan, type TransferPlan } from './fund'
import { DAY, Demo } from './clock'
import { stories } from './project-stories'
import type { Agreement, Day, IndicatorPlan, MilestonePlan, ReportPlan, RequestDates, Story, StoryActions, Who } from './story-types'

/**
 * Demo projects at every stage of their life (app/demo/project-stories.ts), built through the real domain functions
 * acting as the people involved (so every rule holds), then dated back so each story reads like months of work
 * ending today: inception, active (approved, submitted and overdue milestones, approved progress with breakdowns),
 * on hold, completed with its final report awaiting approval, and closed with the State's evaluation. The fund
 * (app/demo/fund.ts) pays in first, then allocates to each project once its workplan is approved; approving a
 * milestone releases its tranche.
 */

/** People who act for the other States and partners of the demo projects (same password as the demo accounts). */
export const demoProjectAccounts = [
  { email: 'iom@demo.connection-hub.org', displayName: 'Marta Kowalska', organization: 'iom' },
  { email: 'ilo@demo.connection-hub.org', displayName: 'Claire Dubois', organization: 'ilo' },
  { email: 'unhcr@demo.connection-hub.org', displayName: 'Diego Morales', organization: 'unhcr' },
  { email: 'who@demo.connection-hub.org', displayName: 'Nomvula Dlamini', organization: 'who' },
  { email: 'undp@demo.connection-hub.org', displayName: 'Jonas Lindqvist', organization: 'undp' },
  { email: 'uganda@demo.connection-hub.org', displayName: 'Sarah Namubiru', organization: 'uga-ubos' },
  { email: 'nepal@demo.connection-hub.org', displayName: 'Bikash Shrestha', organization: 'npl-moless' },
  { email: 'panama@demo.connection-hub.org', displayName: 'Ana Lucía Castillo', organization: 'pan-snm' },
  { email: 'thailand@demo.connection-hub.org', displayName: 'Pimchanok Srisuk', organization: 'tha-moph' },
  { email: 'morocco@demo.connection-hub.org', displayName: 'Youssef El Amrani', organization: 'mar-maec' },
  { email: 'moldova@demo.connection-hub.org', displayName: 'Natalia Ciobanu', organization: 'mda-brd' },
]

/** Emails of the demo load are discarded (see discardMail), so their links need no origin. */
const origin = ''

/** A demo request dated back; a request still awaiting screening is published by the secretariat on its day. */
async function requestOf(demo: Demo, key: string, dates: RequestDates) {
  const [request] = await demo.tx.select({ id: requests.id, status: requests.status }).from(requests).where(eq(requests.key, key))
  if (!request) throw new Error(`demo projects: no request ${key}`)
  demo.tell(request.id)
  const published = request.status === 'published'
  if (!published && request.status !== 'submitted') throw new Error(`demo projects: request ${key} is ${request.status}`)
  await demo.tx
    .update(requests)
    .set({ createdAt: demo.moment(dates.drafted), submittedAt: demo.moment(dates.submitted), updatedAt: demo.moment(dates.submitted), ...(published ? { publishedAt: demo.moment(dates.published) } : {}) })
    .where(eq(requests.id, request.id))
  if (!published) await demo.at(dates.published, () => transitionRequest(demo.tx, demo.person(secretariat), request.id, 'publish', { origin }))
  return request.id
}

async function organizationId(tx: Db, slug: string) {
  const [row] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, slug))
  if (!row) throw new Error(`demo projects: no organisation ${slug}`)
  return row.id
}

async function offerId(tx: Db, key: string) {
  const [row] = await tx.select({ id: offers.id }).from(offers).where(eq(offers.key, key))
  if (!row) throw new Error(`demo projects: no offer ${key}`)
  return row.id
}

/** An agreed match on the request, reached as in life; the offer it names was online before. */
async function agree(demo: Demo, requestId: RequestId, state: string, a: Agreement): Promise<MatchId> {
  const { tx } = demo
  const providerId = await organizationId(tx, a.provider)
  const offer = await offerId(tx, a.offer)
  const opened = 'interest' in a.via ? a.via.interest : a.via.proposed
  await tx.execute(sql`update offers set published_at = least(published_at, ${demo.moment(opened + 60).toISOString()}::timestamptz),
    created_at = least(created_at, ${demo.moment(opened + 70).toISOString()}::timestamptz) where id = ${offer}`)
  const via = a.via
  const matchId =
    'interest' in via
      ? await demo.at(via.interest, () =>
          expressInterest(tx, demo.person(a.by), requestId, InterestSchema.parse({ providerId, offerId: offer, message: via.message, budgetAmount: via.budget[0], budgetCurrency: via.budget[1] }), origin),
        )
      : await demo.at(via.proposed, () => proposeMatch(tx, demo.person(secretariat), requestId, ProposalSchema.parse({ providerId, offerId: offer, note: via.note }), origin))
  await tx.execute(sql`update matches set expires_at = created_at + interval '21 days' where id = ${matchId}`)
  if ('proposed' in via) await demo.at(via.providerAccepts, () => decideMatch(tx, demo.person(a.by), matchId, DecisionSchema.parse({ decision: 'accept', side: 'provider' }), origin))
  await demo.at(a.stateAccepts, () => decideMatch(tx, demo.person(state), matchId, DecisionSchema.parse({ decision: 'accept', side: 'request' }), origin))
  await tx.execute(sql`update matches m set time_to_match_seconds = extract(epoch from m.agreed_at - r.published_at)::int
    from requests r where r.id = m.request_id and m.id = ${matchId}`)
  return matchId
}

/** One project's story: who acts, and a helper per step (story-types.ts → StoryActions), each dated `daysAgo`. */
class ProjectStory implements StoryActions {
  readonly milestones: MilestoneId[] = []
  readonly indicators: IndicatorId[] = []
  private readonly allocations: AllocationId[] = []
  private pledgeId: ContributionId | null = null

  constructor(
    private readonly demo: Demo,
    readonly id: ProjectId,
    private readonly people: Record<Exclude<Who, 'funder'>, SessionUser> & { funder?: SessionUser },
    readonly startDate: string,
    readonly endDate: string,
    private readonly reportingMonths: number,
  ) {}

  private get tx() {
    return this.demo.tx
  }

  private as(who: Who) {
    const person = this.people[who]
    if (!person) throw new Error(`demo projects: nobody acts as ${who}`)
    return person
  }

  async plan(daysAgo: number, plans: MilestonePlan[], indicators: IndicatorPlan[]) {
    await this.demo.at(daysAgo, async () => {
      for (const m of plans) {
        const input = MilestoneSchema.parse({ title: m.title, deliverable: m.deliverable, dueDate: this.demo.day(m.due), trancheAmount: m.tranche })
        const id = await addMilestone(this.tx, this.as('implementer'), this.id, input)
        if (!id) throw new Error('demo projects: milestone not saved')
        this.milestones.push(id)
      }
    })
    await this.addIndicators(daysAgo, indicators)
  }

  async addIndicators(daysAgo: number, plans: IndicatorPlan[]) {
    await this.demo.at(daysAgo, async () => {
      for (const i of plans) {
        const id = await addIndicator(this.tx, this.as('implementer'), this.id, IndicatorSchema.parse({ ...i, disaggregation: i.disaggregation ?? [] }))
        if (!id) throw new Error('demo projects: indicator not saved')
        this.indicators.push(id)
      }
    })
  }

  submitWorkplan(daysAgo: number) {
    return this.demo.at(daysAgo, () => submitWorkplan(this.tx, this.as('implementer'), this.id, origin))
  }

  reviewWorkplan(daysAgo: number, decision: 'approve' | 'return', comment?: string) {
    return this.demo.at(daysAgo, () => reviewWorkplan(this.tx, { user: this.as('secretariat'), projectId: this.id, input: ReviewSchema.parse({ decision, comment }), origin }))
  }

  steer(daysAgo: Day, action: 'start' | 'hold' | 'complete' | 'close', reason?: string) {
    return this.demo.at(daysAgo, () => transitionProject(this.tx, { user: this.as('secretariat'), projectId: this.id, input: TransitionSchema.parse({ action, reason }), origin }))
  }

  publish(daysAgo: number) {
    return this.demo.at(daysAgo, () => publishProject(this.tx, this.as('secretariat'), this.id, true))
  }

  startMilestone(n: number, daysAgo: number) {
    return this.demo.at(daysAgo, () => startMilestone(this.tx, this.as('implementer'), this.id, this.milestone(n)))
  }

  submitMilestone(n: number, daysAgo: number, evidence: string, file?: { name: string; text: string }) {
    const upload = file ? { name: file.name, bytes: new TextEncoder().encode(file.text) } : null
    return this.demo.at(daysAgo, () => submitMilestone(this.tx, { user: this.as('implementer'), projectId: this.id, milestoneId: this.milestone(n), input: EvidenceSchema.parse({ evidence }), file: upload, origin }))
  }

  reviewMilestone(n: number, daysAgo: number, decision: 'approve' | 'return', comment?: string) {
    return this.demo.at(daysAgo, () => reviewMilestone(this.tx, { user: this.as('secretariat'), projectId: this.id, milestoneId: this.milestone(n), input: ReviewSchema.parse({ decision, comment }), origin }))
  }

  /** A milestone handed in with its evidence and approved, each on its day (its start leaves no date, so it is skipped). */
  async deliver(n: number, days: { submitted: number; approved: number }, evidence: string) {
    await this.submitMilestone(n, days.submitted, evidence)
    await this.reviewMilestone(n, days.approved, 'approve')
  }

  async report(n: number, r: ReportPlan) {
    const periodStart = addMonths(this.startDate, this.reportingMonths * (n - 1))
    const next = addMonths(this.startDate, this.reportingMonths * n)
    const dayBefore = isoDay(new Date(Date.parse(`${next}T00:00:00Z`) - DAY))
    const periodEnd = dayBefore < this.endDate ? dayBefore : this.endDate
    const submitted = this.demo.daysAgo(periodEnd) - r.submittedAfter
    const values = r.values.flatMap((v, i) => {
      if (v === null) return []
      const { value, by } = typeof v === 'number' ? { value: v, by: {} } : v
      const breakdown = Object.entries(by).flatMap(([dimension, categories]) => Object.entries(categories).map(([category, n]) => ({ dimension, category, value: n })))
      return [{ indicatorId: this.indicators[i], value, breakdown }]
    })
    const input = ProgressUpdateSchema.parse({ periodStart, periodEnd, narrative: r.narrative, estimatedPercent: r.percent, values })
    const updateId = await this.demo.at(submitted, () => saveProgressUpdate(this.tx, { user: this.as('implementer'), projectId: this.id, updateId: null, input, submit: true, origin }))
    if (r.approvedAfter !== undefined) {
      await this.demo.at(submitted - r.approvedAfter, () => reviewProgressUpdate(this.tx, { user: this.as('secretariat'), projectId: this.id, updateId, input: { decision: 'approve' }, origin }))
    }
  }

  say(daysAgo: Day, who: Who, body: string, hour?: number) {
    return this.demo.at(daysAgo, () => postProjectMessage(this.tx, { user: this.as(who), projectId: this.id, body, origin }), hour)
  }

  finalReport(daysAgo: number, report: FinalReportInput) {
    return this.demo.at(daysAgo, () => saveFinalReport(this.tx, { user: this.as('implementer'), projectId: this.id, input: FinalReportSchema.parse(report), submit: true, origin }))
  }

  reviewFinalReport(daysAgo: number, decision: 'approve' | 'return', comment?: string) {
    return this.demo.at(daysAgo, () => reviewFinalReport(this.tx, { user: this.as('secretariat'), projectId: this.id, input: ReviewSchema.parse({ decision, comment }), origin }))
  }

  evaluate(daysAgo: number, rating: number, comment: string) {
    return this.demo.at(daysAgo, () => evaluateProject(this.tx, { user: this.as('state'), projectId: this.id, input: EvaluationSchema.parse({ rating, comment }), origin }))
  }

  async allocate(daysAgo: number, plan: AllocationPlan) {
    this.allocations.push(await this.demo.at(daysAgo, () => allocateFromFund(this.demo, this, plan)))
  }

  async pledge(daysAgo: number, pledge: PledgePlan) {
    this.pledgeId = await this.demo.at(daysAgo, () => pledgeToFund(this.demo, this.as('funder'), pledge, this.id))
  }

  receiveTransfer(daysAgo: number, transfer: TransferPlan) {
    if (!this.pledgeId) throw new Error('demo projects: no pledge to receive a transfer against')
    return this.demo.at(daysAgo, () => receiveTransfer(this.demo, this.pledgeId!, daysAgo, transfer))
  }

  reverseAllocation(daysAgo: Day, n: number, reason: string) {
    const id = this.allocations[n - 1]
    if (!id) throw new Error(`demo projects: no allocation ${n}`)
    return this.demo.at(daysAgo, () => reverseAllocation(this.tx, this.as('secretariat'), id, reason))
  }

  private milestone(n: number) {
    const id = this.milestones[n - 1]
    if (!id) throw new Error(`demo projects: no milestone ${n}`)
    return id
  }
}

/** From the request to a project in inception, set up from the agreed match. */
async function begin(demo: Demo, s: Story) {
  const requestId = await requestOf(demo, s.request, s.requestDates)
  const matchId = await agree(demo, requestId, s.state, s.match)
  const { tx } = demo
  const sources = []
  for (const source of s.setup.sources) {
    sources.push({ label: source.label, amount: source.amount, organizationId: source.organization ? await organizationId(tx, source.organization) : '' })
  }
  const startDate = demo.day(s.setup.start)
  const endDate = addMonths(startDate, s.setup.months)
  const input = ProjectSetupSchema.parse({
    title: s.setup.title,
    summary: s.setup.summary,
    startDate,
    endDate,
    budgetAmount: s.setup.budget[0],
    budgetCurrency: s.setup.budget[1],
    reportingMonths: s.setup.reportingMonths,
    sources,
  })
  const creator = s.setup.by === 'state' ? demo.person(s.state) : demo.person(secretariat)
  const projectId = await demo.at(s.setup.created, () => createProjectFromMatch(tx, { user: creator, matchId, input, origin }))
  await acceptFunding(demo, projectId as ProjectId, s.setup.created)
  // The request now carries the plan the project was set up with.
  await tx.update(requests).set({ startDate, durationMonths: s.setup.months }).where(eq(requests.id, requestId))
  const people = { secretariat: demo.person(secretariat), state: demo.person(s.state), implementer: demo.person(s.implementer), ...(s.funder ? { funder: demo.person(s.funder) } : {}) }
  return new ProjectStory(demo, projectId, people, startDate, endDate, s.setup.reportingMonths)
}

/** The funders a State named accept the same day: an owner of each organisation answers its invitation. */
async function acceptFunding(demo: Demo, projectId: ProjectId, day: Day) {
  const invited = await demo.tx
    .select({ organizationId: fundingInvitations.organizationId, email: users.email })
    .from(fundingInvitations)
    .innerJoin(memberships, and(eq(memberships.organizationId, fundingInvitations.organizationId), eq(memberships.role, 'owner')))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(fundingInvitations.projectId, projectId), eq(fundingInvitations.status, 'pending')))
  for (const { organizationId, email } of invited) {
    await demo.at(day, () => answerFundingInvitation(demo.tx, { user: demo.person(email), projectId, organizationId, decision: 'accept', origin }))
  }
}

const secretariat = 'secretariat@demo.connection-hub.org'

/** A story told step by step, each step acted by the person it belongs to (see StoryActions). */
async function tellStory(demo: Demo, story: Story) {
  const p = await begin(demo, story)
  for (const [action, ...args] of story.steps) await (p[action] as (...a: unknown[]) => Promise<unknown>).apply(p, args)
}

/** The accounts of the other parties and of the fund's donors, each owning its organisation as the demo accounts do. */
async function addAccounts(db: Database, password: string) {
  // Hashing the passwords is the slow part; the pool spreads it over its threads.
  const created = await Promise.all(
    [...demoProjectAccounts, ...demoFundAccounts].map(async (account) => {
      const { user } = await createOrUpdateUser(db, { email: account.email, password, displayName: account.displayName, role: 'user' })
      return [account.organization, user.id] as const
    }),
  )
  return new Map<string, UserId>(created.flatMap(([organization, id]) => (organization ? [[organization, id] as const] : [])))
}

/** The secretariat keeps its notices of work still waiting for review, dated when it was handed in; the rest go. */
async function keepPendingNotices(tx: Db, projectIds: ProjectId[]) {
  const mine = <T extends { id: string; at: Date | null }>(rows: T[]) => new Map(rows.map((r) => [r.id as string, r.at]))
  // Which notice announces which waiting piece of work (its link names the piece), and when it was handed in.
  const waiting: Record<string, Map<string, Date | null>> = {
    milestoneSubmitted: mine(await tx.select({ id: milestones.id, at: milestones.submittedAt }).from(milestones).where(and(eq(milestones.status, 'submitted'), inArray(milestones.projectId, projectIds)))),
    updateSubmitted: mine(await tx.select({ id: progressUpdates.id, at: progressUpdates.submittedAt }).from(progressUpdates).where(and(eq(progressUpdates.status, 'pending'), inArray(progressUpdates.projectId, projectIds)))),
    finalReportSubmitted: mine(await tx.select({ id: finalReports.projectId, at: finalReports.submittedAt }).from(finalReports).where(and(eq(finalReports.status, 'pending'), inArray(finalReports.projectId, projectIds)))),
    // Nothing else changes a project in inception once its workplan is handed in.
    workplanSubmitted: mine(await tx.select({ id: projects.id, at: projects.updatedAt }).from(projects).where(and(eq(projects.workplanStatus, 'pending'), inArray(projects.id, projectIds)))),
  }
  // Everything this load notified carries the transaction's time, now().
  const notices = await tx.execute<{ id: string; kind: string; link: string; user_id: string }>(sql`select id, kind, link, user_id from notifications where created_at = now()`)
  const kept = new Set<string>()
  for (const notice of notices) {
    const handedIn = [...(waiting[notice.kind] ?? [])].find(([id]) => notice.link.includes(id))?.[1]
    const key = `${notice.user_id} ${notice.link}`
    if (!handedIn || kept.has(key)) continue
    kept.add(key)
    await tx.execute(sql`update notifications set created_at = ${handedIn.toISOString()}::timestamptz where id = ${notice.id}`)
  }
  await tx.execute(sql`delete from notifications where created_at = now()`)
}

/** The emails the domain queued while the demo was built: nobody should receive months of news at once. */
async function discardMail(tx: Db) {
  const gone = await tx.execute<{ id: string }>(sql`delete from email_outbox where created_at = now() returning id::text as id`)
  const ids = Array.from(gone, (row) => row.id)
  if (ids.length) await tx.execute(sql`delete from pgboss.job where name = 'email.send' and data->>'emailId' in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`)
}

/**
 * Loads the demo fund and projects into a database that holds the demo data (app/demo/load.ts), in one transaction.
 * Returns how many projects, the accounts of their parties and those of the fund's donors.
 */
export async function loadDemoProjects(db: Database, options: { password: string }) {
  const accountIds = await addAccounts(db, options.password)
  return db.transaction(async (tx) => {
    const orgs = await tx.select({ id: organizations.id, slug: organizations.slug }).from(organizations).where(inArray(organizations.slug, [...accountIds.keys()]))
    await tx
      .insert(memberships)
      .values(orgs.map((o) => ({ organizationId: o.id as OrganizationId, userId: accountIds.get(o.slug)!, role: 'owner' as const })))
      .onConflictDoNothing()
    const people = await tx.select({ id: users.id, email: users.email, displayName: users.displayName, platformRole: users.platformRole, emailVerifiedAt: users.emailVerifiedAt, locale: users.locale }).from(users)
    const [clock] = await tx.execute<{ now: string }>(sql`select (extract(epoch from now()) * 1000)::text as now`)
    const loadedAt = new Date(Number(clock?.now))
    const cutoff = new Date(Math.min(loadedAt.getTime(), Date.now()) - 10 * 60_000).toISOString()
    const demo = new Demo(tx, new Map(people.map((p) => [p.email, p])), loadedAt, cutoff)
    await fundTheDemo(demo)
    for (const story of stories) await tellStory(demo, story)

    const own = await tx.select({ id: projects.id }).from(projects).where(inArray(projects.requestId, demo.requestIds))
    await keepPendingNotices(tx, own.map((p) => p.id))
    await discardMail(tx)
    // The organisations taking part were on the Hub, verified, before the first of these stories began.
    await tx.execute(sql`update organizations o set created_at = least(o.created_at, first.at - interval '90 days'), verified_at = least(o.verified_at, first.at - interval '60 days')
      from (select min(created_at) as at from requests where id in (${sql.join(demo.requestIds.map((id) => sql`${id}::uuid`), sql`, `)})) first
      where o.verification_status = 'verified' and o.id in (select organization_id from project_participants where ${inArray(sql`project_id`, own.map((p) => p.id))})`)
    await settleFundDates(tx)
    return { projects: own.length, accounts: demoProjectAccounts.map((a) => a.email), donors: demoFundAccounts.map((a) => a.email) }
  })
}
