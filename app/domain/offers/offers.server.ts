import { desc, eq, inArray } from 'drizzle-orm'
import { offers, organizations, type OfferId, type OfferStatus, type OrganizationId } from '#db/schema/index'
import { recordAudit } from '~/utils/audit.server'
import type { Db } from '~/utils/db.server'
import { can } from '~/domain/access/abilities'
import type { SessionUser } from '../accounts/sessions.server'
import { DomainError, forbidden, notFound } from '../errors'
import { regionsCovering } from '../geography/geography.server'
import { nextStatus } from '../lifecycle'
import { enqueueSuggestionRefresh } from '../matching/suggestions.server'
import { membershipContext, type Organization } from '../organizations/organizations.server'
import { toMinorUnits } from '../vocabulary/codes'
import { offerMachine, publicOfferStatuses, type OfferAction } from './lifecycle'
import type { OfferInput } from './schemas'

export type OfferRow = typeof offers.$inferSelect

export function offerColumns(input: OfferInput) {
  // Financing fields mean nothing on an expertise offer: they are dropped rather than stored as noise.
  const currency = input.kind === 'financing' ? input.financingCurrency : undefined
  return {
    kind: input.kind,
    title: input.title,
    summary: input.summary,
    description: input.description ?? '',
    language: input.language,
    primaryObjective: input.primaryObjective,
    objectives: [input.primaryObjective, ...input.objectives.filter((o) => o !== input.primaryObjective)],
    actions: input.actions,
    countries: input.countries,
    servedRegions: input.regions,
    regions: regionsCovering(input.countries, input.regions),
    global: input.global,
    supportTypes: input.supportTypes,
    languages: input.languages,
    capacityPersonDays: input.capacityPersonDays ?? null,
    availableFrom: input.availableFrom ?? null,
    availableUntil: input.availableUntil ?? null,
    financingMin: currency && input.financingMin !== undefined ? toMinorUnits(input.financingMin, currency) : null,
    financingMax: currency && input.financingMax !== undefined ? toMinorUnits(input.financingMax, currency) : null,
    financingCurrency: currency ?? null,
    conditions: input.conditions ?? null,
  }
}

/** Any verified organisation may offer; its members act for it. */
export async function assertCanOfferFor(db: Db, user: SessionUser, org: Organization) {
  const membership = await membershipContext(db, user, org)
  if (!membership) throw forbidden()
  if (!can(user, 'publish:content', membership)) {
    throw new DomainError('requests.organizationNotVerified', 'The secretariat has not verified this organisation yet.', 403)
  }
}

/** Creates an offer as a draft, or publishes it at once when `publish` is set. */
export async function createOffer(db: Db, user: SessionUser, org: Organization, input: OfferInput, publish: boolean) {
  await assertCanOfferFor(db, user, org)
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(offers)
      .values({
        ...offerColumns(input),
        organizationId: org.id,
        createdBy: user.id,
        status: publish ? 'active' : 'draft',
        publishedAt: publish ? new Date() : null,
      })
      .returning({ id: offers.id })
    if (!row) throw new Error('offer not created')
    await recordAudit(tx, {
      actorId: user.id,
      action: publish ? 'offer.published' : 'offer.created',
      entityType: 'offer',
      entityId: row.id,
      summary: { title: input.title, kind: input.kind, organizationId: org.id },
    })
    if (publish) await enqueueSuggestionRefresh(tx, { offerId: row.id })
    return row.id
  })
}

/**
 * Loads an offer (locked for the transaction) that the user may change. A draft or closed offer the user may not
 * even read is a 404, as on its page, so a step on it does not reveal that it exists; a readable one is a 403.
 */
async function loadOwnOffer(tx: Db, user: SessionUser, id: OfferId) {
  const [row] = await tx
    .select({ offer: offers, org: organizations })
    .from(offers)
    .innerJoin(organizations, eq(organizations.id, offers.organizationId))
    .where(eq(offers.id, id))
    .for('update', { of: offers })
  if (!row) throw notFound()
  if (!publicOfferStatuses.includes(row.offer.status)) {
    const membership = await membershipContext(tx, user, row.org)
    if (!can(user, 'publish:content', membership) && !can(user, 'read:organization', membership)) throw notFound()
  }
  await assertCanOfferFor(tx, user, row.org)
  return row
}

export async function updateOffer(db: Db, user: SessionUser, id: OfferId, input: OfferInput) {
  await db.transaction(async (tx) => {
    const { offer } = await loadOwnOffer(tx, user, id)
    if (offer.status === 'closed') throw new DomainError('offers.closed', 'A closed offer cannot be edited.', 409)
    await tx.update(offers).set({ ...offerColumns(input), updatedAt: new Date() }).where(eq(offers.id, id))
    await recordAudit(tx, { actorId: user.id, action: 'offer.updated', entityType: 'offer', entityId: id, summary: { title: input.title } })
    if (offer.status === 'active') await enqueueSuggestionRefresh(tx, { offerId: id })
  })
}

export async function transitionOffer(db: Db, user: SessionUser, id: OfferId, action: OfferAction): Promise<OfferStatus> {
  return db.transaction(async (tx) => {
    const { offer } = await loadOwnOffer(tx, user, id)
    const status = nextStatus(offerMachine, offer.status, action)
    await tx
      .update(offers)
      .set({
        status,
        updatedAt: new Date(),
        ...(action === 'publish' ? { publishedAt: new Date() } : {}),
        ...(action === 'close' ? { closedAt: new Date() } : {}),
      })
      .where(eq(offers.id, id))
    await recordAudit(tx, { actorId: user.id, action: `offer.${action}`, entityType: 'offer', entityId: id, summary: { from: offer.status, to: status } })
    await enqueueSuggestionRefresh(tx, { offerId: id })
    return status
  })
}

export async function offersOfOrganizations(db: Db, organizationIds: OrganizationId[]) {
  if (organizationIds.length === 0) return []
  return db
    .select({ id: offers.id, title: offers.title, kind: offers.kind, status: offers.status, updatedAt: offers.updatedAt, organizationId: offers.organizationId })
    .from(offers)
    .where(inArray(offers.organizationId, organizationIds))
    .orderBy(desc(offers.updatedAt))
}

/** Active and paused offers are public; drafts and closed offers only to the offering organisation. */
export async function offerForReader(db: Db, user: SessionUser | null, id: OfferId) {
  const [row] = await db
    .select({ offer: offers, org: organizations })
    .from(offers)
    .innerJoin(organizations, eq(organizations.id, offers.organizationId))
    .where(eq(offers.id, id))
  if (!row) return null
  const membership = user ? await membershipContext(db, user, row.org) : null
  const ownSide = can(user, 'publish:content', membership)
  const privileged = ownSide || can(user, 'read:organization', membership)
  if (!privileged && !publicOfferStatuses.includes(row.offer.status)) return null
  return { offer: row.offer, org: row.org, ownSide }
}
