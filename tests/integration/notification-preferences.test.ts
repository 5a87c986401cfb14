import { readFileSync } from 'node:fs'
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { emailOutbox, notificationKinds, notificationPreferences, notifications } from '#db/schema/index'
import { requestPasswordReset } from '~/domain/accounts/users.server'
import { notify, preferenceOf } from '~/domain/notifications/notifications.server'
import { emailedKinds } from '~/domain/notifications/preferences.server'
import { action as savePage, loader as page } from '~/routes/account.notifications'
import { db } from '~/utils/db.server'
import { queueEmail } from '~/utils/email.server'
import { createUser, type TestUser } from '../factories'
import { answerOf, flashOf, runAction, signedInGet, signedInPost } from './route-support'

// Each person chooses which kinds of event email them; the Hub's notification always stays; security email ignores it.

const path = '/account/notifications'
const save = async (user: TestUser, kinds: string[]) => {
  const request = await signedInPost(user, path, {})
  const body = new URLSearchParams(kinds.map((k) => ['email', k]))
  return runAction(savePage, new Request(request.url, { method: 'POST', body, headers: request.headers }))
}
const outboxOf = (user: TestUser) => db.select({ template: emailOutbox.template }).from(emailOutbox).where(eq(emailOutbox.userId, user.id))

describe('notification preferences', () => {
  it('every kind emails by default; the page saves the kinds kept, and the others appear in the Hub only', async () => {
    const user = await createUser()
    const loaded = (await page({ request: await signedInGet(user, path), params: {}, context: { cspNonce: '' } })) as { email: string[] }
    expect(loaded.email).toEqual([...notificationKinds])

    const saved = await save(user, ['projects', 'fund'])
    expect(saved.status).toBe(302)
    expect(flashOf(saved)).toMatchObject({ key: 'account.notifications.saved' })
    expect(await emailedKinds(db, user.id)).toEqual(['projects', 'fund'])
    expect(await db.select({ kind: notificationPreferences.kind, email: notificationPreferences.email }).from(notificationPreferences).where(eq(notificationPreferences.userId, user.id))).toHaveLength(notificationKinds.length)

    // Nothing ticked: no email of any kind.
    await save(user, [])
    expect(await emailedKinds(db, user.id)).toEqual([])
  })

  it('an unknown kind is a 400 and changes nothing', async () => {
    const user = await createUser()
    await save(user, ['projects'])
    const refused = await answerOf(await save(user, ['projects', 'newsletter']))
    expect(refused.status).toBe(400)
    expect(await emailedKinds(db, user.id)).toEqual(['projects'])
  })

  it('an opted-out person gets the notification in the Hub and no email; others still get both', async () => {
    const [quiet, keen] = [await createUser(), await createUser()]
    await save(quiet, ['projects', 'fund', 'alerts', 'suggestions'])
    await db.transaction((tx) =>
      notify(tx, [quiet.id, keen.id], { kind: 'interest', values: { provider: 'Corridor Analytics', title: 'Remittances' }, link: '/requests/x' }, 'http://hub.test'),
    )
    for (const person of [quiet, keen]) {
      const notices = await db.select({ kind: notifications.kind }).from(notifications).where(and(eq(notifications.userId, person.id), eq(notifications.kind, 'interest')))
      expect(notices, 'in the Hub').toHaveLength(1)
    }
    expect(await outboxOf(quiet)).toEqual([])
    expect(await outboxOf(keen)).toEqual([{ template: 'notification.interest' }])

    // A project notice is a kind `quiet` kept: emailed.
    await db.transaction((tx) => notify(tx, [quiet.id], { kind: 'milestone.approved', values: { title: 'P', milestone: 'M' }, link: '/projects/x' }, 'http://hub.test'))
    expect(await outboxOf(quiet)).toEqual([{ template: 'notification.milestone.approved' }])
  })

  it('security email ignores preferences', async () => {
    const user = await createUser()
    await save(user, [])
    await requestPasswordReset(db, user.email, { origin: 'http://hub.test', locale: 'en' })
    expect(await outboxOf(user)).toEqual([{ template: 'reset_password' }])
  })

  it('the kind `alerts` is usable by whoever sends alert email', async () => {
    const [quiet, keen] = [await createUser(), await createUser()]
    await save(quiet, ['matches'])
    const send = (user: TestUser) => db.transaction((tx) => queueEmail(tx, { kind: 'alerts', to: user.email, userId: user.id, template: 'alert', subject: 'New requests', text: 'Three new requests match your search.' }))
    expect(await send(quiet)).toBeNull()
    expect(await send(keen)).toEqual(expect.any(String))
    expect(await outboxOf(quiet)).toEqual([])
  })

  it('every notice kind the Hub sends is classified, and an unclassified one fails loudly', () => {
    const english = JSON.parse(readFileSync('app/locales/en/notifications.json', 'utf8')) as { kinds: Record<string, unknown> }
    const kinds: string[] = []
    const walk = (node: Record<string, unknown>, prefix: string) => {
      for (const [key, value] of Object.entries(node)) {
        if (typeof value === 'string') kinds.push(prefix + key)
        else walk(value as Record<string, unknown>, `${prefix}${key}.`)
      }
    }
    walk(english.kinds, '')
    expect(kinds.length).toBeGreaterThan(30)
    for (const kind of kinds) expect(notificationKinds, kind).toContain(preferenceOf(kind))
    expect(preferenceOf('reminder.overdue.milestone')).toBe('projects')
    expect(preferenceOf('agreed')).toBe('matches')
    expect(preferenceOf('fundingInvited')).toBe('fund')
    expect(() => preferenceOf('somethingNew')).toThrow(/preferenceOfNotice/)
    expect(() => preferenceOf('__proto__')).toThrow()
  })
})
