import { and, eq, sql } from 'drizzle-orm'
import type { SessionUser } from '~/domain/accounts/sessions.server'
import { createPractice, createPracticeFromProject, reviewPractice, submitPractice, updatePractice } from '~/domain/knowledge/practices.server'
import { PracticeSchema } from '~/domain/knowledge/schemas'
import type { Database, Db } from '~/utils/db.server'
import { finalReports, organizations, practices, projects, requests, users, type PracticeId, type ProjectId } from '../schema/index'

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
  input: Record<string, unknown>
  submitted: number
  /** Days ago; left out for the practice still awaiting review. */
  published?: number
}

const plans: PracticePlan[] = [
  {
    by: 'iom@demo.connection-hub.org',
    organization: 'iom',
    fromProject: true,
    submitted: 36,
    published: 30,
    input: {
      title: 'Regional reintegration units with case managers seconded by the ministry',
      summary: 'Two regional units in Béni Mellal and Oujda gave returnees from Europe one case manager each, an individual reintegration plan and fast referrals to employment and training services.',
      whatWasDone: 'IOM and the Ministry set up two regional reintegration units, staffed by six case managers trained in the integrated reintegration approach, two of them seconded by the Ministry. Referral agreements gave returnees priority at ANAPEC (employment) and OFPPT (vocational training). A regional committee chose 254 returnees for small-business grants with six months of coaching, and a survey followed returnees at 6 and 12 months.',
      objectives: [21, 7, 23],
      principles: ['people_centred', 'whole_of_government', 'gender_responsive'],
      countries: ['MAR'],
      links: 'https://www.iom.int/reintegration',
    },
  },
  {
    by: 'morocco@demo.connection-hub.org',
    organization: 'mar-maec',
    fromProject: true,
    submitted: 33,
    published: 27,
    input: {
      title: 'Planning reintegration grants from the inception phase',
      summary: 'Small-business grants for returnees in the Oriental were paid late because of procurement rules. Planning the grant procedure during inception would have avoided the delay.',
      whatWasDone: 'The regional committees chose the grantees and the grants were paid through the project’s procurement procedure. In the Oriental, the procedure for cash grants had to be agreed after the committee had met, which delayed payments by several weeks; coaching began before the money arrived.',
      lessons: 'Agree how grants will be paid — procurement rules, bank accounts of grantees, tranches — during the inception phase, before any committee meets. Start coaching when the grant is paid, not before. Seconding ministry officials as case managers made referrals faster and kept the units running after the project.',
      objectives: [21, 19],
      principles: ['national_sovereignty', 'whole_of_government'],
      countries: ['MAR'],
    },
  },
  {
    by: 'who@demo.connection-hub.org',
    organization: 'who',
    submitted: 20,
    published: 16,
    input: {
      title: 'Health insurance enrolment days held on factory premises',
      summary: 'Enrolling migrant workers and their families in public health insurance at their workplace, with interpreters, reached far more people than enrolment drives at hospitals.',
      whatWasDone: 'With the Provincial Health Office of Tak, enrolment days were organised with 60 factories and farms in Mae Sot, Phop Phra and Mae Ramat. Interpreters and insurance officers came to the workplace; 200 migrant health volunteers, chosen by their communities, followed up families and referred children for immunisation.',
      results: 'Enrolment rose from 18,000 to 29,200 people, 46 per cent of them women. 74 per cent of migrant children under five have an up-to-date immunisation record, up from 41 per cent.',
      lessons: 'Go to the workplace, with interpreters, at times agreed with employers. Volunteers recruited by the communities themselves stay active; those nominated by employers often leave with their jobs.',
      objectives: [15, 22],
      principles: ['people_centred', 'human_rights', 'child_sensitive'],
      countries: ['THA'],
      periodStart: '2024-01-01',
      periodEnd: '2025-06-30',
    },
  },
  {
    by: 'state@demo.connection-hub.org',
    organization: 'bgd-mewoe',
    submitted: 58,
    published: 52,
    input: {
      title: 'Evening pre-departure orientation for women domestic workers',
      summary: 'Moving the pre-departure orientation course to the evening, and running it in district training centres, doubled the number of women domestic workers who attended it before leaving.',
      whatWasDone: 'The Bureau of Manpower, Employment and Training revised the three-day orientation course with returnee trainers and moved it to evening sessions in 12 district training centres, with childcare on site. The course covers contracts, wages, helplines and consular services in the main destination countries.',
      results: 'Attendance by women domestic workers rose from 3,100 to 6,800 a year. Calls from women abroad to the Bureau’s helpline rose by a third, most of them about unpaid wages.',
      lessons: 'Women could not attend daytime courses while working or caring for children. Returnee trainers were trusted more than officials. The helpline needs staff who speak the languages of the destination countries’ employers.',
      objectives: [3, 6, 7],
      principles: ['gender_responsive', 'human_rights'],
      countries: ['BGD'],
      periodStart: '2023-07-01',
      periodEnd: '2024-12-31',
    },
  },
  {
    by: 'partner@demo.connection-hub.org',
    organization: 'migration-data-lab',
    submitted: 45,
    published: 40,
    input: {
      title: 'A short migration module for existing household surveys',
      summary: 'Eighteen questions added to a national household survey give reliable figures on emigration, return and remittances at a fraction of the cost of a dedicated migration survey.',
      whatWasDone: 'With national statistics offices, a module of 18 questions on place of birth, previous residence, household members abroad and remittances was drafted, tested with cognitive interviews and piloted in four districts before being added to the national household survey.',
      results: 'The module added four minutes to the average interview. The first round produced estimates of emigration and remittances by district for the first time.',
      lessons: 'Test the questions on household members abroad carefully: respondents often leave out relatives who left long ago. Agree definitions with the immigration service early, so that survey and border data can be compared.',
      objectives: [1, 20],
      principles: ['sustainable_development', 'international_cooperation'],
      countries: ['UGA', 'KEN'],
      links: 'https://www.un.org/en/development/desa/population/migration/',
    },
  },
  {
    by: 'ilo@demo.connection-hub.org',
    organization: 'ilo',
    submitted: 26,
    published: 21,
    input: {
      title: 'Risk-based inspection of recruitment agencies',
      summary: 'Ranking licensed recruitment agencies by risk — demand letters, licence history, complaints — let a small labour inspectorate focus its visits where workers were most likely to be overcharged.',
      whatWasDone: 'With the Department of Foreign Employment, a risk score was specified from data the Department already held, and an evidence standard set out which receipts and bank records workers and inspectors need for an overcharging complaint to be prosecuted. 120 inspectors and investigators were trained on the ILO General Principles for Fair Recruitment, the risk score and the evidence standard.',
      results: 'The Department’s annual inspection plan now follows the risk score. In its first year, inspections of the highest-risk agencies found violations three times as often as random visits did.',
      lessons: 'Use the data the inspectorate already holds before asking for new data. Without a clear evidence standard, complaints of overcharging rarely reach a court. Talks with destination countries on employer-pays clauses are needed for the reform to last.',
      objectives: ['6', '10'],
      principles: ['rule_of_law', 'human_rights'],
      countries: ['NPL'],
      periodStart: '2023-09-01',
      periodEnd: '2025-03-31',
    },
  },
  {
    by: 'unhcr@demo.connection-hub.org',
    organization: 'unhcr',
    submitted: 14,
    published: 9,
    input: {
      title: 'Child-sensitive screening and referral at reception stations',
      summary: 'Short screening forms, validated with the migration authority and used by trained officials, identify children and people with protection needs on arrival and refer them to the right agency the same day.',
      whatWasDone: 'Screening forms and standard operating procedures were designed with the National Migration Service, child-protection and refugee agencies. Officials at two reception stations were trained in trauma-informed interviewing, and information points in four languages explained rights and procedures.',
      results: 'Referrals of unaccompanied children to the child-protection agency were made within 24 hours in nine cases out of ten. Asylum claims were registered at the stations instead of weeks later in the capital.',
      lessons: 'Write the referral pathways down and have each agency sign them before training starts. Information in Haitian Creole and French reached people that Spanish and English did not.',
      objectives: [12, 7, 11],
      principles: ['child_sensitive', 'human_rights', 'rule_of_law'],
      countries: ['PAN'],
    },
  },
  {
    by: 'undp@demo.connection-hub.org',
    organization: 'undp',
    submitted: 3,
    input: {
      title: 'Diaspora expert assignments matched through a public platform',
      summary: 'Short assignments of diaspora professionals in hospitals, universities and ministries, offered and matched through a public platform, brought skills home without asking people to return for good.',
      whatWasDone: 'A public platform lets institutions post needs and diaspora professionals apply for assignments of two to eight weeks; the Bureau for Diaspora Relations covers travel and the host institution reports on each assignment.',
      results: 'Twenty assignments were completed in the first year, most of them in hospitals and universities.',
      lessons: 'Host institutions must name a counterpart before the assignment starts. Remote follow-up after the assignment made its results last.',
      objectives: [19, 23],
      principles: ['whole_of_government', 'international_cooperation'],
      countries: ['MDA'],
    },
  },
]

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
    const input = PracticeSchema.parse({ results: draft?.results, lessons: draft?.lessons, periodStart: draft?.periodStart, periodEnd: draft?.periodEnd, ...plan.input })
    await updatePractice(tx, person, id, input)
    await submitPractice(tx, person, id, origin)
    return id
  }
  const [org] = await tx.select().from(organizations).where(eq(organizations.slug, plan.organization))
  if (!org) throw new Error(`demo practices: no organisation ${plan.organization}`)
  // Without the project, the practice is told from its final report all the same.
  const input = PracticeSchema.parse({ results: 'See the project’s final report.', lessons: 'See the project’s final report.', ...plan.input })
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
