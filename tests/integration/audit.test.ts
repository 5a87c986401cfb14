import { and, eq, sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { auditLog } from '#db/schema/index'
import { updateProfile } from '~/domain/accounts/users.server'
import { createOrganization } from '~/domain/organizations/organizations.server'
import { recordAudit } from '~/utils/audit.server'
import { db } from '~/utils/db.server'
import { createUser, uniqueSuffix } from '../factories'
import { expectDatabaseError } from './support'

const INSUFFICIENT_PRIVILEGE = '42501'

async function auditRowsFor(entityId: string) {
  return db.select().from(auditLog).where(eq(auditLog.entityId, entityId)).orderBy(auditLog.id)
}

async function someAuditRow() {
  const user = await createUser()
  await recordAudit(db, { actorId: user.id, action: 'test.recorded', entityType: 'user', entityId: user.id, summary: { n: 1 } })
  const [row] = await auditRowsFor(user.id)
  return row!
}

describe('audit log', () => {
  test('a domain action records who did what to which entity', async () => {
    const user = await createUser({ displayName: 'Before Name' })
    await updateProfile(db, user.actor, { displayName: 'After Name', locale: 'fr' })
    const rows = await auditRowsFor(user.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      actorId: user.id,
      action: 'user.profile_updated',
      entityType: 'user',
      summary: { from: { displayName: 'Before Name', locale: 'en' }, to: { displayName: 'After Name', locale: 'fr' } },
    })
    expect(rows[0]!.createdAt).toBeInstanceOf(Date)
  })

  test('the change and its audit row roll back together', async () => {
    const user = await createUser()
    const name = `Rolled Back ${uniqueSuffix()}`
    const rollback = new Error('roll back')
    await expect(
      db.transaction(async (tx) => {
        await createOrganization(tx, user.actor, { name, type: 'academia' })
        throw rollback
      }),
    ).rejects.toBe(rollback)
    const rows = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, user.id), eq(auditLog.action, 'organization.created')))
    expect(rows).toHaveLength(0)
  })

  test('UPDATE is refused by the database', async () => {
    const row = await someAuditRow()
    const error = await expectDatabaseError(
      db.execute(sql`update audit_log set action = 'tampered' where id = ${row.id}`),
      INSUFFICIENT_PRIVILEGE,
    )
    expect(error.message).toMatch(/append-only/)
    expect((await auditRowsFor(row.entityId))[0]!.action).toBe('test.recorded')
  })

  test('DELETE is refused by the database', async () => {
    const row = await someAuditRow()
    await expectDatabaseError(db.execute(sql`delete from audit_log where id = ${row.id}`), INSUFFICIENT_PRIVILEGE)
    await expectDatabaseError(db.delete(auditLog).where(eq(auditLog.entityId, row.entityId)), INSUFFICIENT_PRIVILEGE)
    expect(await auditRowsFor(row.entityId)).toHaveLength(1)
  })

  test('TRUNCATE is refused by the database', async () => {
    const row = await someAuditRow()
    await expectDatabaseError(db.execute(sql`truncate audit_log`), INSUFFICIENT_PRIVILEGE)
    await expectDatabaseError(db.execute(sql`truncate audit_log restart identity cascade`), INSUFFICIENT_PRIVILEGE)
    expect(await auditRowsFor(row.entityId)).toHaveLength(1)
  })
})
