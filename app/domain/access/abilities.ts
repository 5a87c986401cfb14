import type { MemberRole, PlatformRole } from '#db/schema/enum-values'

/**
 * Who may do what, in one place. A grant is `action:entity:scope`: `any` is platform-wide (the secretariat),
 * `own` holds through a membership of the organisation concerned. Anything not granted here is denied.
 */
export type Ability =
  | 'verify:organization'
  | 'read:organization'
  | 'update:organization'
  | 'invite:member'
  | 'manage:member'
  | 'publish:content'
  | 'read:audit'
  | 'manage:user'
  | 'screen:request'
  | 'read:request'
  | 'propose:match'
  | 'manage:project'
  | 'act:project'
  | 'manage:fund'
  | 'review:practice'
  | 'answer:funding'
  | 'read:mail'
export type Grant = `${Ability}:${'own' | 'any'}`

const platformGrants: Record<PlatformRole, readonly Grant[]> = {
  user: [],
  secretariat: ['verify:organization:any', 'read:organization:any', 'read:audit:any', 'screen:request:any', 'read:request:any', 'propose:match:any', 'manage:project:any', 'manage:fund:any', 'review:practice:any', 'read:mail:any'],
  admin: [
    'verify:organization:any',
    'read:organization:any',
    'read:audit:any',
    'manage:user:any',
    'screen:request:any',
    'read:request:any',
    'propose:match:any',
    'manage:project:any',
    'manage:fund:any',
    'review:practice:any',
    'read:mail:any',
  ],
}

const memberGrants: Record<MemberRole, readonly Grant[]> = {
  owner: [
    'read:organization:own',
    'update:organization:own',
    'invite:member:own',
    'manage:member:own',
    'publish:content:own',
    'read:request:own',
    'act:project:own',
    'answer:funding:own',
  ],
  admin: ['read:organization:own', 'update:organization:own', 'invite:member:own', 'publish:content:own', 'read:request:own', 'act:project:own', 'answer:funding:own'],
  member: ['read:organization:own', 'publish:content:own', 'read:request:own', 'act:project:own'],
}

/** Acting on an organisation's behalf waits for the secretariat to verify it. */
const needsVerifiedOrganization: readonly Ability[] = ['publish:content', 'act:project', 'answer:funding']

export interface Actor {
  platformRole: PlatformRole
}

export interface MembershipContext {
  role: MemberRole
  organizationVerified: boolean
}

export function can(actor: Actor | null, ability: Ability, membership?: MembershipContext | null): boolean {
  if (!actor) return false
  if (platformGrants[actor.platformRole].includes(`${ability}:any`)) return true
  if (!membership || !memberGrants[membership.role].includes(`${ability}:own`)) return false
  return !needsVerifiedOrganization.includes(ability) || membership.organizationVerified
}

export const isStaff = (actor: Actor | null) => actor?.platformRole === 'secretariat' || actor?.platformRole === 'admin'
