import { z } from 'zod'
import { alertFrequencies } from '#db/schema/enum-values'
import { MAX_ALERT_NAME } from './limits'

/** What the alert forms send, validated before the rules see it (browser-safe). */

const frequency = z.enum(alertFrequencies)
const name = z.string().trim().min(1).max(MAX_ALERT_NAME)
const AlertId = z.object({ id: z.uuid() })

/** `POST /alerts`: the search's path and query, how often, and a name (blank means the one made from the filters). */
export const NewAlertSchema = z.object({ search: z.string().min(1).max(2000), frequency, name: name.optional().or(z.literal('').transform(() => undefined)) })

/** Which alert, for the intents that need nothing more. */
export const AlertIdSchema = AlertId

/** The change each management intent of /alerts makes to one alert. */
export const alertChangeSchemas = {
  rename: AlertId.extend({ name }).transform(({ id, name }) => ({ id, change: { name } })),
  frequency: AlertId.extend({ frequency }).transform(({ id, frequency }) => ({ id, change: { frequency } })),
  pause: AlertId.transform(({ id }) => ({ id, change: { paused: true } })),
  resume: AlertId.transform(({ id }) => ({ id, change: { paused: false } })),
}
