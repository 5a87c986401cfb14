import type { MemberRole, ParticipantRole } from '#db/schema/enum-values'
import { can, type Actor } from './abilities'

/** The capacities a person can hold in a project: the secretariat steers and reviews, the parties do and see the work. */
export type ProjectCapacity = 'secretariat' | 'state' | 'implementer' | 'funder'

/** A person's capacities in one project; `party` is any of them, and may read the workspace. */
export type ProjectAccess = Record<ProjectCapacity | 'party', boolean>

export const noAccess: ProjectAccess = { secretariat: false, state: false, implementer: false, funder: false, party: false }

/** A participant organisation's role in the project, held through the person's membership of it. */
export interface ParticipantHolding {
  role: ParticipantRole
  memberRole: MemberRole
  organizationVerified: boolean
}

/**
 * The capacities follow from the abilities: `manage:project` makes the secretariat, and `act:project` through a
 * membership of a participant gives the participant's role (requesting State, implementer, funder).
 */
export function projectAccess(user: Actor | null, holdings: readonly ParticipantHolding[]): ProjectAccess {
  if (!user) return noAccess
  const secretariat = can(user, 'manage:project')
  const holds = (...roles: ParticipantRole[]) =>
    holdings.some((h) => roles.includes(h.role) && can(user, 'act:project', { role: h.memberRole, organizationVerified: h.organizationVerified }))
  const state = holds('accountable')
  const implementer = holds('implementing')
  const funder = holds('funding', 'extending')
  return { secretariat, state, implementer, funder, party: secretariat || state || implementer || funder }
}
