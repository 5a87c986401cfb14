import { describe, expect, test } from 'vitest'
import { validateSessionToken } from '~/domain/accounts/sessions.server'
import { inviteMember, INVITATIONS_PER_HOUR } from '~/domain/organizations/members.server'
import { updateOrganization } from '~/domain/organizations/organizations.server'
import { OrganizationSchema } from '~/domain/organizations/schemas'
import { isoDate } from '~/domain/vocabulary/fields'
import { db } from '~/utils/db.server'
import { readForm } from '~/http/forms.server'
import { safeRedirect } from '~/http/session.server'
import { createOrganization } from '../factories'
import { expectDomainError, links } from './support'

describe('hardening found in review', () => {
  test.each([
    ['/\t/evil.example/phish', '/'],
    ['/\n/evil.example', '/'],
    ['/x\ny', '/'],
    ['/\\evil.example', '/'],
    ['//evil.example', '/'],
    ['https://evil.example', '/'],
    ['/orgs/a?b=1#c', '/orgs/a?b=1#c'],
    ['/requests/../dashboard', '/dashboard'],
  ])('safeRedirect(%j) → %j', (to, expected) => {
    expect(safeRedirect(to)).toBe(expected)
  })

  test('a NUL character in a form is a 400, not a database error', async () => {
    const request = new Request('http://localhost/signup', { method: 'POST', body: new URLSearchParams({ displayName: 'ab\u0000cd' }) })
    const thrown = await readForm(request).then(() => null, (e: unknown) => e)
    expect(thrown).toBeInstanceOf(Response)
    expect((thrown as Response).status).toBe(400)
  })

  test('a session cookie of the wrong shape is no session, without touching the database', async () => {
    expect(await validateSessionToken(db, 'a\u0000b.c')).toBeNull()
    expect(await validateSessionToken(db, 'ABC.DEF')).toBeNull()
  })

  test('dates the database cannot store are refused by validation', () => {
    expect(isoDate.safeParse('0000-01-01').success).toBe(false)
    expect(isoDate.safeParse('2027-03-01').success).toBe(true)
  })

  test('an organisation name cannot carry a web address (it travels in invitation emails)', () => {
    const result = OrganizationSchema.safeParse({ name: 'URGENT: verify at http://evil.example/login', type: 'civil_society' })
    expect(result.error?.issues.map((i) => i.message)).toContain('validation.noLinksInName')
  })

  test('a verified organisation cannot rename itself and keep its badge', async () => {
    const { org, owner } = await createOrganization({ type: 'academia', status: 'verified' })
    await expectDomainError(updateOrganization(db, owner.actor, org, { name: 'UNHCR Regional Bureau', type: 'academia' }), { status: 409, code: 'organizations.identityLocked' })
  })

  test(`invitations are capped at ${INVITATIONS_PER_HOUR} an hour per person`, async () => {
    const { org, owner } = await createOrganization({ type: 'civil_society', status: 'pending' })
    for (let i = 0; i < INVITATIONS_PER_HOUR; i++) {
      await inviteMember(db, owner.actor, org, { email: `invitee-${i}-${org.id.slice(0, 8)}@example.org`, role: 'member' }, links)
    }
    await expectDomainError(inviteMember(db, owner.actor, org, { email: `one-more-${org.id.slice(0, 8)}@example.org`, role: 'member' }, links), { status: 429 })
  })
})
