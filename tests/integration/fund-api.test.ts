import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, test } from 'vitest'
import { eq } from 'drizzle-orm'
import { projects, type ContributionId } from '#db/schema/index'
import type { SessionUser } from '~/domain/accounts/sessions.server'
import { allocate } from '~/domain/fund/allocations.server'
import { recordPledge, recordPledgeReceipt } from '~/domain/fund/contributions.server'
import { accounts, checkLedger, post } from '~/domain/ledger/ledger.server'
import { AllocationSchema, PledgeReceiptSchema, PledgeSchema } from '~/domain/fund/schemas'
import { publishProject } from '~/domain/projects/projects.server'
import { loader as fundLoader } from '~/routes/api.v1.fund'
import { loader as csvLoader } from '~/routes/api.v1.fund.transactions[.]csv'
import { db } from '~/utils/db.server'
import { activeProject, approveTestMilestone, createUser, projectOrigin, verifiedParty, type ActiveProject, type TestParty } from '../factories'
import { parseCsv } from './csv'

const TRICKY_REFERENCE = 'Moved to objective 5, "as agreed"\nwith the donor'
const NEWLINE_ONLY = 'Split in two\nby a line break only'
const SECRET_NAME = 'Zelda Anonymous-Giver'
const NAMED_NAME = 'Omar Named-Donor'

let secretariat: SessionUser
let named: SessionUser
let hidden: SessionUser
let foundation: TestParty
let project: ActiveProject
let unpublished: ActiveProject
const emails: string[] = []

async function pledge(user: SessionUser, input: Record<string, unknown>) {
  return (await recordPledge(db, user, PledgeSchema.parse({ token: randomUUID(), ...input }), projectOrigin)) as ContributionId
}
const receipt = (amount: number, usdAmount: number, reference = `BANK-${randomUUID().slice(0, 8)}`) =>
  PledgeReceiptSchema.parse({ receivedOn: '2030-01-15', amount, usdAmount, reference })

beforeAll(async () => {
  const users = await Promise.all([createUser({ role: 'secretariat' }), createUser({ displayName: NAMED_NAME }), createUser({ displayName: SECRET_NAME })])
  ;[secretariat, named, hidden] = users.map((u) => u.actor) as [SessionUser, SessionUser, SessionUser]
  emails.push(...users.map((u) => u.email))
  foundation = await verifiedParty('philanthropy')
  emails.push(foundation.member.email, foundation.owner.email)
  project = await activeProject({ milestones: [{ dueDate: '2030-03-31' }, { dueDate: '2030-09-30' }] })
  unpublished = await activeProject({ milestones: [{ dueDate: '2030-03-31' }] })
  await publishProject(db, project.secretariat, project.projectId, true)

  // USD 600 of a USD 1,000 pledge (named individual), USD 540 (anonymous individual), USD 2,000 for objective 3 (foundation).
  // (An individual's pledge in a currency the fund has never received would need a donor organisation.)
  const a = await pledge(named, { amount: 1000, currency: 'USD' })
  await recordPledgeReceipt(db, secretariat, a, receipt(600, 600))
  const b = await pledge(hidden, { amount: 540, currency: 'USD', anonymous: 'on' })
  await recordPledgeReceipt(db, secretariat, b, receipt(540, 540))
  const c = await pledge(foundation.member, { amount: 2000, currency: 'USD', earmark: 'objective', objective: 3, organizationId: foundation.org.id })
  await recordPledgeReceipt(db, secretariat, c, receipt(2000, 2000))

  // USD 700 from the general pool with a USD 300 tranche (released below), USD 500 from objective 3, USD 100 to an unpublished project.
  const [first] = project.milestoneIds
  await allocate(db, secretariat, AllocationSchema.parse({ projectId: project.projectId, pool: accounts.unallocated, amountUsd: 700, tranches: [{ milestoneId: first, amountUsd: 300 }] }), projectOrigin)
  await allocate(db, secretariat, AllocationSchema.parse({ projectId: project.projectId, pool: accounts.objectivePool(3), amountUsd: 500 }), projectOrigin)
  await allocate(db, secretariat, AllocationSchema.parse({ projectId: unpublished.projectId, pool: accounts.unallocated, amountUsd: 100 }), projectOrigin)
  await approveTestMilestone(project, first!)

  // Movements between pools whose references need every kind of CSV quoting.
  for (const reference of [TRICKY_REFERENCE, NEWLINE_ONLY]) {
    await db.transaction((tx) =>
      post(tx, {
        kind: 'correction',
        memo: 'Re-earmarked',
        reference,
        entries: [
          { account: accounts.unallocated, amount: -2500 },
          { account: accounts.objectivePool(5), amount: 2500 },
        ],
      }),
    )
  }
})

interface FundJson {
  currency: string
  totals: { received: number; balance: number; allocated: number; allocatedNotDisbursed: number; disbursed: number; shortfall: number; pledgedOutstanding: { currency: string; amount: number }[] }
  contributionsByDonor: { donor: string | null; anonymous: boolean; received: number; contributions: number }[]
  byProject: { projectId: string; published: boolean; title: string | null; url: string | null; allocated: number; disbursed: number }[]
  byObjective: { objective: number | null; allocated: number; disbursed: number }[]
  byCountry: { country: string | null; name: string | null; allocated: number; disbursed: number }[]
}

const sum = (rows: { allocated: number; disbursed: number }[]) => rows.reduce((s, r) => ({ allocated: s.allocated + r.allocated, disbursed: s.disbursed + r.disbursed }), { allocated: 0, disbursed: 0 })

describe('GET /api/v1/fund', () => {
  test('the totals add up: received = available + allocated not yet disbursed + disbursed + shortfall', async () => {
    const response = await fundLoader()
    expect(response.status).toBe(200)
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*')
    const body = (await response.json()) as FundJson
    expect(body.currency).toBe('USD')
    expect(body.totals).toMatchObject({ received: 314_000, allocated: 130_000, disbursed: 30_000, allocatedNotDisbursed: 100_000, balance: 184_000, shortfall: 0 })
    expect(body.totals.pledgedOutstanding).toEqual([{ currency: 'USD', amount: 40_000 }])
    const t = body.totals
    expect(t.balance + t.allocatedNotDisbursed + t.disbursed + t.shortfall).toBe(t.received)
    expect((await checkLedger(db)).problems).toEqual([])
  })

  test('donors by name unless anonymous; breakdowns add up to the totals', async () => {
    const body = (await (await fundLoader()).json()) as FundJson
    const donors = Object.fromEntries(body.contributionsByDonor.map((d) => [d.donor ?? 'anonymous', d]))
    expect(donors[foundation.org.name]).toMatchObject({ received: 200_000, anonymous: false })
    expect(donors[NAMED_NAME]).toMatchObject({ received: 60_000, anonymous: false })
    expect(donors.anonymous).toMatchObject({ received: 54_000, anonymous: true, contributions: 1 })
    expect(body.contributionsByDonor.reduce((s, d) => s + d.received, 0)).toBe(body.totals.received)

    const published = body.byProject.find((p) => p.projectId === project.projectId)
    expect(published).toMatchObject({ published: true, title: expect.any(String), allocated: 120_000, disbursed: 30_000 })
    expect(published?.url).toMatch(new RegExp(`/projects/${project.projectId}$`))
    expect(body.byProject.find((p) => p.projectId === unpublished.projectId)).toMatchObject({ published: false, title: null, url: null, allocated: 10_000 })
    for (const rows of [body.byProject, body.byObjective, body.byCountry]) expect(sum(rows)).toEqual({ allocated: body.totals.allocated, disbursed: body.totals.disbursed })
    // The unpublished project's USD 100 is placed on no objective and no country.
    expect(body.byObjective.find((o) => o.objective === 3)?.allocated).toBe(120_000)
    expect(body.byObjective.find((o) => o.objective === null)?.allocated).toBe(10_000)
    expect(body.byCountry.find((c) => c.country === 'KEN')).toMatchObject({ name: expect.stringMatching(/Kenya/), allocated: 120_000 })
    expect(body.byCountry.find((c) => c.country === null)?.allocated).toBe(10_000)
  })

  test('no personal data: no anonymous donor, no email, no unpublished title', async () => {
    const text = await (await fundLoader()).text()
    expect(text).not.toContain(SECRET_NAME)
    for (const email of emails) expect(text).not.toContain(email)
    expect(text).not.toMatch(/@[a-z0-9-]+\.[a-z]/i)
    const [row] = await db.select({ title: projects.title }).from(projects).where(eq(projects.id, unpublished.projectId))
    expect(text).not.toContain(row!.title)
  })
})

describe('GET /api/v1/fund/transactions.csv', () => {
  test('one row per ledger entry, RFC 4180 quoting, headers for a download', async () => {
    const response = await csvLoader()
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('Content-Disposition')).toMatch(/^attachment; filename=".+\.csv"$/)
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=300')
    const text = await response.text()
    expect(text).toContain('"Moved to objective 5, ""as agreed""\nwith the donor"')
    const [header, ...rows] = parseCsv(text)
    expect(header).toEqual(['date', 'transaction_id', 'kind', 'reference', 'project_id', 'milestone_id', 'account', 'amount', 'currency'])
    const ledger = await checkLedger(db)
    expect(rows).toHaveLength(ledger.entries)
    for (const row of rows) {
      expect(row).toHaveLength(9)
      expect(row[7]).toMatch(/^-?\d+\.\d{2}$/)
      expect(Number.isNaN(Date.parse(row[0]!))).toBe(false)
    }
    expect(rows.filter((r) => r[3] === TRICKY_REFERENCE)).toHaveLength(2)
    expect(rows.filter((r) => r[3] === NEWLINE_ONLY)).toHaveLength(2)

    // Every transaction balances, and the figures match the API's.
    const cents = (value: string) => Math.round(Number(value) * 100)
    const byTransaction = new Map<string, number>()
    for (const r of rows) byTransaction.set(r[1]!, (byTransaction.get(r[1]!) ?? 0) + cents(r[7]!))
    expect([...byTransaction.values()].every((total) => total === 0)).toBe(true)
    const total = (test: (account: string) => boolean) => rows.filter((r) => test(r[6]!)).reduce((s, r) => s + cents(r[7]!), 0)
    expect(total((a) => a.startsWith('donor:'))).toBe(-314_000)
    expect(total((a) => /^project:.+:disbursed$/.test(a))).toBe(30_000)
    const disbursement = rows.find((r) => r[2] === 'disbursement')
    expect(disbursement?.[3]).toMatch(/^DSB-\d{4}-[0-9A-F]{8}$/)
    expect(disbursement?.[4]).toBe(project.projectId)
    expect(disbursement?.[5]).toBe(project.milestoneIds[0])
  })

  test('donor accounts name organisations only: individuals and anonymous donors are never identified', async () => {
    const text = await (await csvLoader()).text()
    const accountsSeen = new Set(parseCsv(text).slice(1).map((r) => r[6]!))
    expect([...accountsSeen].filter((a) => a.startsWith('donor:')).sort()).toEqual(['donor:anonymous', 'donor:individual', `donor:org:${foundation.org.id}`].sort())
    for (const user of [named, hidden, foundation.member, secretariat]) expect(text).not.toContain(user.id)
    for (const email of emails) expect(text).not.toContain(email)
    for (const name of [SECRET_NAME, NAMED_NAME]) expect(text).not.toContain(name)
  })
})
