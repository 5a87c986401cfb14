import { sql } from 'drizzle-orm'
import { customType, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core'

/** Branded ids: passing an organisation id where a user id is expected is a compile error. */
export type Brand<T, B extends string> = T & { readonly __brand: B }
export type UserId = Brand<string, 'UserId'>
export type OrganizationId = Brand<string, 'OrganizationId'>

export const bytea = customType<{ data: Uint8Array; driverData: Buffer }>({
  dataType: () => 'bytea',
  toDriver: (value) => Buffer.from(value),
  fromDriver: (value) => new Uint8Array(value),
})

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
export const ts = (name: string) => timestamp(name, { withTimezone: true })

/** A table's own key: a random uuid, branded with the table's id type. */
export const idKey = <Id extends string = string>() => uuid('id').primaryKey().defaultRandom().$type<Id>()

/** A required link to a row of another table that is deleted with that row. */
export const ownedBy = <Id extends string>(name: string, target: () => AnyPgColumn) =>
  uuid(name).notNull().references(target, { onDelete: 'cascade' }).$type<Id>()

/** A list of codes or words, empty rather than null when there are none. */
export const textList = (name: string) => text(name).array().notNull().default(sql`'{}'`)
