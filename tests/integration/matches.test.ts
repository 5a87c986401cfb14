import { and, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { auditLog, emailOutbox, matches, notifications, requests, type MatchId } from '#db/schema/index'
import type { SessionUser } from '~/domain/accounts/sessions.server'
import { decideMatch, expireMatches, expressInterest, matchBoard, matchForReader, proposeMatch } from '~/domain/matching/matches.server'
import { unreadCount } from '~/domain/notifications/notifications.server'
import { createRequest, transitionRequest } from '~/domain/requests/requests.server'
import { RequestSchema } from '~/domain/requests/schemas'
import { db } from '~/utils/db.server'
import { createOrganization, createUser } from '../factories'
import { expectDomainError } from './support'

const origin = 'http://hub.test'

async function publishedRequest() {
  const state = await createOrganization({ type: 'state', country: 'BGD', status: 'verified' })
  const secretariat = (await createUser({ role: 'secretariat' })).actor
  const input = RequestSchema.parse({
    title: 'Pre-departure orientation for domestic workers',
    summary: 'Design and pilot a pre-departure orientation course for women domestic workers.',
    countries: ['BGD'],
    primaryObjective: 3,
    supportTypes: ['capacity_building'],
    languages: ['en'],
  })
  const requestId = await createRequest(db, state.owner.actor, state.org, input)
  await transitionRequest(db, state.owner.actor, requestId, 'submit', { origin })
  await transitionRequest(db, secretariat, requestId, 'publish', { origin })
  return { requestId, state: state.owner.actor, stateOrg: state.org, secretariat }
}

async function partner() {
  const { org, owner } = await createOrganization({ type: 'civil_society', status: 'verified' })
  return { org, user: owner.actor }
}

const interest = (providerId: string) => ({ providerId, message: 'We have run orientation courses in three countries and can adapt them.' })

describe('the matching workflow', () => {
  test('interest → proposal → the State accepts → the partner accepts → agreed, request matched, both told', async () => {
    const { requestId, state, secretariat } = await publishedRequest()
    const provider = await partner()
    const matchId = (await expressInterest(db, provider.user, requestId, interest(provider.org.id), origin)) as MatchId
    expect(await unreadCount(db, state.id)).toBe(1)

    await proposeMatch(db, secretariat, requestId, { providerId: provider.org.id, note: 'A strong fit: they ran the same course in Nepal.' }, origin)
    const [proposed] = await db.select().from(matches).where(eq(matches.id, matchId))
    expect(proposed).toMatchObject({ origin: 'proposed', requestDecision: 'pending', providerDecision: 'pending', status: 'open' })

    expect(await decideMatch(db, state, matchId, { decision: 'accept', side: 'request' }, origin)).toBe('open')
    expect(await decideMatch(db, provider.user, matchId, { decision: 'accept', side: 'provider' }, origin)).toBe('agreed')

    const [agreed] = await db.select().from(matches).where(eq(matches.id, matchId))
    expect(agreed?.status).toBe('agreed')
    expect(agreed?.agreedAt).toBeInstanceOf(Date)
    expect(agreed?.timeToMatchSeconds).toBeGreaterThanOrEqual(0)
    const [request] = await db.select({ status: requests.status }).from(requests).where(eq(requests.id, requestId))
    expect(request?.status).toBe('matched')

    const stateNotices = await db.select({ kind: notifications.kind }).from(notifications).where(eq(notifications.userId, state.id))
    expect(stateNotices.map((n) => n.kind)).toEqual(expect.arrayContaining(['interest', 'proposed', 'agreed']))
    const partnerNotices = await db.select({ kind: notifications.kind }).from(notifications).where(eq(notifications.userId, provider.user.id))
    expect(partnerNotices.map((n) => n.kind)).toEqual(expect.arrayContaining(['proposed', 'acceptedByOtherSide', 'agreed']))
    const emails = await db.select({ to: emailOutbox.toAddress }).from(emailOutbox).where(eq(emailOutbox.template, 'notification.agreed'))
    expect(emails.map((e) => e.to)).toEqual(expect.arrayContaining([state.email, provider.user.email]))
    const audit = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, matchId))
    expect(audit.map((a) => a.action)).toEqual(['match.interest', 'match.proposed', 'match.accepted', 'match.agreed'])
    expect((await matchBoard(db, secretariat)).map((r) => r.id)).not.toContain(requestId)
  })

  test('nobody acts for a side they do not belong to', async () => {
    const { requestId, state } = await publishedRequest()
    const provider = await partner()
    const stranger = (await createUser()).actor
    const matchId = (await expressInterest(db, provider.user, requestId, interest(provider.org.id), origin)) as MatchId
    // A partner cannot accept on behalf of the State, nor the State for the partner.
    await expectDomainError(decideMatch(db, provider.user, matchId, { decision: 'accept', side: 'request' }, origin), { status: 403 })
    await expectDomainError(decideMatch(db, state, matchId, { decision: 'decline', side: 'provider', reason: 'Not for us.' }, origin), { status: 403 })
    await expectDomainError(decideMatch(db, stranger, matchId, { decision: 'withdraw', side: 'secretariat' }, origin), { status: 403 })
    // Nor may anyone express interest for an organisation they are not in, or propose without being the secretariat.
    await expectDomainError(expressInterest(db, stranger, requestId, interest(provider.org.id), origin), { status: 403 })
    await expectDomainError(proposeMatch(db, state, requestId, { providerId: provider.org.id, note: 'Please match.' }, origin), { status: 403 })
    // Outsiders cannot even see that the match exists.
    expect(await matchForReader(db, stranger, matchId)).toBeNull()
    expect(await matchForReader(db, state, matchId)).not.toBeNull()
  })

  test('an organisation cannot answer its own request, nor twice while a match is open', async () => {
    const { requestId, state, stateOrg } = await publishedRequest()
    await expectDomainError(expressInterest(db, state, requestId, interest(stateOrg.id), origin), { status: 409, code: 'matches.ownRequest' })
    const provider = await partner()
    await expressInterest(db, provider.user, requestId, interest(provider.org.id), origin)
    await expectDomainError(expressInterest(db, provider.user, requestId, interest(provider.org.id), origin), { status: 409, code: 'matches.alreadyOpen' })
  })

  test('when both sides accept at the same moment, exactly one agreed match results', async () => {
    for (let round = 0; round < 5; round++) {
      const { requestId, state, secretariat } = await publishedRequest()
      const provider = await partner()
      const matchId = (await proposeMatch(db, secretariat, requestId, { providerId: provider.org.id, note: 'Both sides, please answer.' }, origin)) as MatchId
      const outcomes = await Promise.allSettled([
        decideMatch(db, state, matchId, { decision: 'accept', side: 'request' }, origin),
        decideMatch(db, provider.user, matchId, { decision: 'accept', side: 'provider' }, origin),
      ])
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled'])
      expect(outcomes.map((o) => (o as PromiseFulfilledResult<string>).value).sort()).toEqual(['agreed', 'open'])
      const agreed = await db.select().from(matches).where(and(eq(matches.requestId, requestId), eq(matches.status, 'agreed')))
      expect(agreed).toHaveLength(1)
    }
  })

  test('two matches of one request completed at once: one is agreed, the other is refused', async () => {
    const { requestId, state, secretariat } = await publishedRequest()
    const [a, b] = [await partner(), await partner()]
    const matchA = (await proposeMatch(db, secretariat, requestId, { providerId: a.org.id, note: 'First candidate.' }, origin)) as MatchId
    const matchB = (await proposeMatch(db, secretariat, requestId, { providerId: b.org.id, note: 'Second candidate.' }, origin)) as MatchId
    await decideMatch(db, a.user, matchA, { decision: 'accept', side: 'provider' }, origin)
    await decideMatch(db, b.user, matchB, { decision: 'accept', side: 'provider' }, origin)
    const outcomes = await Promise.allSettled([
      decideMatch(db, state, matchA, { decision: 'accept', side: 'request' }, origin),
      decideMatch(db, state as SessionUser, matchB, { decision: 'accept', side: 'request' }, origin),
    ])
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
    const agreed = await db.select().from(matches).where(and(eq(matches.requestId, requestId), eq(matches.status, 'agreed')))
    expect(agreed).toHaveLength(1)
  })

  test('a decline needs a reason and closes the match; unanswered matches expire', async () => {
    const { requestId, state, secretariat } = await publishedRequest()
    const provider = await partner()
    const matchId = (await expressInterest(db, provider.user, requestId, interest(provider.org.id), origin)) as MatchId
    await decideMatch(db, state, matchId, { decision: 'decline', side: 'request', reason: 'We already work with a partner on this.' }, origin)
    const [declined] = await db.select().from(matches).where(eq(matches.id, matchId))
    expect(declined).toMatchObject({ status: 'declined', requestDecision: 'declined', declineReason: 'We already work with a partner on this.' })
    await expectDomainError(decideMatch(db, provider.user, matchId, { decision: 'withdraw', side: 'provider' }, origin), { status: 409 })

    const other = await partner()
    const late = (await proposeMatch(db, secretariat, requestId, { providerId: other.org.id, note: 'Please answer.' }, origin)) as MatchId
    await db.update(matches).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(matches.id, late))
    expect(await expireMatches(db, origin)).toBeGreaterThanOrEqual(1)
    const [expired] = await db.select({ status: matches.status }).from(matches).where(eq(matches.id, late))
    expect(expired?.status).toBe('expired')
  })
})
