import type { Page } from '@playwright/test'
import { expect } from './support'

/** The demo accounts the fund journeys use. */
export const fundPeople = {
  /** Kwame Mensah, a member of the Open Horizons Foundation (a verified donor organisation). */
  donor: 'donor@demo.connection-hub.org',
  secretariat: 'secretariat@demo.connection-hub.org',
} as const

export { expectFlash, logInAs, visit } from './support'

/** Whole US dollars from a figure as the page shows it ("USD 1,234,567"). */
export function dollars(text: string | null) {
  const digits = (text ?? '').replace(/[^\d-]/g, '')
  if (!/^-?\d+$/.test(digits)) throw new Error(`not an amount: ${text}`)
  return Number(digits)
}

export interface PublicTotals {
  received: number
  balance: number
  allocated: number
  disbursed: number
  /** From the "How it adds up" sentence: allocated to projects but not yet disbursed. */
  undisbursed: number
  shortfall: number
}

/** The public totals of /fund, in whole dollars, read as a visitor reads them: each figure under its label. */
export async function readTotals(page: Page): Promise<PublicTotals> {
  const totals = page.getByRole('region', { name: 'Totals' })
  await expect(totals).toBeVisible()
  const figure = async (label: string) => dollars(await totals.locator('dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]').textContent())
  const sentence = (await totals.getByText(/^How it adds up:/).textContent()) ?? ''
  const undisbursed = /is available, (USD\s[\d,]+) is allocated to projects but not yet disbursed/.exec(sentence)?.[1] ?? null
  const shortfallShown = await totals.locator('dt', { hasText: 'Shortfall' }).count()
  return {
    received: await figure('Received'),
    balance: await figure('Balance available'),
    allocated: await figure('Allocated to projects'),
    disbursed: await figure('Disbursed'),
    undisbursed: dollars(undisbursed),
    shortfall: shortfallShown ? await figure('Shortfall') : 0,
  }
}

/**
 * Received = available + allocated but not yet disbursed + disbursed (− a shortfall left by refunds). The page rounds
 * each figure to whole dollars, so the sides may differ by the rounding of the figures added (at most 1 each).
 */
export function expectTotalsAddUp(t: PublicTotals) {
  const rounding = 2
  expect(Math.abs(t.received - (t.balance + t.undisbursed + t.disbursed - t.shortfall))).toBeLessThanOrEqual(rounding)
  expect(Math.abs(t.allocated - (t.undisbursed + t.disbursed))).toBeLessThanOrEqual(1)
}

/** An ISO day `days` days from today (UTC). */
export function dayFromToday(days: number) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
}
