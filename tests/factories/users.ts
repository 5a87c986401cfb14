import { users, type PlatformRole } from '#db/schema/index'
import { hashPassword } from '~/domain/accounts/passwords.server'
import type { SessionUser } from '~/domain/accounts/sessions.server'
import { db as appDb } from '~/utils/db.server'
import type { Db } from '~/utils/db.server'
import { uniqueEmail, uniqueSuffix } from './unique'

export const DEFAULT_PASSWORD = 'correct horse battery staple'

// argon2 is deliberately slow; most test users share one hash of the default password.
let defaultHash: Promise<string> | undefined

export interface UserOptions {
  email?: string
  password?: string
  displayName?: string
  /** Email verified (default true). */
  verified?: boolean
  role?: PlatformRole
  locale?: string
}

export type TestUser = typeof users.$inferSelect & { password: string; actor: SessionUser }

/** The fields a signed-in request carries, as `validateSessionToken` returns them. */
export function actorFor(user: typeof users.$inferSelect): SessionUser {
  const { id, email, displayName, platformRole, emailVerifiedAt, locale } = user
  return { id, email, displayName, platformRole, emailVerifiedAt, locale }
}

export async function createUser(options: UserOptions = {}, db: Db = appDb): Promise<TestUser> {
  const password = options.password ?? DEFAULT_PASSWORD
  const passwordHash =
    options.password === undefined ? await (defaultHash ??= hashPassword(DEFAULT_PASSWORD)) : await hashPassword(password)
  const [user] = await db
    .insert(users)
    .values({
      email: options.email ?? uniqueEmail(options.role ?? 'user'),
      passwordHash,
      displayName: options.displayName ?? `Test User ${uniqueSuffix()}`,
      platformRole: options.role ?? 'user',
      emailVerifiedAt: options.verified === false ? null : new Date(),
      locale: options.locale ?? 'en',
    })
    .returning()
  if (!user) throw new Error('test user not created')
  return { ...user, password, actor: actorFor(user) }
}

/** A SessionUser-shaped actor backed by a real user row. */
export async function createActor(options: UserOptions = {}, db: Db = appDb): Promise<SessionUser> {
  return (await createUser(options, db)).actor
}
