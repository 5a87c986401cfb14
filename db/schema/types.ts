import { customType, timestamp } from 'drizzle-orm/pg-core'

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
