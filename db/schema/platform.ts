import { sql } from 'drizzle-orm'
import { bigserial, boolean, check, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { users } from './accounts'
import { emailStatus } from './enums'
import { createdAt, idKey, ts, type UserId } from './types'

/** Append-only: a trigger in the migrations refuses UPDATE and DELETE. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    actorId: uuid('actor_id').$type<UserId>(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    summary: jsonb('summary').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('audit_log_entity_idx').on(t.entityType, t.entityId), index('audit_log_actor_idx').on(t.actorId)],
)

/** Fixed-window counters shared by every app instance. */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: ts('window_start').notNull().defaultNow(),
  hits: integer('hits').notNull().default(0),
})

/**
 * Settings the secretariat changes while the Hub runs (the deployment's configuration is env, read at start-up).
 * One row per setting; the domain module that owns a setting validates its value and audits every change.
 */
export const hubSettings = pgTable('hub_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<unknown>().notNull(),
  updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }).$type<UserId>(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
})

/** Every email the Hub sends, written in the same transaction as the change that caused it. */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: idKey(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body'),
    /** Extra headers for this email only (an alert's List-Unsubscribe), passed to nodemailer as they are. */
    headers: jsonb('headers').$type<Record<string, string>>(),
    template: text('template').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }).$type<UserId>(),
    status: emailStatus('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    sentAt: ts('sent_at'),
    createdAt: createdAt(),
  },
  (t) => [index('email_outbox_status_idx').on(t.status, t.createdAt), index('email_outbox_to_idx').on(sql`lower(${t.toAddress})`)],
)

/**
 * The catalogue's data version: a new random value whenever a transaction that changed what the public lists show
 * (requests, offers, practices, their organisations and projects) commits, set by deferred triggers (migration
 * 0016). A reader that sees the same version sees the same lists, so a page of results stored under it is exact
 * for as long as it is current. One row, which the migration writes and a restore replaces with the backup's.
 */
export const catalogueState = pgTable(
  'catalogue_state',
  {
    singleton: boolean('singleton').primaryKey().default(true),
    version: uuid('version').notNull(),
  },
  (t) => [check('catalogue_state_one_row', sql`${t.singleton}`)],
)
