import { pgEnum } from 'drizzle-orm/pg-core'

export const platformRoles = ['user', 'secretariat', 'admin'] as const
export type PlatformRole = (typeof platformRoles)[number]
export const platformRole = pgEnum('platform_role', platformRoles)

export const organizationTypes = [
  'state',
  'local_authority',
  'un_entity',
  'intergovernmental',
  'civil_society',
  'migrant_diaspora',
  'academia',
  'private_sector',
  'trade_union',
  'philanthropy',
] as const
export type OrganizationType = (typeof organizationTypes)[number]
export const organizationType = pgEnum('organization_type', organizationTypes)

export const verificationStatuses = ['pending', 'verified', 'rejected'] as const
export type VerificationStatus = (typeof verificationStatuses)[number]
export const verificationStatus = pgEnum('verification_status', verificationStatuses)

export const memberRoles = ['owner', 'admin', 'member'] as const
export type MemberRole = (typeof memberRoles)[number]
export const memberRole = pgEnum('member_role', memberRoles)

export const tokenPurposes = ['verify_email', 'reset_password'] as const
export type TokenPurpose = (typeof tokenPurposes)[number]
export const tokenPurpose = pgEnum('token_purpose', tokenPurposes)

export const emailStatuses = ['queued', 'sent', 'stored', 'failed'] as const
export type EmailStatus = (typeof emailStatuses)[number]
export const emailStatus = pgEnum('email_status', emailStatuses)

export const requestStatuses = [
  'draft',
  'submitted',
  'returned',
  'published',
  'matched',
  'in_project',
  'completed',
  'withdrawn',
  'closed',
] as const
export type RequestStatus = (typeof requestStatuses)[number]
export const requestStatus = pgEnum('request_status', requestStatuses)

export const offerKinds = ['expertise', 'financing'] as const
export type OfferKind = (typeof offerKinds)[number]
export const offerKind = pgEnum('offer_kind', offerKinds)

export const offerStatuses = ['draft', 'active', 'paused', 'closed'] as const
export type OfferStatus = (typeof offerStatuses)[number]
export const offerStatus = pgEnum('offer_status', offerStatuses)

export const reviewKinds = ['returned', 'answered', 'published', 'note'] as const
export type ReviewKind = (typeof reviewKinds)[number]
export const reviewKind = pgEnum('review_kind', reviewKinds)

export const supportTypes = [
  'technical_assistance',
  'capacity_building',
  'policy_advice',
  'data_research',
  'peer_exchange',
  'financing',
] as const
export type SupportType = (typeof supportTypes)[number]
