import type { Dimension, FinalReportInput } from '~/domain/projects/schemas'
import type { AllocationPlan, PledgePlan, TransferPlan } from './fund'

/**
 * The stories of the demo projects, as data: who asked, who answered, how the project was set up, then each
 * step its people took, dated in days before today. app/demo/projects.ts tells them through the real domain
 * functions, acting as the person each step belongs to; the fund's part is in app/demo/fund.ts.
 */

/** Days before today (negative: ahead), or 'now': the time of the load. */
export type Day = number | 'now'
export type Who = 'secretariat' | 'state' | 'implementer' | 'funder'

export interface RequestDates { drafted: number; submitted: number; published: number }

export interface Agreement {
  provider: string
  /** Import key of the provider's offer named in the match. */
  offer: string
  /** The partner's member who answers for it. */
  by: string
  /** An expression of interest (the State then accepts) or the secretariat's proposal (both sides accept). */
  via: { interest: number; message: string; budget: [number, string] } | { proposed: number; note: string; providerAccepts: number }
  stateAccepts: number
}

export interface Setup {
  by: 'secretariat' | 'state'
  created: number
  title: string
  summary: string
  /** Days before today of the planned start (negative: ahead); the end follows `months` later. */
  start: number
  months: number
  budget: [number, 'USD' | 'EUR']
  reportingMonths: number
  sources: { label: string; amount: number; organization?: string }[]
}

export interface MilestonePlan {
  title: string
  deliverable: string
  /** Days before today (negative: ahead). */
  due: number
  tranche?: number
}

export interface IndicatorPlan {
  level: 'output' | 'outcome' | 'impact'
  name: string
  unit: string
  baseline: number
  target: number
  disaggregation?: Dimension[]
}

/** An indicator's value for a period, optionally broken down: `{ sex: { female: 7, male: 9 } }`. */
export type Value = number | { value: number; by: Partial<Record<Dimension, Record<string, number>>> }

/**
 * The progress update of reporting period `n` (1 = the first months after the start), submitted `submittedAfter`
 * days after the period ended and, when `approvedAfter` is given, approved that many days later.
 */
export interface ReportPlan {
  submittedAfter: number
  approvedAfter?: number
  narrative: string
  percent: number
  values: (Value | null)[]
}

/** What the people of a story do; milestones are numbered from 1 in the order of the plan. */
export interface StoryActions {
  say(daysAgo: Day, who: Who, body: string, hour?: number): Promise<unknown>
  plan(daysAgo: number, milestones: MilestonePlan[], indicators: IndicatorPlan[]): Promise<unknown>
  addIndicators(daysAgo: number, indicators: IndicatorPlan[]): Promise<unknown>
  submitWorkplan(daysAgo: number): Promise<unknown>
  reviewWorkplan(daysAgo: number, decision: 'approve' | 'return', comment?: string): Promise<unknown>
  steer(daysAgo: Day, action: 'start' | 'hold' | 'complete' | 'close', reason?: string): Promise<unknown>
  publish(daysAgo: number): Promise<unknown>
  startMilestone(n: number, daysAgo: number): Promise<unknown>
  submitMilestone(n: number, daysAgo: number, evidence: string, file?: { name: string; text: string }): Promise<unknown>
  reviewMilestone(n: number, daysAgo: number, decision: 'approve' | 'return', comment?: string): Promise<unknown>
  /** A milestone handed in with its evidence and approved, each on its day. */
  deliver(n: number, days: { submitted: number; approved: number }, evidence: string): Promise<unknown>
  report(n: number, report: ReportPlan): Promise<unknown>
  finalReport(daysAgo: number, report: FinalReportInput): Promise<unknown>
  reviewFinalReport(daysAgo: number, decision: 'approve' | 'return', comment?: string): Promise<unknown>
  evaluate(daysAgo: number, rating: number, comment: string): Promise<unknown>
  /** The secretariat allocates fund money to the project, tranches tied to milestones not yet approved. */
  allocate(daysAgo: number, plan: AllocationPlan): Promise<unknown>
  /** The story's funder pledges to the fund, earmarked to this project. */
  pledge(daysAgo: number, pledge: PledgePlan): Promise<unknown>
  /** The secretariat records a transfer received against that pledge. */
  receiveTransfer(daysAgo: number, transfer: TransferPlan): Promise<unknown>
  /** The secretariat takes back what the project's `n`th allocation has not disbursed. */
  reverseAllocation(daysAgo: Day, n: number, reason: string): Promise<unknown>
}

/** One step: an action and its arguments, e.g. `['reviewMilestone', 2, 117, 'approve']`. */
export type Step = { [A in keyof StoryActions]: [A, ...Parameters<StoryActions[A]>] }[keyof StoryActions]

export interface Story {
  request: string
  requestDates: RequestDates
  /** Emails of the people acting for the State, the implementer and (optionally) a funder. */
  state: string
  implementer: string
  funder?: string
  match: Agreement
  setup: Setup
  steps: Step[]
}
