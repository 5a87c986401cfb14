import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { invitations } from '#db/schema/index'
import { VERIFICATION_RESENDS_PER_HOUR } from '~/domain/accounts/users.server'
import { inviteMember } from '~/domain/organizations/members.server'
import { action as inviteAction } from '~/routes/orgs.$slug.invite'
import { action as resendAction } from '~/routes/verify-email'
import { db } from '~/utils/db.server'
import { translator } from '~/utils/i18n.server'
import { createOrganization, createUser, uniqueEmail } from '../factories'
import { expectDomainError, links, outboxTo } from './support'
import { answerOf, runAction, signedInPost } from './route-support'

describe('invitations go out only from verified organisations', () => {
  test('an organisation still waiting for verification cannot invite, and no email leaves', async () => {
    const { org, owner } = await createOrganization({ status: 'pending' })
    const email = uniqueEmail('invitee')
    await expectDomainError(inviteMember(db, owner.actor, org, { email, role: 'member' }, links), {
      status: 403,
      code: 'organizations.inviteNeedsVerification',
    })
    expect(await db.select().from(invitations).where(eq(invitations.organizationId, org.id))).toHaveLength(0)
    expect(await outboxTo(email)).toHaveLength(0)
  })

  test('the invite page says why, in the reader’s language', async () => {
    const { org, owner } = await createOrganization({ status: 'rejected' })
    const email = uniqueEmail('invitee')
    const request = await signedInPost(owner, `/orgs/${org.slug}/invite`, { email, role: 'member' }, 'es')
    const answer = await answerOf(await runAction(inviteAction, request, { slug: org.slug }))
    expect(answer.status).toBe(403)
    expect(JSON.stringify(answer.body)).toContain(translator('es')('organizations.inviteNeedsVerification'))
    expect(await outboxTo(email)).toHaveLength(0)
  })
})

describe('an invitation speaks of the inviting organisation, not of the inviter’s own words', () => {
  test('the email names the verified organisation, never the inviter’s display name', async () => {
    const inviter = await createUser({ displayName: 'Grace Mwangi' })
    const { org } = await createOrganization({ status: 'verified', owner: inviter, name: 'Kenya Diaspora Alliance' })
    const email = uniqueEmail('invitee')
    await inviteMember(db, inviter.actor, org, { email, role: 'member' }, links)
    const [mail] = await outboxTo(email)
    expect(mail!.subject).toContain('Kenya Diaspora Alliance')
    expect(mail!.textBody).toContain('Kenya Diaspora Alliance')
    expect(mail!.textBody, 'the inviter’s free text reaches a stranger’s inbox').not.toContain('Grace Mwangi')
  })
})

describe('resending the verification email is limited', () => {
  test(`after ${VERIFICATION_RESENDS_PER_HOUR} resends within the hour the Hub answers 429 with a message, and sends nothing more`, async () => {
    const user = await createUser({ verified: false, locale: 'fr' })
    const resend = async () => runAction(resendAction, await signedInPost(user, '/verify-email', {}, 'fr'))
    for (let i = 1; i <= VERIFICATION_RESENDS_PER_HOUR; i++) expect((await resend()).status, `resend ${i}`).toBe(302)
    const refused = await answerOf(await resend())
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0)
    expect(refused.body).toBe(translator('fr')('auth.verificationResendLimited'))
    const sent = (await outboxTo(user.email)).filter((m) => m.template === 'verify_email')
    expect(sent).toHaveLength(VERIFICATION_RESENDS_PER_HOUR)
  })

  test('each account has its own count', async () => {
    const busy = await createUser({ verified: false })
    for (let i = 0; i <= VERIFICATION_RESENDS_PER_HOUR; i++) await runAction(resendAction, await signedInPost(busy, '/verify-email', {}))
    const other = await createUser({ verified: false })
    expect((await runAction(resendAction, await signedInPost(other, '/verify-email', {}))).status).toBe(302)
  })
})
