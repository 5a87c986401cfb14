import { describe, expect, test } from 'vitest'
import { memberRoles, platformRoles } from '#db/schema/enum-values'
import { can, isStaff, type Ability } from './abilities'

const user = { platformRole: 'user' } as const
const secretariat = { platformRole: 'secretariat' } as const
const admin = { platformRole: 'admin' } as const
const verifiedAs = (role: 'owner' | 'admin' | 'member') => ({ role, organizationVerified: true })
const pendingAs = (role: 'owner' | 'admin' | 'member') => ({ role, organizationVerified: false })

describe('can', () => {
  test('denies a visitor everything', () => {
    const abilities: Ability[] = ['verify:organization', 'read:organization', 'update:organization', 'publish:content', 'manage:user']
    for (const ability of abilities) {
      expect(can(null, ability, verifiedAs('owner'))).toBe(false)
    }
  })

  test('denies a signed-in user without a membership', () => {
    expect(can(user, 'read:organization')).toBe(false)
    expect(can(user, 'update:organization', null)).toBe(false)
    expect(can(user, 'verify:organization')).toBe(false)
    expect(can(user, 'read:audit')).toBe(false)
  })

  test('only the secretariat and admins verify organisations', () => {
    expect(can(secretariat, 'verify:organization')).toBe(true)
    expect(can(admin, 'verify:organization')).toBe(true)
    // Being an organisation's owner does not let anyone verify it.
    expect(can(user, 'verify:organization', verifiedAs('owner'))).toBe(false)
  })

  test('only admins manage users', () => {
    expect(can(admin, 'manage:user')).toBe(true)
    expect(can(secretariat, 'manage:user')).toBe(false)
    expect(can(user, 'manage:user', verifiedAs('owner'))).toBe(false)
  })

  test('the secretariat holds no membership grants of its own', () => {
    expect(can(secretariat, 'update:organization')).toBe(false)
    expect(can(secretariat, 'manage:member')).toBe(false)
    expect(can(secretariat, 'publish:content')).toBe(false)
  })

  test.each([
    ['owner', 'manage:member', true],
    ['admin', 'manage:member', false],
    ['member', 'manage:member', false],
    ['owner', 'invite:member', true],
    ['admin', 'invite:member', true],
    ['member', 'invite:member', false],
    ['owner', 'update:organization', true],
    ['admin', 'update:organization', true],
    ['member', 'update:organization', false],
    ['member', 'read:organization', true],
    ['owner', 'verify:organization', false],
    ['owner', 'answer:funding', true],
    ['admin', 'answer:funding', true],
    ['member', 'answer:funding', false],
  ] as const)('a %s of a verified organisation: %s is %s', (role, ability, expected) => {
    expect(can(user, ability, verifiedAs(role))).toBe(expected)
  })

  test('publishing waits for the organisation to be verified', () => {
    for (const role of memberRoles) {
      expect(can(user, 'publish:content', pendingAs(role))).toBe(false)
      expect(can(user, 'publish:content', verifiedAs(role))).toBe(true)
    }
  })

  test('managing an unverified organisation does not wait for verification', () => {
    expect(can(user, 'update:organization', pendingAs('owner'))).toBe(true)
    expect(can(user, 'invite:member', pendingAs('admin'))).toBe(true)
  })
})

test('isStaff is true for the secretariat and admins only', () => {
  expect(platformRoles.filter((platformRole) => isStaff({ platformRole }))).toEqual(['secretariat', 'admin'])
  expect(isStaff(null)).toBe(false)
})
