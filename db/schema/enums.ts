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
