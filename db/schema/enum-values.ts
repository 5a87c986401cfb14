/**
 * The closed vocabularies of the schema as plain lists (no database code), for anything that must also reach the
 * browser; enums.ts turns them into PostgreSQL enums.
 */
export const platformRoles = ['user', 'secretariat', 'admin'] as const
export type PlatformRole = (typeof platformRoles)[number]

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

export const verificationStatuses = ['pending', 'verified', 'rejected'] as const
export type VerificationStatus = (typeof verificationStatuses)[number]

export const memberRoles = ['owner', 'admin', 'member'] as const
export type MemberRole = (typeof memberRoles)[number]

export const tokenPurposes = ['verify_email', 'reset_password'] as const
export type TokenPurpose = (typeof tokenPurposes)[number]

export const emailStatuses = ['queued', 'sent', 'stored', 'failed'] as const
export type EmailStatus = (typeof emailStatuses)[number]

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

export const offerKinds = ['expertise', 'financing'] as const
export type OfferKind = (typeof offerKinds)[number]

export const offerStatuses = ['draft', 'active', 'paused', 'closed'] as const
export type OfferStatus = (typeof offerStatuses)[number]

export const reviewKinds = ['returned', 'answered', 'published', 'note'] as const
export type ReviewKind = (typeof reviewKinds)[number]

export const supportTypes = [
  'technical_assistance',
  'capacity_building',
  'policy_advice',
  'data_research',
  'peer_exchange',
  'financing',
] as const
export type SupportType = (typeof supportTypes)[number]

export const projectStatuses = ['inception', 'active', 'on_hold', 'completed', 'closed', 'cancelled'] as const
export type ProjectStatus = (typeof projectStatuses)[number]
export const participantRoles = ['funding', 'accountable', 'extending', 'implementing'] as const
export type ParticipantRole = (typeof participantRoles)[number]
export const fundingInvitationStatuses = ['pending', 'accepted', 'declined'] as const
export type FundingInvitationStatus = (typeof fundingInvitationStatuses)[number]
export const reviewStatuses = ['draft', 'pending', 'approved', 'returned'] as const
export type ReviewStatus = (typeof reviewStatuses)[number]
export const milestoneStatuses = ['planned', 'in_progress', 'submitted', 'approved', 'returned', 'waived'] as const
export type MilestoneStatus = (typeof milestoneStatuses)[number]
export const indicatorLevels = ['output', 'outcome', 'impact'] as const
export type IndicatorLevel = (typeof indicatorLevels)[number]

export const contributionMethods = ['card', 'pledge'] as const
export const contributionStatuses = ['pending', 'pledged', 'received', 'failed', 'refunded', 'voided'] as const
export type ContributionStatus = (typeof contributionStatuses)[number]
export const earmarkKinds = ['fund', 'objective', 'project'] as const
export type EarmarkKind = (typeof earmarkKinds)[number]
export const allocationStatuses = ['approved', 'disbursing', 'closed', 'reversed'] as const
export type AllocationStatus = (typeof allocationStatuses)[number]
export const ledgerKinds = ['contribution', 'pledge_receipt', 'refund', 'allocation', 'allocation_reversal', 'disbursement', 'correction'] as const
export type LedgerKind = (typeof ledgerKinds)[number]

export const alertFrequencies = ['instant', 'daily', 'weekly'] as const
export type AlertFrequency = (typeof alertFrequencies)[number]

/** The listings a saved search can watch, and the kinds of item the catalogue publishes. */
export const alertListings = ['requests', 'offers'] as const
export type AlertListing = (typeof alertListings)[number]

/**
 * The kinds of event a person may choose to hear of by email or only in the Hub. Security email (password reset,
 * address verification, sign-in, invitations) has no kind: it is always sent.
 */
export const notificationKinds = ['matches', 'projects', 'fund', 'alerts', 'suggestions'] as const
export type NotificationKind = (typeof notificationKinds)[number]
