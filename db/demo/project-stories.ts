import type { Dimension, FinalReportInput } from '~/domain/projects/schemas'
import type { AllocationPlan, PledgePlan, TransferPlan } from './fund'

/**
 * The stories of the demo projects, as data: who asked, who answered, how the project was set up, then each
 * step its people took, dated in days before today. db/demo/projects.ts tells them through the real domain
 * functions, acting as the person each step belongs to; the fund's part is in db/demo/fund.ts.
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

const mptf = 'Migration MPTF start-up fund'
const coFinancing = 'Government co-financing'

/** Bangladesh (the demo State account) with IOM and the demo donor: active, one milestone awaiting review, one overdue. */
const reintegrationDesksBangladesh: Story = {
  request: 'bgd-returnee-reintegration', requestDates: { drafted: 330, submitted: 318, published: 300 },
  state: 'state@demo.connection-hub.org', implementer: 'iom@demo.connection-hub.org', funder: 'donor@demo.connection-hub.org',
  match: { provider: 'iom', offer: 'iom-reintegration-case-management', by: 'iom@demo.connection-hub.org', stateAccepts: 271,
    via: { interest: 286, budget: [450_000, 'USD'], message: 'IOM Bangladesh runs returnee case management in Dhaka and Sylhet. We can adapt the IOM reintegration handbook for the District Employment and Manpower Offices, train the desk officers and run the 12-month sustainability survey.' } },
  setup: { by: 'state', created: 262, start: 232, months: 24, budget: [480_000, 'USD'], reportingMonths: 3,
    title: 'Reintegration desks for returning migrant workers in eight districts of Bangladesh',
    summary: 'One-stop reintegration desks in the District Employment and Manpower Offices profile returning workers, refer them to skills recognition, Probashi Kallyan Bank reintegration loans, counselling and legal aid, and follow how they fare a year after their return.',
    sources: [{ label: mptf, amount: 300_000 }, { label: 'Open Horizons Foundation grant', amount: 120_000, organization: 'open-horizons-foundation' }, { label: coFinancing, amount: 60_000, organization: 'bgd-mewoe' }] },
  steps: [
    ['say', 255, 'state', 'Welcome on board. The Ministry has named focal points in the eight District Employment and Manpower Offices; I will share their contacts here once the inception report is agreed.'],
    ['plan', 254, [
      { title: 'Inception report and desk operating procedures', due: 200, tranche: 60_000, deliverable: 'Inception report with the desk operating procedures, referral forms and data-protection notice, agreed with the Bureau of Manpower, Employment and Training (BMET).' },
      { title: 'Case-management system set up and desk officers trained', due: 130, tranche: 90_000, deliverable: 'Case-management database configured for the eight districts; 24 desk officers trained in profiling, referral and psychosocial first aid.' },
      { title: 'Reintegration desks open in Cumilla, Chattogram, Sylhet and Tangail', due: 5, tranche: 90_000, deliverable: 'Four desks staffed and open five days a week, with signs in Bangla and referral agreements with the district hospitals and legal aid committees.' },
      { title: 'Referral agreements signed with NSDA and Probashi Kallyan Bank', due: 12, tranche: 40_000, deliverable: 'Signed agreements so that desks can refer returnees to recognition of prior learning (NSDA) and to reintegration loans (Probashi Kallyan Bank).' },
      { title: 'Desks open in Brahmanbaria, Noakhali, Dhaka and Munshiganj', due: -110, tranche: 90_000, deliverable: 'The second four desks staffed and open, using the procedures revised after the first phase.' },
      { title: 'Reintegration sustainability survey at 12 months', due: -470, tranche: 60_000, deliverable: 'Survey of returnees profiled in the first year, with a report on their economic, social and psychosocial reintegration.' },
    ], [
      { level: 'output', name: 'Returnees profiled and referred by the reintegration desks', unit: 'people', baseline: 0, target: 6000, disaggregation: ['sex', 'age'] },
      { level: 'output', name: 'Desk officers trained in case management and psychosocial first aid', unit: 'people', baseline: 0, target: 24, disaggregation: ['sex'] },
      { level: 'outcome', name: 'Returnees who took up skills recognition or a reintegration loan', unit: 'people', baseline: 0, target: 1500, disaggregation: ['sex'] },
    ]],
    ['submitWorkplan', 252],
    ['reviewWorkplan', 248, 'return', 'Please add an outcome indicator on reintegration sustainability at 12 months, so that the survey in milestone 6 has a baseline and a target to report against.'],
    ['addIndicators', 246, [{ level: 'outcome', name: 'Returnees reporting sustainable reintegration 12 months after their return', unit: 'percent', baseline: 35, target: 60 }]],
    ['submitWorkplan', 245],
    ['reviewWorkplan', 240, 'approve', 'Thank you: the sustainability indicator uses the 2023 BMET tracer study as its baseline.'],
    ['allocate', 236, { pool: 'unallocated', tranches: { 1: 60_000, 2: 90_000, 3: 90_000, 4: 60_000 }, note: 'The start-up fund’s share of the budget, for the first four milestones.' }],
    ['steer', 232, 'start'],
    ['publish', 230],
    ['pledge', 226, { organization: 'open-horizons-foundation', amount: 120_000, currency: 'USD', earmark: 'project', note: 'Our grant for the second four desks and the sustainability survey, paid through the fund.' }],
    ['receiveTransfer', 212, { amount: 120_000, usd: 120_000, reference: 'OHF-GR-2291-BGD' }],
    ['allocate', 205, { pool: 'project', tranches: { 5: 70_000, 6: 50_000 }, note: 'The Open Horizons Foundation grant earmarked to this project.' }],
    ['say', 196, 'funder', 'Open Horizons would like to join a field visit once the first desks are open, ideally in Cumilla.'],
    ['submitMilestone', 1, 203, 'Inception report agreed with BMET on the validation workshop of the third week; operating procedures, referral forms and the Bangla data-protection notice are annexed.'],
    ['reviewMilestone', 1, 198, 'approve'],
    ['submitMilestone', 2, 133, 'The case-management database is live for the eight districts. 24 desk officers completed the five-day course in Dhaka.'],
    ['reviewMilestone', 2, 129, 'return', 'Please attach the attendance lists of the training, broken down by sex, and the data-sharing protocol signed with BMET.'],
    ['submitMilestone', 2, 121, 'The case-management database is live for the eight districts. 24 desk officers (10 women, 14 men) completed the five-day course; attendance lists and the data-sharing protocol signed with BMET are attached.'],
    ['reviewMilestone', 2, 117, 'approve'],
    ['startMilestone', 4, 110],
    ['report', 1, { submittedAfter: 8, approvedAfter: 6, percent: 12,
      narrative: 'Inception completed: the operating procedures were agreed with BMET and the data-protection notice translated into Bangla. The case-management database was configured and the first 16 desk officers trained in Dhaka. Premises for the desks were found in the four first-phase districts.',
      values: [null, { value: 16, by: { sex: { female: 7, male: 9 } } }, null, null] }],
    ['say', 60, 'implementer', 'The Cumilla and Chattogram desks are open. The Sylhet desk opens next week; Tangail is waiting for furniture from the district office.'],
    ['report', 2, { submittedAfter: 9, approvedAfter: 5, percent: 35,
      narrative: 'The remaining eight desk officers were trained, completing the cohort of 24. The four first-phase desks opened during the quarter and profiled 1,480 returnees, a fifth of them women, most back from Malaysia and Saudi Arabia after their contracts were terminated early. 310 returnees were referred to recognition of prior learning or to Probashi Kallyan Bank. The referral agreement with the bank (milestone 4) is delayed, which slows loan referrals.',
      values: [{ value: 1480, by: { sex: { female: 296, male: 1184 }, age: { '18_24': 148, '25_59': 1310, '60_plus': 22 } } }, { value: 24, by: { sex: { female: 10, male: 14 } } }, { value: 310, by: { sex: { female: 58, male: 252 } } }, null] }],
    ['say', 11, 'secretariat', 'The referral agreements (milestone 4) were due yesterday. Can you tell us where the Probashi Kallyan Bank agreement stands, and propose a new date?'],
    ['say', 10, 'implementer', 'The bank’s legal department has the final text; its board meets next month. We expect the signature within three weeks and will submit the milestone right after.'],
    ['say', 9, 'state', 'The Secretary has written to the bank’s Managing Director to ask that the agreement be tabled at that board meeting.'],
    ['submitMilestone', 3, 7,
      'The desks in Cumilla, Chattogram, Sylhet and Tangail are open five days a week. Referral agreements with the four district hospitals and legal aid committees are signed; the desk register for the first weeks is attached.',
      { name: 'desk-register-first-phase.csv', text: 'district,opened,returnees_profiled,women,referred\nCumilla,yes,512,104,118\nChattogram,yes,447,86,97\nSylhet,yes,301,63,61\nTangail,yes,220,43,34\n' },
    ],
  ],
}

/** Uganda with Migration Data Lab (the demo partner account): active, a progress update overdue. */
const migrationModuleUganda: Story = {
  request: 'uga-household-survey-migration', requestDates: { drafted: 290, submitted: 281, published: 265 },
  state: 'uganda@demo.connection-hub.org', implementer: 'partner@demo.connection-hub.org',
  match: { provider: 'migration-data-lab', offer: 'mdl-migration-statistics-training', by: 'partner@demo.connection-hub.org', stateAccepts: 244,
    via: { proposed: 248, note: 'Migration Data Lab has trained three national statistical offices in the region on migration modules; their course fits the training and the module design asked for.', providerAccepts: 241 } },
  setup: { by: 'secretariat', created: 236, start: 210, months: 18, budget: [210_000, 'USD'], reportingMonths: 3,
    title: 'A migration module for the Uganda National Household Survey and a national migration profile',
    summary: 'Migration Data Lab and the Uganda Bureau of Statistics design and test a migration module for the 2027 household survey, harmonise it with border-crossing records and train statisticians and survey supervisors, leading to Uganda’s first national migration profile.',
    sources: [{ label: mptf, amount: 160_000 }, { label: coFinancing, amount: 50_000, organization: 'uga-ubos' }] },
  steps: [
    ['plan', 230, [
      { title: 'Migration module questionnaire drafted and reviewed', due: 160, deliverable: 'Draft module of 18 questions on place of birth, previous residence, household members abroad and remittances, reviewed by UBOS, the Directorate of Citizenship and Immigration Control (DCIC) and the Office of the Prime Minister.' },
      { title: 'Pilot test of the module in four districts', due: 75, deliverable: 'Cognitive tests and a field pilot in Arua, Kampala, Mbarara and Tororo, with a pilot report and the revised questionnaire.' },
      { title: 'Training of statisticians and survey supervisors', due: -25, deliverable: 'Five-day course for 40 UBOS statisticians and survey supervisors on migration concepts, the module and the processing of border records.' },
      { title: 'Border-records harmonisation note agreed with DCIC', due: -150, deliverable: 'Technical note aligning definitions and codes of the survey with DCIC border-crossing records, signed off by both institutions.' },
      { title: 'National migration profile published', due: -320, deliverable: 'Uganda’s national migration profile combining survey, census and border data, presented to the National Population Council.' },
    ], [
      { level: 'output', name: 'Statisticians and survey supervisors trained in migration statistics', unit: 'people', baseline: 0, target: 40, disaggregation: ['sex'] },
      { level: 'output', name: 'Migration questions field-tested and validated', unit: 'questions', baseline: 0, target: 18 },
      { level: 'outcome', name: 'National migration profile published and presented to the National Population Council', unit: 'publications', baseline: 0, target: 1 },
    ]],
    ['submitWorkplan', 226],
    ['reviewWorkplan', 219, 'approve'],
    ['allocate', 215, { pool: 'unallocated', tranches: { 1: 30_000, 2: 40_000, 3: 40_000, 4: 20_000, 5: 30_000 }, note: 'The start-up fund’s share of the budget, released milestone by milestone.' }],
    ['steer', 210, 'start'],
    ['publish', 209],
    ['say', 205, 'state', 'Our field team leader for the pilot will be in Arua next month; please plan the cognitive tests around the visits to the refugee settlements.'],
    ['deliver', 1, { submitted: 162, approved: 155 }, 'The draft module was reviewed at a technical workshop in Kampala with UBOS, DCIC and the Office of the Prime Minister. The reviewed questionnaire and the workshop minutes are in the shared folder.'],
    ['report', 1, { submittedAfter: 7, approvedAfter: 6, percent: 25,
      narrative: 'The draft module was reviewed with UBOS, DCIC and the Office of the Prime Minister; 18 questions were kept for testing, and the remittance questions were aligned with the Bank of Uganda’s household remittance survey. Cognitive interviews with 60 respondents in Kampala validated the first 8 questions and showed that “usual residence” needs a clearer definition. An orientation course was held for 12 UBOS statisticians.',
      values: [{ value: 12, by: { sex: { female: 5, male: 7 } } }, 8, null] }],
    ['submitMilestone', 2, 78, 'The field pilot covered 480 households in Arua, Kampala, Mbarara and Tororo. The pilot report and the revised questionnaire are attached to the shared folder; two questions on the reasons for return were reworded.'],
    ['say', 72, 'implementer', 'Pilot report handed in with milestone 2. The revised questionnaire is ready for the UBOS technical committee.'],
    ['reviewMilestone', 2, 70, 'approve', 'Approved. Please share the pilot report with DCIC before the harmonisation note starts.'],
    ['startMilestone', 3, 60],
    ['say', 20, 'secretariat', 'A reminder that the progress update for the second quarter is overdue; please include the pilot results and the dates of the training.'],
  ],
}

/** Nepal with the ILO: active and on track, its first progress update awaiting review. */
const fairRecruitmentNepal: Story = {
  request: 'npl-free-visa-free-ticket', requestDates: { drafted: 228, submitted: 219, published: 205 },
  state: 'nepal@demo.connection-hub.org', implementer: 'ilo@demo.connection-hub.org',
  match: { provider: 'ilo', offer: 'ilo-recruitment-costs', by: 'ilo@demo.connection-hub.org', stateAccepts: 178,
    via: { interest: 190, budget: [400_000, 'USD'], message: 'The ILO country office can build the risk score with the Department of Foreign Employment, train inspectors on the ILO General Principles for Fair Recruitment and support the dialogue with Malaysia and Qatar.' } },
  setup: { by: 'secretariat', created: 172, start: 130, months: 24, budget: [420_000, 'USD'], reportingMonths: 3,
    title: 'Enforcing Nepal’s free-visa, free-ticket policy: risk-based inspection of recruitment agencies',
    summary: 'The ILO supports the Department of Foreign Employment to target inspections of recruitment agencies with a risk score built on FEIMS data, to set an evidence standard that lets overcharging complaints be prosecuted, and to train 120 labour inspectors and investigators in fair recruitment.',
    sources: [{ label: mptf, amount: 250_000 }, { label: 'Swiss Agency for Development and Cooperation contribution', amount: 120_000, organization: 'che-sdc' }, { label: coFinancing, amount: 50_000, organization: 'npl-moless' }] },
  steps: [
    ['say', 168, 'state', 'The FEIMS team can share anonymised demand letters and complaints data under the data-sharing agreement the Department signed last year.'],
    ['plan', 165, [
      { title: 'Risk-scoring model specified with the Department of Foreign Employment', due: 60, deliverable: 'Specification of the risk score (demand letters, agency licences, complaints history) and a first ranking of licensed agencies.' },
      { title: 'Evidence standard for receipts and bank payments adopted', due: -20, deliverable: 'Directive of the Department setting the evidence that workers and inspectors need so that overcharging complaints can be prosecuted.' },
      { title: 'Labour inspectors and investigators trained in fair recruitment', due: -200, deliverable: 'Training of 120 inspectors and investigators on the ILO General Principles for Fair Recruitment, the risk score and the evidence standard.' },
      { title: 'Employer-pays dialogue with Malaysian and Qatari counterparts', due: -400, deliverable: 'Two bilateral technical meetings and a joint note on employer-pays clauses for the labour agreements.' },
      { title: 'Risk-based inspection plan in use and first-year review', due: -580, deliverable: 'The Department’s annual inspection plan based on the risk score, and a review of its first year.' },
    ], [
      { level: 'output', name: 'Labour inspectors trained in fair recruitment', unit: 'people', baseline: 0, target: 120, disaggregation: ['sex'] },
      { level: 'output', name: 'Licensed recruitment agencies inspected using the risk score', unit: 'agencies', baseline: 0, target: 300 },
      { level: 'outcome', name: 'Overcharging complaints settled within 90 days', unit: 'percent', baseline: 22, target: 60 },
    ]],
    ['submitWorkplan', 150],
    ['reviewWorkplan', 140, 'approve'],
    ['allocate', 136, { pool: 'objective:6', tranches: { 1: 50_000, 2: 50_000, 3: 60_000, 4: 40_000, 5: 50_000 }, note: 'From Switzerland’s contribution earmarked to fair and ethical recruitment (objective 6).' }],
    ['steer', 130, 'start'],
    ['publish', 128],
    ['deliver', 1, { submitted: 58, approved: 51 }, 'The risk score combines 14 variables from FEIMS; the first ranking of 850 licensed agencies was validated with the Department’s inspection section. Specification and ranking method attached to the shared folder.'],
    ['startMilestone', 2, 50],
    ['say', 45, 'implementer', 'The first inspection round used the risk score: 40 agencies ranked highest were inspected, 12 of them in the first month.'],
    ['report', 1, { submittedAfter: 9, percent: 15,
      narrative: 'The risk score was specified and validated with the Department of Foreign Employment, and a first ranking of licensed agencies was produced. A training-of-trainers course prepared 30 inspectors who will train their colleagues. 12 agencies were inspected using the score; findings are being documented for the evidence standard.',
      values: [{ value: 30, by: { sex: { female: 9, male: 21 } } }, 12, null] }],
  ],
}

/** Panama with UNHCR: on hold while reception moves to a new station. */
const darienScreeningPanama: Story = {
  request: 'pan-darien-screening-referral', requestDates: { drafted: 350, submitted: 342, published: 330 },
  state: 'panama@demo.connection-hub.org', implementer: 'unhcr@demo.connection-hub.org',
  match: { provider: 'unhcr', offer: 'unhcr-mixed-movements', by: 'unhcr@demo.connection-hub.org', stateAccepts: 300,
    via: { proposed: 305, note: 'UNHCR already supports protection-sensitive entry systems in the region and works in Spanish, English and French; we suggest it leads, with SENNIAF and ONPAR as referral partners.', providerAccepts: 296 } },
  setup: { by: 'state', created: 290, start: 255, months: 18, budget: [400_000, 'USD'], reportingMonths: 3,
    title: 'Screening and referral of people with protection needs at the Darién reception stations',
    summary: 'UNHCR and the National Migration Service introduce child-sensitive and gender-responsive screening, referral pathways to SENNIAF and ONPAR, trauma-informed training for 150 officials and multilingual information points at the Lajas Blancas and San Vicente reception stations.',
    sources: [{ label: mptf, amount: 280_000 }, { label: coFinancing, amount: 70_000, organization: 'pan-snm' }] },
  steps: [
    ['plan', 282, [
      { title: 'Screening forms and standard operating procedures validated', due: 200, deliverable: 'Child-sensitive and gender-responsive screening forms and procedures, validated with the National Migration Service.' },
      { title: 'Referral pathways agreed with SENNIAF and ONPAR', due: 110, deliverable: 'Written referral pathways to the National Secretariat for Children, Adolescents and the Family and the National Office for Refugee Attention.' },
      { title: 'Trauma-informed training for 150 officials', due: -45, deliverable: 'Training of 150 migration, police and health officials at both stations in trauma-informed screening.' },
      { title: 'Information points open in four languages', due: -180, deliverable: 'Information points on rights and procedures in Spanish, English, French and Haitian Creole at both stations.' },
      { title: 'Review of screening and referral outcomes', due: -285, deliverable: 'Review of the first year of screening and referrals, with recommendations to the National Migration Service.' },
    ], [
      { level: 'output', name: 'Officials trained in trauma-informed screening', unit: 'people', baseline: 0, target: 150, disaggregation: ['sex'] },
      { level: 'outcome', name: 'Arrivals screened with the new forms', unit: 'percent', baseline: 0, target: 90 },
      { level: 'output', name: 'People referred to protection services', unit: 'people', baseline: 0, target: 2500, disaggregation: ['sex', 'age'] },
    ]],
    ['submitWorkplan', 275],
    ['reviewWorkplan', 262, 'approve'],
    ['allocate', 258, { pool: 'unallocated', tranches: { 1: 50_000, 2: 60_000, 3: 70_000 }, note: 'First year: screening, referral pathways and training.' }],
    ['steer', 255, 'start'],
    ['publish', 254],
    ['deliver', 1, { submitted: 204, approved: 196 }, 'Screening forms and procedures validated with the National Migration Service at a workshop in Metetí; in use at San Vicente since the end of the month.'],
    ['deliver', 2, { submitted: 112, approved: 101 }, 'Referral pathways signed by the National Migration Service, SENNIAF and ONPAR; focal points named at both stations.'],
    ['startMilestone', 3, 100],
    ['allocate', 95, { pool: 'unallocated', tranches: { 4: 50_000, 5: 50_000 }, note: 'Second year: information points and the review of screening and referrals.' }],
    ['report', 1, { submittedAfter: 8, approvedAfter: 6, percent: 18,
      narrative: 'Screening forms and procedures were drafted and tested at San Vicente. The first 20 officials were trained. One arrival in ten was screened with the new forms by the end of the quarter.',
      values: [{ value: 20, by: { sex: { female: 11, male: 9 } } }, 10, null] }],
    ['report', 2, { submittedAfter: 8, approvedAfter: 7, percent: 40,
      narrative: 'Referral pathways with SENNIAF and ONPAR are in place. 64 officials have been trained. More than half of arrivals are now screened with the new forms, and 640 people were referred to protection services, a third of them children.',
      values: [{ value: 64, by: { sex: { female: 35, male: 29 } } }, 55, { value: 640, by: { sex: { female: 290, male: 350 }, age: { '0_17': 210, '18_24': 150, '25_59': 270, '60_plus': 10 } } }] }],
    ['say', 6, 'state', 'We have been told that Lajas Blancas will close at the end of the month and reception will move to a new station; its location is not decided yet.'],
    ['say', 4, 'implementer', 'Then we suggest pausing the training and the information points until the new station opens. Our trainers stay on standby and can resume within two weeks.'],
  // The timeline reads holds from the append-only audit log, which keeps the load's time: so the hold is today.
    ['steer', 'now', 'hold',
      'The National Migration Service is moving reception from Lajas Blancas to a new station and has asked to pause the training and the information points until the new site opens. The screening forms stay in use at San Vicente.',
    ],
    ['say', 'now', 'secretariat', 'We have placed the project on hold as agreed. We will review the situation with both of you in 60 days.'],
    ['reverseAllocation', 'now', 2, 'The project is on hold until the new station opens: the second-year money goes back to the fund, to be allocated again when the information points can open.'],
  ],
}

/** Thailand with WHO: completed, its final report awaiting the secretariat’s approval. */
const migrantHealthThailand: Story = {
  request: 'tha-migrant-health-tak', requestDates: { drafted: 545, submitted: 536, published: 520 },
  state: 'thailand@demo.connection-hub.org', implementer: 'who@demo.connection-hub.org',
  match: { provider: 'who', offer: 'who-migrant-health', by: 'who@demo.connection-hub.org', stateAccepts: 492,
    via: { interest: 505, message: 'The WHO Country Office can support the enrolment drives, the training of migrant health volunteers and the link between insurance and immunisation records.', budget: [290_000, 'USD'] } },
  setup: { by: 'secretariat', created: 485, start: 440, months: 14, budget: [290_000, 'USD'], reportingMonths: 4,
    title: 'Health insurance enrolment and migrant health volunteers in Tak Province',
    summary: 'WHO and the Tak Provincial Health Office raise enrolment of migrant workers and their families in the Ministry of Public Health’s insurance scheme through employer drives, train migrant health volunteers along the border and link insurance and immunisation records in one dashboard.',
    sources: [{ label: mptf, amount: 200_000 }, { label: coFinancing, amount: 90_000, organization: 'tha-moph' }] },
  steps: [
    ['plan', 476, [
      { title: 'Baseline of insurance coverage in Mae Sot, Phop Phra and Mae Ramat', due: 380, deliverable: 'Household and employer survey of insurance coverage among migrant workers and their families in three districts.' },
      { title: 'Enrolment drives with 60 employers', due: 290, deliverable: 'Enrolment days held with 60 factories and farms, with interpreters and the provincial insurance office.' },
      { title: '200 migrant health volunteers trained and deployed', due: 170, deliverable: 'Training of 200 migrant health volunteers on enrolment, tuberculosis and measles referral, deployed in border communities.' },
      { title: 'Insurance and immunisation dashboard handed over to the Provincial Health Office', due: 30, deliverable: 'A dashboard that links insurance and immunisation records, run by the Provincial Health Office.' },
    ], [
      { level: 'outcome', name: 'Migrant workers and family members enrolled in health insurance', unit: 'people', baseline: 18_000, target: 30_000, disaggregation: ['sex', 'age'] },
      { level: 'output', name: 'Migrant health volunteers trained and active', unit: 'people', baseline: 0, target: 200, disaggregation: ['sex'] },
      { level: 'outcome', name: 'Migrant children under five with an up-to-date immunisation record', unit: 'percent', baseline: 41, target: 80 },
    ]],
    ['submitWorkplan', 470],
    ['reviewWorkplan', 460, 'approve'],
    ['allocate', 455, { pool: 'unallocated', tranches: { 1: 40_000, 2: 50_000, 3: 60_000, 4: 50_000 }, note: 'The start-up fund’s share of the budget, released milestone by milestone.' }],
    ['steer', 440, 'start'],
    ['publish', 438],
    ['say', 430, 'state', 'The Provincial Health Office has set up a working group with the district hospitals; its first meeting is on Monday in Mae Sot.'],
    ['deliver', 1, { submitted: 383, approved: 376 }, 'Survey of 1,200 households and 85 employers completed; 60 per cent of migrant workers and 35 per cent of their children were insured. Report attached to the shared folder.'],
    ['deliver', 2, { submitted: 292, approved: 284 }, 'Enrolment drives held with 64 employers; 5,100 workers and family members enrolled on the spot.'],
    ['report', 1, { submittedAfter: 8, approvedAfter: 5, percent: 30,
      narrative: 'The baseline survey was completed and enrolment drives started with the largest factories of Mae Sot. The first 60 migrant health volunteers were trained.',
      values: [{ value: 20_400, by: { sex: { female: 9_100, male: 11_300 }, age: { '0_17': 3_900, '18_24': 4_100, '25_59': 12_100, '60_plus': 300 } } }, { value: 60, by: { sex: { female: 41, male: 19 } } }, 45] }],
    ['deliver', 3, { submitted: 172, approved: 163 }, '204 migrant health volunteers trained in four cohorts and deployed in 38 border communities; the list of volunteers by community is with the Provincial Health Office.'],
    ['report', 2, { submittedAfter: 8, approvedAfter: 6, percent: 62,
      narrative: 'Enrolment drives reached 64 employers. 140 volunteers are active. The dashboard prototype links insurance records with the immunisation registers of two district hospitals.',
      values: [{ value: 25_100, by: { sex: { female: 11_300, male: 13_800 }, age: { '0_17': 5_200, '18_24': 4_900, '25_59': 14_650, '60_plus': 350 } } }, { value: 140, by: { sex: { female: 92, male: 48 } } }, 58] }],
    ['report', 3, { submittedAfter: 8, approvedAfter: 6, percent: 90,
      narrative: 'All 204 volunteers are active. Enrolment reached 29,200 people, and three quarters of migrant children under five now have an up-to-date immunisation record in the dashboard.',
      values: [{ value: 29_200, by: { sex: { female: 13_400, male: 15_800 }, age: { '0_17': 6_300, '18_24': 5_600, '25_59': 16_900, '60_plus': 400 } } }, { value: 204, by: { sex: { female: 131, male: 73 } } }, 74] }],
    ['say', 40, 'implementer', 'The dashboard handover to the Provincial Health Office is planned for the end of the month, with training for its data team.'],
    ['deliver', 4, { submitted: 33, approved: 24 }, 'Dashboard handed over to the Provincial Health Office on the agreed date; its data team of six was trained and now runs the monthly updates.'],
    ['steer', 12, 'complete'],
    ['say', 12, 'secretariat', 'Congratulations: every milestone is approved and the project is completed. We look forward to the final report.', 14],
    ['finalReport', 4, {
      results: 'Enrolment of migrant workers and their families in the Ministry’s health insurance rose from 18,000 to 29,200 people, 46 per cent of them women. 204 migrant health volunteers are active in 38 border communities, and 74 per cent of migrant children under five have an up-to-date immunisation record, up from 41 per cent.',
      lessons: 'Enrolment days held on factory premises, with interpreters, worked far better than drives at hospitals. Volunteers recruited by the communities themselves stayed active; those nominated by employers often left with their jobs.',
      sustainability: 'The Provincial Health Office runs the dashboard with its own data team, and the volunteers’ stipends are included in the provincial budget for next year. The enrolment days continue under the Provincial Health Office’s annual plan.',
    }],
  ],
}

/** The final report of the Moroccan project as first handed in; the secretariat asked for more. */
const moroccoFinalReport = {
  results: '612 returnees received an individual reintegration plan and 254 a small-business grant with coaching. At 12 months, 68 per cent of returnees surveyed were above the IOM reintegration sustainability threshold.',
  lessons: 'Case managers seconded by the Ministry made referrals to ANAPEC and OFPPT much faster. Grants in the Oriental were paid late because of procurement rules; planning them from the inception phase would have avoided the delay.',
  sustainability: 'The regional units are now part of the Ministry’s regional structure, with their staff on its payroll, and ANAPEC keeps a returnee window in both regions.',
}

/** Morocco with IOM, in euros: closed, with the final report approved and the State’s evaluation. */
const reintegrationMorocco: Story = {
  request: 'mar-returnee-reintegration', requestDates: { drafted: 700, submitted: 690, published: 670 },
  state: 'morocco@demo.connection-hub.org', implementer: 'iom@demo.connection-hub.org',
  match: { provider: 'iom', offer: 'iom-reintegration-case-management', by: 'iom@demo.connection-hub.org', stateAccepts: 641,
    via: { interest: 655, message: 'IOM Morocco can set up the regional reintegration units with case managers, broker the agreements with ANAPEC and OFPPT and monitor reintegration at 6 and 12 months.', budget: [380_000, 'EUR'] } },
  setup: { by: 'state', created: 634, start: 585, months: 15, budget: [400_000, 'EUR'], reportingMonths: 6,
    title: 'Sustainable reintegration of Moroccans returning from Europe in Béni Mellal-Khénifra and the Oriental',
    summary: 'IOM and the Ministry set up regional reintegration units with case managers, referral agreements with ANAPEC and OFPPT, small-business grants and coaching, and followed how returnees fared at 6 and 12 months.',
    sources: [{ label: mptf, amount: 250_000 }, { label: 'German Federal Ministry for Economic Cooperation and Development contribution', amount: 100_000, organization: 'deu-bmz' }, { label: coFinancing, amount: 50_000, organization: 'mar-maec' }] },
  steps: [
    ['plan', 625, [
      { title: 'Regional reintegration units staffed in Béni Mellal and Oujda', due: 540, tranche: 80_000, deliverable: 'Two regional units with six case managers, trained in the IOM integrated reintegration approach.' },
      { title: 'Referral agreements signed with ANAPEC and OFPPT', due: 450, tranche: 60_000, deliverable: 'Agreements giving returnees priority access to ANAPEC employment services and OFPPT vocational training.' },
      { title: 'Small-business grants and coaching for 250 returnees', due: 300, tranche: 150_000, deliverable: 'Grants and six months of coaching for 250 returnees, chosen by a regional committee.' },
      { title: 'Reintegration sustainability survey at 6 and 12 months', due: 140, tranche: 60_000, deliverable: 'Survey of returnees at 6 and 12 months with the IOM reintegration sustainability score, and a report.' },
    ], [
      { level: 'output', name: 'Returnees with an individual reintegration plan', unit: 'people', baseline: 0, target: 600, disaggregation: ['sex', 'age'] },
      { level: 'output', name: 'Returnees who received a business grant and coaching', unit: 'people', baseline: 0, target: 250, disaggregation: ['sex'] },
      { level: 'outcome', name: 'Returnees reaching the sustainability threshold at 12 months', unit: 'percent', baseline: 0, target: 70 },
    ]],
    ['say', 620, 'state', 'The Ministry has seconded two officials to the regional units; they will be in post before the project starts.'],
    ['submitWorkplan', 616],
    ['reviewWorkplan', 606, 'approve'],
    ['allocate', 600, { pool: 'unallocated', tranches: { 1: 60_000, 2: 45_000, 3: 115_000, 4: 50_000 }, note: 'The start-up fund’s share of the budget (EUR 250,000), in US dollars at the day’s rate.' }],
    ['steer', 585, 'start'],
    ['publish', 583],
    ['deliver', 1, { submitted: 542, approved: 535 }, 'Units open in Béni Mellal and Oujda with six case managers, trained over two weeks; staffing decisions attached.'],
    ['deliver', 2, { submitted: 452, approved: 441 }, 'Agreements signed with ANAPEC and OFPPT at the regional level; returnees now have a dedicated window in both regions.'],
    ['report', 1, { submittedAfter: 8, approvedAfter: 7, percent: 30,
      narrative: 'Both regional units opened and 260 returnees have an individual reintegration plan. The first 40 business grants were awarded after the regional committee’s first session.',
      values: [{ value: 260, by: { sex: { female: 62, male: 198 }, age: { '18_24': 70, '25_59': 182, '60_plus': 8 } } }, { value: 40, by: { sex: { female: 11, male: 29 } } }, null] }],
    ['submitMilestone', 3, 304, '250 grants awarded by the regional committees, with six months of coaching; the list of grantees is attached.'],
    ['reviewMilestone', 3, 298, 'return', 'The list of grantees should show how many are women; please add it and the coaching attendance.'],
    ['say', 297, 'implementer', 'We will add the breakdown by sex and the attendance sheets this week.'],
    ['submitMilestone', 3, 292, '254 grants awarded (74 to women, 180 to men) by the regional committees, with six months of coaching; the list of grantees and the coaching attendance are attached.'],
    ['reviewMilestone', 3, 287, 'approve'],
    ['report', 2, { submittedAfter: 8, approvedAfter: 7, percent: 70,
      narrative: 'All grants were awarded and coaching is under way. The 6-month survey found 58 per cent of returnees above the sustainability threshold.',
      values: [{ value: 540, by: { sex: { female: 131, male: 409 }, age: { '18_24': 140, '25_59': 385, '60_plus': 15 } } }, { value: 230, by: { sex: { female: 66, male: 164 } } }, 58] }],
    ['deliver', 4, { submitted: 143, approved: 134 }, 'The 12-month survey reached 480 returnees; 68 per cent are above the sustainability threshold. Survey report attached.'],
    ['steer', 122, 'complete'],
    ['report', 3, { submittedAfter: 9, approvedAfter: 8, percent: 100,
      narrative: 'Final period: 612 returnees had a reintegration plan by the end of the project, 254 received a grant, and 68 per cent of those surveyed at 12 months were above the sustainability threshold.',
      values: [{ value: 612, by: { sex: { female: 150, male: 462 }, age: { '18_24': 160, '25_59': 435, '60_plus': 17 } } }, { value: 254, by: { sex: { female: 74, male: 180 } } }, 68] }],
    ['say', 100, 'secretariat', 'Thank you for the last update. The final report is due within 60 days of the end date.'],
    ['finalReport', 85, moroccoFinalReport],
    ['reviewFinalReport', 78, 'return', 'Please add the results of the 12-month survey by sex, and say which costs the Ministry will carry after the project ends.'],
    ['finalReport', 64, {
      ...moroccoFinalReport,
      results: `${moroccoFinalReport.results} Women did as well as men (67 and 68 per cent above the threshold).`,
      sustainability: `${moroccoFinalReport.sustainability} From next year the Ministry carries the salaries of the six case managers and the running costs of both units.`,
    }],
    ['reviewFinalReport', 55, 'approve'],
    ['evaluate', 50, 4, 'The regional units are now part of the Ministry and ANAPEC keeps a returnee window in both regions. The grants came late in the Oriental because of procurement rules; we would plan them earlier next time.'],
    ['say', 48, 'state', 'Thank you to the IOM team and the secretariat; we will present the results at the next regional review of the Compact.'],
    ['steer', 44, 'close'],
  ],
}

/** Moldova with UNDP, in euros: in inception, its workplan awaiting approval, not yet public. */
const diasporaPlatformMoldova: Story = {
  request: 'mda-dar-diaspora', requestDates: { drafted: 92, submitted: 86, published: 78 },
  state: 'moldova@demo.connection-hub.org', implementer: 'undp@demo.connection-hub.org',
  match: { provider: 'undp', offer: 'undp-migration-mainstreaming', by: 'undp@demo.connection-hub.org', stateAccepts: 50,
    via: { interest: 64, message: 'UNDP Moldova has supported DAR 1+3 since its pilot and can build the platform with the Bureau, organise the expert assignments and evaluate completed projects.', budget: [300_000, 'EUR'] } },
  setup: { by: 'secretariat', created: 40, start: -35, months: 24, budget: [300_000, 'EUR'], reportingMonths: 3,
    title: 'DAR 1+3 digital platform and diaspora expert assignments in Moldova',
    summary: 'UNDP and the Bureau for Diaspora Relations build a platform where diaspora associations propose and co-finance local projects under DAR 1+3, organise short assignments of diaspora experts in public institutions and evaluate completed projects.',
    sources: [{ label: mptf, amount: 200_000 }, { label: coFinancing, amount: 60_000, organization: 'mda-brd' }, { label: 'Diaspora associations (DAR 1+3 matching)', amount: 40_000 }] },
  steps: [
    ['say', 36, 'state', 'The Bureau will host the platform on the government cloud (MCloud); please plan the requirements with the e-Governance Agency.'],
    ['plan', 22, [
      { title: 'Platform requirements agreed with the Bureau and local authorities', due: -75, deliverable: 'Requirements for proposals, co-financing and reporting, agreed with the Bureau, the e-Governance Agency and the Congress of Local Authorities.' },
      { title: 'DAR 1+3 platform launched', due: -250, deliverable: 'The platform online on MCloud, with the first calls for proposals published.' },
      { title: 'First 20 diaspora expert assignments completed', due: -450, deliverable: 'Twenty short assignments of diaspora experts in hospitals, universities and ministries, with a report from each host institution.' },
      { title: 'Evaluation of completed DAR 1+3 projects', due: -690, deliverable: 'Independent evaluation of the local projects completed under DAR 1+3.' },
    ], [
      { level: 'output', name: 'Local projects proposed and co-financed through the platform', unit: 'projects', baseline: 0, target: 120 },
      { level: 'output', name: 'Diaspora experts on short assignments in public institutions', unit: 'people', baseline: 0, target: 40, disaggregation: ['sex'] },
      { level: 'outcome', name: 'Diaspora co-financing mobilised for local projects', unit: 'EUR', baseline: 0, target: 500_000 },
    ]],
    ['submitWorkplan', 5],
    ['say', 4, 'implementer', 'The workplan is submitted. We kept the expert assignments for the second year, once the platform is running.'],
  ],
}

/** In the order they are told. */
export const stories: Story[] = [reintegrationMorocco, migrantHealthThailand, darienScreeningPanama, reintegrationDesksBangladesh, migrationModuleUganda, fairRecruitmentNepal, diasporaPlatformMoldova]
