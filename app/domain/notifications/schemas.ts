import { z } from 'zod'
import { notificationKinds } from '#db/schema/enum-values'

/** The kinds of event a person wants by email; the kinds left out appear in the Hub only. */
export const NotificationPreferencesSchema = z.object({
  email: z
    .array(z.enum(notificationKinds, { error: 'validation.choice' }))
    .max(notificationKinds.length)
    .default([])
    .transform((kinds) => [...new Set(kinds)]),
})

export type NotificationPreferencesInput = z.output<typeof NotificationPreferencesSchema>
