import type { Page } from '@playwright/test'

/** The demo accounts the project journey uses: the Nepal request's State, its partner and the secretariat. */
export const people = {
  nepal: 'nepal@demo.connection-hub.org',
  partner: 'partner@demo.connection-hub.org',
  secretariat: 'secretariat@demo.connection-hub.org',
} as const

export { expectFlash, logInAs, visit } from './support'

/** An ISO day `months` months from today (UTC, as the server counts), clamped to the month's last day. */
export function dayInMonths(months: number, from = new Date()) {
  const year = from.getUTCFullYear()
  const month = from.getUTCMonth() + months
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  return new Date(Date.UTC(year, month, Math.min(from.getUTCDate(), lastDay))).toISOString().slice(0, 10)
}

/** The smallest well-formed PDF: what the server recognises by its content, not by its name. */
export const tinyPdf = Buffer.from(
  [
    '%PDF-1.4',
    '1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj',
    '2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj',
    '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj',
    'trailer <</Root 1 0 R>>',
    '%%EOF',
    '',
  ].join('\n'),
  'latin1',
)

/** The texts of a list's items, in order, with runs of white space made single. */
export async function itemTexts(page: Page, region: string) {
  const texts = await page.getByRole('region', { name: region }).getByRole('listitem').allTextContents()
  return texts.map((text) => text.replace(/\s+/g, ' ').trim())
}

/** The positions, in `items`, of the first item matching each pattern in turn (−1 when missing). */
export function positionsOf(items: string[], patterns: RegExp[]) {
  return patterns.map((pattern) => items.findIndex((item) => pattern.test(item)))
}

/** The demo request the project journey runs on, its partner and funder, and what only the parties may read. */
export const REQUEST = 'Migrant Resource Centres in ten high-emigration districts'
export const PARTNER = 'Migration Data Lab'
export const FUNDER = 'Open Horizons Foundation'

/** What only the parties may read: none of it may reach a visitor, not even in the page's data. */
export const secrets = {
  evidence: 'Inception workshops held in Biratnagar and Janakpur with the ten municipalities; counselling scripts drafted.',
  evidenceAgain: 'Inception workshops held in Biratnagar and Janakpur; the ten host municipalities signed letters of commitment.',
  returnComment: 'Please attach the letters of commitment from the municipalities.',
  workplanComment: 'Please say who validates the counselling scripts.',
  message: 'The hotline number will be shared with the Department of Foreign Employment next week.',
  waiver: 'The hotline is now run by the Department itself.',
}

export const lessons = 'Centres run with the municipality from the start drew twice as many women as those run by the project alone.'
