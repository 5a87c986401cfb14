import { pgEnum } from 'drizzle-orm/pg-core'
import {
  alertFrequencies,
  alertListings,
  emailStatuses,
  memberRoles,
  offerKinds,
  offerStatuses,
  organizationTypes,
  platformRoles,
  requestStatuses,
  reviewKinds,

  tokenPurposes,
  verificationStatuses,
} from './enum-values'

export * from './enum-values'

export const platformRole = pgEnum('platform_role', platformRoles)
export const organizationType = pgEnum('organization_type', organizationTypes)
export const verificationStatus = pgEnum('verification_status', verificationStatuses)
export const memberRole = pgEnum('member_role', memberRoles)
export const tokenPurpose = pgEnum('token_purpose', tokenPurposes)
export const emailStatus = pgEnum('email_status', emailStatuses)
export const requestStatus = pgEnum('request_status', requestStatuses)
export const offerKind = pgEnum('offer_kind', offerKinds)
export const offerStatus = pgEnum('offer_status', offerStatuses)
export const reviewKind = pgEnum('review_kind', reviewKinds)
export const alertFrequency = pgEnum('alert_frequency', alertFrequencies)
export const alertListing = pgEnum('alert_listing', alertListings)
