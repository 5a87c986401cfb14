import { randomBytes } from 'node:crypto'

let counter = 0

/** Unique across workers and runs: pid, time, a counter and some randomness. */
export function uniqueSuffix() {
  counter += 1
  return `${process.pid.toString(36)}${Date.now().toString(36)}${counter.toString(36)}${randomBytes(2).toString('hex')}`
}

export const uniqueEmail = (label = 'user') => `${label}.${uniqueSuffix()}@example.test`
