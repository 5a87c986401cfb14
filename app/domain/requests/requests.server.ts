import { asc, desc, eq, inArray } from 'drizzle-orm'
import {
  organizations,
  requestReviews,
  requests,
  users,
  type OrganizationId,
  type RequestId,
  type RequestStatus,
} from '#db/schema/index'
import { recordAudit } from '~/utils/audit.server'
import type { Db } from '~/utils/db.server'
import { queueEmail } from '~/utils/email.server'
import { translator } from '~/utils/i18n.server'
import { can } from '~/domain/access/abilities'
import { contentSides } from '~/domain/access/content'
import type { SessionUser } from '../accounts/sessions.server'
import { DomainError, forbidden, notFound } from '../errors'
import { regionsCovering } from '../geography/geography.server'
import { nextStatus } from '../lifecycle'
import { enqueueSuggestionRefresh } from '../matching/suggestions.server'
import { membershipContext, type Organization } from '../organizations/organizations.server'
import { toMinorUnits } from '../vocabulary/codes'
import { isRequestEditable, publicRequestStatuses, requestMachine, type RequestAction } from './lifecycle'
import type { RequestInput } from './schemas'
import { absoluteUrl, urls } from '~/utils/urls'

export type RequestRow = typeof requests.$inferSelect
const requestingTypes = new Set(['state', 'local_authority'])

/** The columns a request's input sets; regions are derived from the countries. */
export function requestColumns(input: RequestInput) {
  return {
    title: input.title,
    summary: input.summary,
    description: input.description ?? '',
    language: input.language,
    countries: input.countries,
    regions: regionsCovering(input.countries),
    primaryObjective: input.primaryObjective,
    objectives: [input.primaryObjective, ...input.objectives.filter((o) => o !== input.primaryObjective)],
    actions: input.actions,
    principles: input.principles,
    supportTypes: input.supportTypes,
    languages: input.languages,
    budgetAmount: input.budgetAmount !== undefined && input.budgetCurrency ? toMinorUnits(input.budgetAmount, input.budgetCurrency) : null,
    budgetCurrency: input.budgetAmount !== undefined ? (input.budgetCurrency ?? null) : null,
    seeksFunding: input.seeksFunding,
    startDate: input.startDate ?? null,
    durationMonths: input.durationMonths ?? null,
    contactName: input.contactName ?? null,
    contactEmail: input.contactEmail ?? null,
    contactPhone: input.contactPhone ?? null,
  }
}

/** Only members of a verified State or local authority speak for it. */
export async function assertCanDraftFor(db: Db, user: SessionUser, org: Organization) {
  if (!requestingTypes.has(org.type)) {
    throw new DomainError('requests.onlyStates', 'Only States and local authorities post requests.', 403)
  }
  const membership = await membershipContext(db, user, org)
  if (!membership) throw forbidden()
  if (!can(user, 'publish:content', membership)) {
    throw new DomainError('requests.organizationNotVerified', 'The secretariat has not verified this organisation yet.', 403)
  }
}

export async function createRequest(db: Db, user: SessionUser, org: Organization, input: RequestInput) {
  await assertCanDraftFor(db, user, org)
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(requests)
      .values({ ...requestColumns(input), organizationId: org.id, createdBy: user.id })
      .returning({ id: requests.id })
    if (!row) throw new Error('request not created')
    await recordAudit(tx, {
      actorId: user.id,
      action: 'request.created',
      entityType: 'request',
      entityId: row.id,
      summary: { title: input.title, organizationId: org.id },
    })
    return row.id
  })
}

interface Loaded {
  request: RequestRow
  org: Organization
  ownSide: boolean
  secretariat: boolean
}

/** Loads a request (locked for the transaction) with who the user is to it; unknown or invisible → 404. */
async function loadForActor(tx: Db, user: SessionUser, id: RequestId): Promise<Loaded> {
  const [row] = await tx
    .select({ request: requests, org: organizations })
    .from(requests)
    .innerJoin(organizations, eq(organizations.id, requests.organizationId))
    .where(eq(requests.id, id))
    .for('update', { of: requests })
  if (!row) throw notFound()
  const membership = await membershipContext(tx, user, row.org)
  const { ownSide, secretariat } = contentSides(user, membership, 'screen:request')
  if (!ownSide && !secretariat) throw notFound()
  return { request: row.request, org: row.org, ownSide, secretariat }
}

export async function updateRequest(db: Db, user: SessionUser, id: RequestId, input: RequestInput) {
  await db.transaction(async (tx) => {
    const { request, ownSide } = await loadForActor(tx, user, id)
    if (!ownSide) throw forbidden()
    if (!isRequestEditable(request.status)) {
      throw new DomainError('requests.notEditable', 'This request can no longer be edited.', 409)
    }
    const columns = requestColumns(input)
    const changed = (Object.keys(columns) as (keyof typeof columns)[]).filter(
      (k) => JSON.stringify(columns[k]) !== JSON.stringify(request[k]),
    )
    await tx.update(requests).set({ ...columns, updatedAt: new Date() }).where(eq(requests.id, id))
    await recordAudit(tx, { actorId: user.id, action: 'request.updated', entityType: 'request', entityId: id, summary: { changed } })
  })
}

const stamps: Partial<Record<RequestStatus, keyof RequestRow>> = {
  submitted: 'submittedAt',
  published: 'publishedAt',
  withdrawn: 'closedAt',
  closed: 'closedAt',
}

/**
 * Moves a request along its lifecycle. The State's members submit, withdraw and close; the secretariat
 * publishes, returns (with comments the State sees) and may close. A message is kept in the screening thread.
 */
export async function transitionRequest(
  db: Db,
  user: SessionUser,
  id: RequestId,
  action: RequestAction,
  options: { message?: string; origin: string },
) {
  const { message, origin } = options
  return db.transaction(async (tx) => {
    const { request, ownSide, secretariat } = await loadForActor(tx, user, id)
    const allowed =
      action === 'match' || action === 'startProject' || action === 'complete'
        ? false
        : action === 'publish' || action === 'return'
          ? secretariat
          : action === 'close'
            ? ownSide || secretariat
            : ownSide
    if (!allowed) throw forbidden()
    if (action === 'return' && !message) {
      throw new DomainError('validation.required', 'Say what the State should change.', 400, 'comments')
    }
    if (request.status === 'in_project') {
      throw new DomainError('requests.inProject', 'This request is being carried out as a project; the project is cancelled or closed instead.', 409)
    }
    const status = nextStatus(requestMachine, request.status, action)
    const stamp = stamps[status]
    await tx
      .update(requests)
      .set({ status, updatedAt: new Date(), ...(stamp ? { [stamp]: new Date() } : {}) })
      .where(eq(requests.id, id))
    const kind = action === 'return' ? 'returned' : action === 'publish' ? 'published' : action === 'submit' ? 'answered' : 'note'
    if (message) await tx.insert(requestReviews).values({ requestId: id, authorId: user.id, kind, body: message })
    await recordAudit(tx, {
      actorId: user.id,
      action: `request.${action}`,
      entityType: 'request',
      entityId: id,
      summary: { from: request.status, to: status, ...(message ? { message } : {}) },
    })
    // Entering or leaving `published` changes what the matching service suggests for this request.
    if (action === 'publish' || action === 'withdraw' || action === 'close') await enqueueSuggestionRefresh(tx, { requestId: id })
    if (action === 'return' || action === 'publish') await notifyRequester(tx, request, action, absoluteUrl(origin, urls.request(id)), message)
    return status
  })
}

/** The State learns by email that its request was returned or published. */
async function notifyRequester(tx: Db, request: RequestRow, action: 'return' | 'publish', url: string, message?: string) {
  if (!request.createdBy) return
  const [author] = await tx.select({ email: users.email, locale: users.locale, name: users.displayName }).from(users).where(eq(users.id, request.createdBy))
  if (!author) return
  const t = translator(author.locale)
  const key = action === 'return' ? 'requestEmails.returned' : 'requestEmails.published'
  await queueEmail(tx, {
    // The screening of a request is the first step of its way to a match.
    kind: 'matches',
    to: author.email,
    userId: request.createdBy,
    template: key,
    subject: t(`${key}.subject`, { title: request.title }),
    text: t(`${key}.body`, { name: author.name, title: request.title, message: message ?? '', url }),
  })
}

/** The secretariat's screening queue: submitted requests, oldest first. */
export async function screeningQueue(db: Db, user: SessionUser) {
  if (!can(user, 'screen:request')) throw forbidden()
  return db
    .select({
      id: requests.id,
      title: requests.title,
      summary: requests.summary,
      submittedAt: requests.submittedAt,
      countries: requests.countries,
      primaryObjective: requests.primaryObjective,
      organization: organizations.name,
    })
    .from(requests)
    .innerJoin(organizations, eq(organizations.id, requests.organizationId))
    .where(eq(requests.status, 'submitted'))
    .orderBy(asc(requests.submittedAt))
}

export async function requestsOfOrganizations(db: Db, organizationIds: OrganizationId[]) {
  if (organizationIds.length === 0) return []
  return db
    .select({
      id: requests.id,
      title: requests.title,
      status: requests.status,
      updatedAt: requests.updatedAt,
      organizationId: requests.organizationId,
      primaryObjective: requests.primaryObjective,
    })
    .from(requests)
    .where(inArray(requests.organizationId, organizationIds))
    .orderBy(desc(requests.updatedAt))
}

export async function reviewsOf(db: Db, id: RequestId) {
  return db
    .select({ id: requestReviews.id, kind: requestReviews.kind, body: requestReviews.body, createdAt: requestReviews.createdAt, author: users.displayName })
    .from(requestReviews)
    .leftJoin(users, eq(users.id, requestReviews.authorId))
    .where(eq(requestReviews.requestId, id))
    .orderBy(asc(requestReviews.createdAt))
}

/**
 * A request as its reader may see it: the public see published ones without contact details; the State's
 * members and the secretariat see everything, including the screening thread.
 */
export async function requestForReader(db: Db, user: SessionUser | null, id: RequestId) {
  const [row] = await db
    .select({ request: requests, org: organizations })
    .from(requests)
    .innerJoin(organizations, eq(organizations.id, requests.organizationId))
    .where(eq(requests.id, id))
  if (!row) return null
  const membership = user ? await membershipContext(db, user, row.org) : null
  const privileged = can(user, 'read:request', membership)
  const isPublic = publicRequestStatuses.includes(row.request.status)
  if (!privileged && !isPublic) return null
  return {
    request: row.request,
    org: row.org,
    privileged,
    ...contentSides(user, membership, 'screen:request'),
  }
}
