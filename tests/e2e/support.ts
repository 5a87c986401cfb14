import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

export const DEMO_PASSWORD = 'connection-hub-demo'

/** Every page the journeys visit is scanned; any WCAG 2.1 A/AA violation fails the test. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze()
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
  expect(summary, `accessibility violations on ${page.url()}`).toEqual([])
}

export { expect }

export const uniqueEmail = (label: string) => `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.org`

/** Opens the newest email to `to` in the demo outbox and returns the first link in it. */
export async function linkFromOutbox(page: Page, to: string, subject: RegExp) {
  await page.goto('/dev/outbox')
  const email = page.getByRole('article').filter({ hasText: to }).filter({ has: page.getByRole('heading', { name: subject }) }).first()
  await expect(email).toBeVisible()
  const href = await email.getByRole('link').first().getAttribute('href')
  if (!href) throw new Error(`no link in the email to ${to}`)
  return href
}

export async function logIn(page: Page, email: string, password: string) {
  await page.goto('/login')
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Log in' }).click()
}

/** The account menu is a native disclosure (<details>), which works without JavaScript. */
export async function logOut(page: Page) {
  await page.locator('summary', { hasText: /./ }).filter({ has: page.locator('xpath=..//form[@action="/logout"]') }).first().click()
  await page.getByRole('button', { name: 'Log out' }).click()
}

/** Logs a demo account in and waits for its dashboard. */
export async function logInAs(page: Page, email: string) {
  await logIn(page, email, DEMO_PASSWORD)
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible()
}

/** Goes to a page and scans it; every page the journeys visit is checked for accessibility. */
export async function visit(page: Page, path: string) {
  await page.goto(path)
  await expectAccessible(page)
}

/** The flash message a redirect after a successful post shows at the top of the page. */
export async function expectFlash(page: Page, text: string) {
  await expect(page.getByRole('status').filter({ hasText: text })).toBeVisible()
}

// The console-error-failing page fixture lives with the other journey helpers.
export { test } from './helpers'

/** Chooses a language in the header's switcher (a disclosure listing each language by its own name). */
export async function chooseLanguage(page: Page, name: string) {
  await page.getByRole('banner').locator('details').filter({ has: page.locator('form[action="/language"]') }).locator('summary').click()
  await page.getByRole('banner').getByRole('button', { name, exact: true }).click()
}
