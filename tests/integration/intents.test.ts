/**
 * Every form action that picks its handler from the submitted `intent` answers an intent it does not offer with
 * a 400 — in particular the names every JavaScript object inherits (`__proto__`, `valueOf`, `constructor`…),
 * which a lookup on a plain object would find and then fail on with a 500.
 */
import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, test } from 'vitest'
import type { SessionUser } from '~/domain/accounts/sessions.server'
import { saveProgressUpdate } from '~/domain/projects/reports.server'
import { createSession } from '~/domain/accounts/sessions.server'
import { action as contribute } from '~/routes/fund.contribute'
import { action as offerStep } from '~/routes/offers.$id'
import { action as memberChange } from '~/routes/orgs.$slug.members.$userId'
import { action as newOffer } from '~/routes/orgs.$slug.offers.new'
import { action as newRequest } from '~/routes/orgs.$slug.requests.new'
import { action as practiceStep } from '~/routes/practices.$id'
import { action as finalReportStep } from '~/routes/projects.$id_.final-report'
import { action as milestoneStep } from '~/routes/projects.$id_.milestones.$milestoneId'
import { action as updateStep } from '~/routes/projects.$id_.updates.$updateId'
import { action as newUpdate } from '~/routes/projects.$id_.updates.new'
import { action as workspaceStep } from '~/routes/projects.$id_.workspace'
import { action as requestStep } from '~/routes/requests.$id'
import { action as fundConsole } from '~/routes/secretariat.fund'
import { action as practiceReview } from '~/routes/secretariat.practices'
import { action as verification } from '~/routes/secretariat.verification'
import { db } from '~/utils/db.server'
import { activeProject, progressUpdateInput, projectOrigin, uniqueSuffix } from '../factories'

const INHERITED = ['__proto__', 'valueOf', 'constructor', 'toString', 'hasOwnProperty'] as const

type Action = (args: { request: Request; params: Record<string, string>; context: { cspNonce: string } }) => Promise<unknown>

interface Route {
  action: Action
  params: Record<string, string>
  as: SessionUser
  /** The rest of a valid form, for actions that read the whole form before its intent. */
  fields?: [string, string][]
  /** An intent the route does offer: with it the same form is accepted (so a 400 is the intent's doing). */
  accepted?: string
}

const cookies = new Map<string, string>()
async function cookieOf(user: SessionUser) {
  let token = cookies.get(user.id)
  if (!token) {
    token = (await createSession(db, user.id)).token
    cookies.set(user.id, token)
  }
  return `hub_session=${token}`
}

/** Posts the form as a signed-in person; the status the Hub answers (an error that escapes is Remix's 500). */
async function post(route: Route, intent: string) {
  const body = new URLSearchParams([...(route.fields ?? []), ['intent', intent]])
  const request = new Request('http://localhost/form', { method: 'POST', body, headers: { Cookie: await cookieOf(route.as), 'X-Hub-Client-Ip': '192.0.2.44' } })
  try {
    const answer = await route.action({ request, params: route.params, context: { cspNonce: '' } })
    if (answer instanceof Response) return answer.status
    return (answer as { init?: ResponseInit | null }).init?.status ?? 200
  } catch (error) {
    if (error instanceof Response) return error.status
    return `500 (${error instanceof Error ? error.message : String(error)})`
  }
}

const offerFields = (): [string, string][] => [
  ['kind', 'expertise'],
  ['title', `Reintegration counselling ${uniqueSuffix()}`],
  ['summary', 'Peer counselling for returning migrant workers and their families.'],
  ['primaryObjective', '21'],
  ['supportTypes', 'technical_assistance'],
  ['languages', 'en'],
  ['global', 'on'],
]

const requestFields = (country: string): [string, string][] => [
  ['title', `Pre-departure orientation ${uniqueSuffix()}`],
  ['summary', 'Design and pilot a pre-departure orientation course for domestic workers.'],
  ['countries', country],
  ['primaryObjective', '3'],
  ['supportTypes', 'capacity_building'],
  ['languages', 'en'],
]

const routes = new Map<string, Route>()

beforeAll(async () => {
  const project = await activeProject()
  const { state, partner, secretariat, projectId, requestId, milestoneIds, indicatorIds } = project
  const implementer = partner.member
  const updateId = await saveProgressUpdate(db, {
    user: implementer,
    projectId,
    updateId: null,
    input: progressUpdateInput([{ indicatorId: indicatorIds[0]!, value: 10 }]),
    submit: false,
    origin: projectOrigin,
  })
  const onProject = { id: projectId }
  routes.set('POST /practices/:id', { action: practiceStep as Action, params: { id: randomUUID() }, as: secretariat })
  routes.set('POST /projects/:id/final-report', { action: finalReportStep as Action, params: onProject, as: implementer })
  routes.set('POST /projects/:id/updates/:updateId', { action: updateStep as Action, params: { ...onProject, updateId }, as: implementer })
  routes.set('POST /projects/:id/updates/new', { action: newUpdate as Action, params: onProject, as: implementer })
  routes.set('POST /projects/:id/milestones/:milestoneId', { action: milestoneStep as Action, params: { ...onProject, milestoneId: milestoneIds[0]! }, as: implementer })
  routes.set('POST /projects/:id/workspace', { action: workspaceStep as Action, params: onProject, as: implementer })
  routes.set('POST /fund/contribute', { action: contribute as Action, params: {}, as: state.member })
  routes.set('POST /requests/:id', { action: requestStep as Action, params: { id: requestId }, as: state.member })
  routes.set('POST /offers/:id', { action: offerStep as Action, params: { id: randomUUID() }, as: implementer })
  routes.set('POST /orgs/:slug/members/:userId', { action: memberChange as Action, params: { slug: partner.org.slug, userId: implementer.id }, as: partner.owner })
  routes.set('POST /secretariat/verification', { action: verification as Action, params: {}, as: secretariat })
  routes.set('POST /secretariat/fund', { action: fundConsole as Action, params: {}, as: secretariat })
  routes.set('POST /secretariat/practices', { action: practiceReview as Action, params: {}, as: secretariat })
  routes.set('POST /orgs/:slug/offers/new', { action: newOffer as Action, params: { slug: partner.org.slug }, as: implementer, fields: offerFields(), accepted: 'save' })
  routes.set('POST /orgs/:slug/requests/new', { action: newRequest as Action, params: { slug: state.org.slug }, as: state.member, fields: requestFields(state.org.country ?? 'KEN'), accepted: 'save' })
})

const NAMES = [
  'POST /practices/:id',
  'POST /projects/:id/final-report',
  'POST /projects/:id/updates/:updateId',
  'POST /projects/:id/updates/new',
  'POST /projects/:id/milestones/:milestoneId',
  'POST /projects/:id/workspace',
  'POST /fund/contribute',
  'POST /requests/:id',
  'POST /offers/:id',
  'POST /orgs/:slug/members/:userId',
  'POST /secretariat/verification',
  'POST /secretariat/fund',
  'POST /secretariat/practices',
  'POST /orgs/:slug/offers/new',
  'POST /orgs/:slug/requests/new',
]

describe('an intent the form does not offer is a 400', () => {
  test.each(NAMES)('%s', async (name) => {
    const route = routes.get(name)!
    const answers = Object.fromEntries(await Promise.all(INHERITED.map(async (intent) => [intent, await post(route, intent)] as const)))
    expect(answers).toEqual(Object.fromEntries(INHERITED.map((intent) => [intent, 400])))
  })

  test.each(['POST /orgs/:slug/offers/new', 'POST /orgs/:slug/requests/new'])('%s accepts the same form with an intent it offers', async (name) => {
    const route = routes.get(name)!
    expect(await post(route, route.accepted!)).toBe(302)
  })
})
