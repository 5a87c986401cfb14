import { offers, requests, type OfferStatus, type OrganizationId, type RequestStatus, type UserId } from '#db/schema/index'
import { offerColumns } from '~/domain/offers/offers.server'
import { OfferSchema } from '~/domain/offers/schemas'
import { requestColumns } from '~/domain/requests/requests.server'
import { RequestSchema } from '~/domain/requests/schemas'
import { db, type Db } from '~/utils/db.server'

interface Placement<Status> {
  organizationId: OrganizationId
  createdBy?: UserId
  status: Status
  publishedAt: Date | null
}

/**
 * A request stored as its form stores it (the form's fields through its zod schema), but put straight into the
 * status given: for tests about what is found and shown, not about the steps that lead there. `into` a transaction
 * when given.
 */
export async function insertRequest(form: Record<string, unknown>, placement: Placement<RequestStatus>, into: Db = db) {
  const [row] = await into
    .insert(requests)
    .values({ ...requestColumns(RequestSchema.parse(form)), ...placement })
    .returning({ id: requests.id })
  return row!.id as string
}

/** An offer stored as its form stores it, put straight into the status given. */
export async function insertOffer(form: Record<string, unknown>, placement: Placement<OfferStatus>) {
  const [row] = await db
    .insert(offers)
    .values({ ...offerColumns(OfferSchema.parse(form)), ...placement })
    .returning({ id: offers.id })
  return row!.id as string
}

/** The terms of a regional seed-grant offer, as the open-data and API tests publish one. */
export const seedGrantTerms = {
  regions: ['142'],
  supportTypes: ['financing'],
  languages: ['en'],
  financingMin: 50000,
  financingMax: 250000,
  financingCurrency: 'USD',
}
