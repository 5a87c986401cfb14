import { and, asc, desc, eq, inArray, lt } from 'drizzle-orm'
import {
  matches,
  matchSuggestions,
  memberships,
  offers,
  organizations,
  requests,
  type MatchId,
  type OfferId,
  type OrganizationId,
  type RequestId,
} from '#db/schema/index'
import { recordAudit } from '~/utils/audit.server'
import type { Db } from '~/utils/db.server'
import { can } from '~/domain/access/abilities'
import type { SessionUser } from '../accounts/sessions.server'
import { DomainError, forbidden, notFound } from '../errors'
import { nextStatus } from '../lifecycle'
import { membersOfOrganizations, notify, secretariatMembers } from '../notifications/notifications.server'
import { membershipContext } from '../organizations/organizations.server'
import { requestMachine } from '../requests/lifecycle'
import { toMinorUnits } from '../vocabulary/codes'
import { enqueueSuggestionRefresh } from './suggestions.server'
import type { DecisionInput, InterestInput, ProposalInput } from './workflow-schemas'
import { urls } from '~/utils/urls'

/** Days each side has to answer before an open match expires (MATCH_ANSWER_DAYS). */
export const answerDays = () => Number(process.env.MATCH_ANSWER_DAYS ?? 21)
const expiry = () => new Date(Date.now() + answerDays() * 86_400_000)

/** May this user act for the organisation (a member of it, once verified)? */
async function actsFor(tx: Db, user: SessionUser, organizationId: OrganizationId) {
  const [org] = await tx.select().from(organizations).where(eq(organizations.id, organizationId))
  if (!org) return false
  return can(user, 'publish:content', await membershipContext(tx, user, org))
}

async function lockPublishedRequest(tx: Db, requestId: RequestId) {
  const [request] = await tx.select().from(requests).where(eq(requests.id, requestId)).for('update')
  if (!request) throw notFound()
  return request
}

async function requireOpenForMatching(request: { status: string }) {
  if (request.status !== 'published') {
    throw new DomainError('matches.requestNotOpen', 'This request is not open for matching.', 409)
  }
}

/** The provider's offer, when one is named: it must be the provider's own and active. */
async function providerOffer(tx: Db, providerId: OrganizationId, offerId: OfferId | undefined) {
  if (!offerId) return null
  const [offer] = await tx.select({ id: offers.id, organizationId: offers.organizationId, status: offers.status }).from(offers).where(eq(offers.id, offerId))
  if (!offer || offer.organizationId !== providerId) throw new DomainError('validation.choice', 'Choose one of your offers.', 400, 'offerId')
  if (offer.status !== 'active') throw new DomainError('matches.offerNotActive', 'This offer is not active.', 409, 'offerId')
  return offer
}

const sidesOf = async (tx: Db, match: { requestOrg: OrganizationId; providerId: OrganizationId }) => ({
  request: await membersOfOrganizations(tx, [match.requestOrg]),
  provider: await membersOfOrganizations(tx, [match.providerId]),
})

/** A partner or donor says it wants to work on a published request. Expressing interest is the provider's acceptance. */
export async function expressInterest(db: Db, user: SessionUser, requestId: RequestId, input: InterestInput, origin: string) {
  const providerId = input.providerId as OrganizationId
  return db.transaction(async (tx) => {
    if (!(await actsFor(tx, user, providerId))) throw forbidden()
    const request = await lockPublishedRequest(tx, requestId)
    await requireOpenForMatching(request)
    if (request.organizationId === providerId) {
      throw new DomainError('matches.ownRequest', 'An organisation cannot answer its own request.', 409)
    }
    const offer = await providerOffer(tx, providerId, input.offerId as OfferId | undefined)
    const [match] = await tx
      .insert(matches)
      .values({
        requestId,
        offerId: offer?.id ?? null,
        providerId,
        origin: 'interest',
        providerDecision: 'accepted',
        message: input.message,
        indicativeBudget: input.budgetAmount !== undefined && input.budgetCurrency ? toMinorUnits(input.budgetAmount, input.budgetCurrency) : null,
        indicativeCurrency: input.budgetAmount !== undefined ? (input.budgetCurrency ?? null) : null,
        createdBy: user.id,
        expiresAt: expiry(),
      })
      .onConflictDoNothing()
      .returning({ id: matches.id })
    if (!match) throw new DomainError('matches.alreadyOpen', 'Your organisation already has an open match on this request.', 409)
    await recordAudit(tx, { actorId: user.id, action: 'match.interest', entityType: 'match', entityId: match.id, summary: { requestId, providerId, offerId: offer?.id } })
    const [provider] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, providerId))
    const recipients = [...(await membersOfOrganizations(tx, [request.organizationId])), ...(await secretariatMembers(tx))]
    await notify(tx, recipients, { kind: 'interest', values: { provider: provider?.name ?? '', title: request.title }, link: urls.request(requestId) }, origin)
    return match.id
  })
}

/** The secretariat proposes a match to both sides; an open interest for the same pair becomes the proposal. */
export async function proposeMatch(db: Db, user: SessionUser, requestId: RequestId, input: ProposalInput, origin: string) {
  if (!can(user, 'propose:match')) throw forbidden()
  const providerId = input.providerId as OrganizationId
  return db.transaction(async (tx) => {
    const request = await lockPublishedRequest(tx, requestId)
    await requireOpenForMatching(request)
    if (request.organizationId === providerId) throw new DomainError('matches.ownRequest', 'An organisation cannot answer its own request.', 409)
    const offer = await providerOffer(tx, providerId, input.offerId as OfferId | undefined)
    const proposal = {
      origin: 'proposed' as const,
      requestDecision: 'pending' as const,
      providerDecision: 'pending' as const,
      secretariatNote: input.note,
      proposedAt: new Date(),
      expiresAt: expiry(),
      updatedAt: new Date(),
    }
    const [existing] = await tx
      .select({ id: matches.id, offerId: matches.offerId })
      .from(matches)
      .where(and(eq(matches.requestId, requestId), eq(matches.providerId, providerId), eq(matches.status, 'open')))
      .for('update')
    const matchId = existing
      ? (await tx.update(matches).set({ ...proposal, offerId: offer?.id ?? existing.offerId }).where(eq(matches.id, existing.id)).returning({ id: matches.id }))[0]?.id
      : (
          await tx
            .insert(matches)
            .values({ ...proposal, requestId, providerId, offerId: offer?.id ?? null, createdBy: user.id })
            .returning({ id: matches.id })
        )[0]?.id
    if (!matchId) throw new Error('match not saved')
    await recordAudit(tx, { actorId: user.id, action: 'match.proposed', entityType: 'match', entityId: matchId, summary: { requestId, providerId, note: input.note } })
    const [provider] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, providerId))
    const sides = await sidesOf(tx, { requestOrg: request.organizationId, providerId })
    await notify(tx, [...sides.request, ...sides.provider], { kind: 'proposed', values: { provider: provider?.name ?? '', title: request.title }, link: urls.match(matchId) }, origin)
    return matchId
  })
}

async function lockMatch(tx: Db, matchId: MatchId) {
  const [row] = await tx
    .select({ match: matches, request: { id: requests.id, organizationId: requests.organizationId, title: requests.title, status: requests.status, publishedAt: requests.publishedAt } })
    .from(matches)
    .innerJoin(requests, eq(requests.id, matches.requestId))
    .where(eq(matches.id, matchId))
  if (!row) throw notFound()
  // Lock order everywhere: the request, then the match, so concurrent decisions on one request queue up.
  await tx.select({ id: requests.id }).from(requests).where(eq(requests.id, row.request.id)).for('update')
  const [match] = await tx.select().from(matches).where(eq(matches.id, matchId)).for('update')
  if (!match) throw notFound()
  return { match, request: row.request }
}

/**
 * A side accepts, declines (with a reason) or withdraws. Only members of that side's organisation may act for
 * it; the secretariat may withdraw. When both sides have accepted, the match is agreed and the request matched.
 */
export async function decideMatch(db: Db, user: SessionUser, matchId: MatchId, input: DecisionInput, origin: string) {
  return db.transaction(async (tx) => {
    const { match, request } = await lockMatch(tx, matchId)
    const side = input.side
    const allowed =
      side === 'secretariat'
        ? can(user, 'propose:match')
        : await actsFor(tx, user, side === 'request' ? request.organizationId : match.providerId)
    if (!allowed) throw forbidden()
    if (match.status !== 'open') throw new DomainError('matches.notOpen', 'This match has already been settled.', 409)
    const sides = await sidesOf(tx, { requestOrg: request.organizationId, providerId: match.providerId })
    const [provider] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, match.providerId))
    const values = { provider: provider?.name ?? '', title: request.title }
    const link = urls.match(matchId)

    if (input.decision === 'withdraw' || input.decision === 'decline') {
      const status = input.decision === 'withdraw' ? 'withdrawn' : 'declined'
      const decisionColumn = side === 'request' ? { requestDecision: 'declined' as const } : side === 'provider' ? { providerDecision: 'declined' as const } : {}
      await tx
        .update(matches)
        .set({ status, ...(input.decision === 'decline' ? decisionColumn : {}), declineReason: input.reason ?? null, decidedAt: new Date(), updatedAt: new Date() })
        .where(eq(matches.id, matchId))
      await recordAudit(tx, { actorId: user.id, action: `match.${status}`, entityType: 'match', entityId: matchId, summary: { side, reason: input.reason } })
      // A declined pair is never suggested again: drop it from the stored suggestions now.
      if (status === 'declined') await enqueueSuggestionRefresh(tx, { requestId: request.id })
      await notify(tx, [...sides.request, ...sides.provider, ...(side === 'secretariat' ? [] : await secretariatMembers(tx))], { kind: status, values, link }, origin)
      return status
    }

    const column = side === 'request' ? 'requestDecision' : 'providerDecision'
    if (match[column] !== 'pending') throw new DomainError('matches.alreadyDecided', 'Your side has already answered.', 409)
    const bothAccepted = (side === 'request' ? match.providerDecision : match.requestDecision) === 'accepted'
    if (!bothAccepted) {
      await tx.update(matches).set({ [column]: 'accepted', updatedAt: new Date() }).where(eq(matches.id, matchId))
      await recordAudit(tx, { actorId: user.id, action: 'match.accepted', entityType: 'match', entityId: matchId, summary: { side } })
      await notify(tx, side === 'request' ? sides.provider : sides.request, { kind: 'acceptedByOtherSide', values, link }, origin)
      return 'open'
    }
    if (request.status !== 'published') throw new DomainError('matches.requestNotOpen', 'This request is not open for matching.', 409)
    const now = new Date()
    await tx
      .update(matches)
      .set({
        [column]: 'accepted',
        status: 'agreed',
        agreedAt: now,
        decidedAt: now,
        updatedAt: now,
        timeToMatchSeconds: request.publishedAt ? Math.round((now.getTime() - request.publishedAt.getTime()) / 1000) : null,
      })
      .where(eq(matches.id, matchId))
    await tx.update(requests).set({ status: nextStatus(requestMachine, request.status, 'match'), updatedAt: now }).where(eq(requests.id, request.id))
    await recordAudit(tx, { actorId: user.id, action: 'match.agreed', entityType: 'match', entityId: matchId, summary: { side, requestId: request.id } })
    await recordAudit(tx, { actorId: user.id, action: 'request.matched', entityType: 'request', entityId: request.id, summary: { matchId } })
    await enqueueSuggestionRefresh(tx, { requestId: request.id })
    await notify(tx, [...sides.request, ...sides.provider, ...(await secretariatMembers(tx))], { kind: 'agreed', values, link }, origin)
    return 'agreed'
  })
}

/** Open matches nobody answered in time expire (a scheduled job); each side is told. */
export async function expireMatches(db: Db, origin: string) {
  const due = await db.select({ id: matches.id }).from(matches).where(and(eq(matches.status, 'open'), lt(matches.expiresAt, new Date())))
  for (const { id } of due) {
    await db.transaction(async (tx) => {
      const { match, request } = await lockMatch(tx, id)
      if (match.status !== 'open') return
      await tx.update(matches).set({ status: 'expired', updatedAt: new Date() }).where(eq(matches.id, id))
      await recordAudit(tx, { actorId: null, action: 'match.expired', entityType: 'match', entityId: id })
      const sides = await sidesOf(tx, { requestOrg: request.organizationId, providerId: match.providerId })
      await notify(tx, [...sides.request, ...sides.provider], { kind: 'expired', values: { title: request.title }, link: urls.match(id) }, origin)
    })
  }
  return due.length
}

const matchColumns = {
  id: matches.id,
  requestId: matches.requestId,
  offerId: matches.offerId,
  providerId: matches.providerId,
  providerName: organizations.name,
  origin: matches.origin,
  status: matches.status,
  requestDecision: matches.requestDecision,
  providerDecision: matches.providerDecision,
  message: matches.message,
  indicativeBudget: matches.indicativeBudget,
  indicativeCurrency: matches.indicativeCurrency,
  secretariatNote: matches.secretariatNote,
  declineReason: matches.declineReason,
  createdAt: matches.createdAt,
  expiresAt: matches.expiresAt,
  agreedAt: matches.agreedAt,
}

/** Matches on a request: for its State's members and the secretariat only. */
export async function matchesOfRequest(db: Db, requestId: RequestId) {
  return db.select(matchColumns).from(matches).innerJoin(organizations, eq(organizations.id, matches.providerId)).where(eq(matches.requestId, requestId)).orderBy(desc(matches.createdAt))
}

/** Matches in which these organisations are the provider, with the request they concern. */
export async function matchesOfProviders(db: Db, providerIds: OrganizationId[]) {
  if (providerIds.length === 0) return []
  return db
    .select({ ...matchColumns, requestTitle: requests.title })
    .from(matches)
    .innerJoin(organizations, eq(organizations.id, matches.providerId))
    .innerJoin(requests, eq(requests.id, matches.requestId))
    .where(inArray(matches.providerId, providerIds))
    .orderBy(desc(matches.updatedAt))
}

/** A match for one of its parties or the secretariat; anyone else gets 404 (its existence is not revealed). */
export async function matchForReader(db: Db, user: SessionUser, matchId: MatchId) {
  const [row] = await db
    .select({ ...matchColumns, requestTitle: requests.title, requestOrg: requests.organizationId, requestStatus: requests.status })
    .from(matches)
    .innerJoin(organizations, eq(organizations.id, matches.providerId))
    .innerJoin(requests, eq(requests.id, matches.requestId))
    .where(eq(matches.id, matchId))
  if (!row) return null
  const requestSide = await actsFor(db, user, row.requestOrg)
  const providerSide = await actsFor(db, user, row.providerId)
  const secretariat = can(user, 'propose:match')
  if (!requestSide && !providerSide && !secretariat) return null
  return { match: row, requestSide, providerSide, secretariat }
}

/** The secretariat's board: published requests with no agreed match, oldest first, with their open matches. */
export async function matchBoard(db: Db, user: SessionUser, limit = 50) {
  if (!can(user, 'propose:match')) throw forbidden()
  const open = await db
    .select({ id: requests.id, title: requests.title, publishedAt: requests.publishedAt, primaryObjective: requests.primaryObjective, countries: requests.countries, organization: organizations.name })
    .from(requests)
    .innerJoin(organizations, eq(organizations.id, requests.organizationId))
    .where(eq(requests.status, 'published'))
    .orderBy(asc(requests.publishedAt), asc(requests.id))
    .limit(limit)
  const ids = open.map((r) => r.id)
  const live = ids.length
    ? await db
        .select({ ...matchColumns })
        .from(matches)
        .innerJoin(organizations, eq(organizations.id, matches.providerId))
        .where(and(inArray(matches.requestId, ids), eq(matches.status, 'open')))
    : []
  return open.map((r) => ({ ...r, matches: live.filter((m) => m.requestId === r.id) }))
}


/** Stored suggestions for a request (best first), for its State's members and the secretariat. */
export async function storedOffersForRequest(db: Db, requestId: RequestId, limit = 10) {
  return db
    .select({
      offerId: matchSuggestions.offerId,
      score: matchSuggestions.score,
      factors: matchSuggestions.factors,
      title: offers.title,
      kind: offers.kind,
      providerId: offers.organizationId,
      providerName: organizations.name,
    })
    .from(matchSuggestions)
    .innerJoin(offers, eq(offers.id, matchSuggestions.offerId))
    .innerJoin(organizations, eq(organizations.id, offers.organizationId))
    .where(eq(matchSuggestions.requestId, requestId))
    .orderBy(desc(matchSuggestions.score))
    .limit(limit)
}

/** Stored suggestions of published requests for the offers of these organisations (a provider's dashboard). */
export async function storedRequestsForProviders(db: Db, providerIds: OrganizationId[], limit = 10) {
  if (providerIds.length === 0) return []
  return db
    .select({
      requestId: matchSuggestions.requestId,
      offerId: matchSuggestions.offerId,
      offerTitle: offers.title,
      providerId: offers.organizationId,
      score: matchSuggestions.score,
      factors: matchSuggestions.factors,
      title: requests.title,
      summary: requests.summary,
    })
    .from(matchSuggestions)
    .innerJoin(offers, eq(offers.id, matchSuggestions.offerId))
    .innerJoin(requests, eq(requests.id, matchSuggestions.requestId))
    .where(and(inArray(offers.organizationId, providerIds), eq(requests.status, 'published')))
    .orderBy(desc(matchSuggestions.score))
    .limit(limit)
}

/** The verified organisations this user may answer a request for: any but the requesting one. */
export async function providerOrganizationsOf(db: Db, user: SessionUser, requestingOrganization: OrganizationId) {
  const rows = await db
    .select({ id: organizations.id, name: organizations.name, role: memberships.role, verificationStatus: organizations.verificationStatus })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, user.id))
  return rows.filter((o) => o.id !== requestingOrganization && can(user, 'publish:content', { role: o.role, organizationVerified: o.verificationStatus === 'verified' }))
}

/** The active offers of these organisations, to attach to an expression of interest. */
export function activeOffersOf(db: Db, organizationIds: OrganizationId[]) {
  if (organizationIds.length === 0) return Promise.resolve([])
  return db
    .select({ id: offers.id, title: offers.title, organizationId: offers.organizationId })
    .from(offers)
    .where(and(inArray(offers.organizationId, organizationIds), eq(offers.status, 'active')))
    .orderBy(asc(offers.title))
}
