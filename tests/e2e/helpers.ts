import { test as base, type Browser, type Page } from '@playwright/test'
import { expect, expectAccessible, linkFromOutbox, logIn, logInAs } from './support'

export const NEW_PASSWORD = 'a sturdy passphrase 2026'

const FAILED_LOAD = /^Failed to load resource: the server responded with a status of (\d{3})\b/
const allowedStatuses = new WeakMap<Page, number[]>()

/** Collects console errors and uncaught exceptions, except failed loads a step declared it expects. */
function watchConsole(page: Page) {
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() !== 'error') return
    const status = FAILED_LOAD.exec(message.text())?.[1]
    if (status && allowedStatuses.get(page)?.includes(Number(status))) return
    problems.push(message.text())
  })
  page.on('pageerror', (error) => problems.push(error.message))
  return problems
}

/**
 * Runs a step whose request is meant to be answered with `status` (a rejected form is a 400, a forbidden page
 * a 403). Chromium logs such answers as console errors; only that status, only during this step, is accepted.
 */
export async function expectingStatus(page: Page, status: number, step: () => Promise<void>) {
  const allowed = allowedStatuses.get(page) ?? []
  allowedStatuses.set(page, allowed)
  allowed.push(status)
  try {
    await step()
  } finally {
    allowed.splice(allowed.indexOf(status), 1)
  }
}

/**
 * Like the `test` of support.ts, a page that fails the test on console errors; in addition, a step can declare
 * the 4xx answer it expects with `expectingStatus`.
 */
export const test = base.extend<{ page: Page }>({
  page: async ({ page }, use) => {
    const problems = watchConsole(page)
    await use(page)
    expect(problems, 'browser console errors').toEqual([])
  },
})

/**
 * A page in a browser context of its own (a second person, or the same person on another device), failing
 * on console errors like the `test` fixture's page does. Call the returned `close` at the end of the test.
 */
export async function pageInNewContext(browser: Browser) {
  const context = await browser.newContext()
  const page = await context.newPage()
  const problems = watchConsole(page)
  const close = async () => {
    await context.close()
    expect(problems, 'browser console errors in the second context').toEqual([])
  }
  return { page, close }
}

interface Person {
  name: string
  email: string
  password?: string
}

/** Signs up through the form; the address stays unverified. */
export async function signUp(page: Page, person: Person) {
  await page.goto('/signup')
  await page.getByLabel('Full name').fill(person.name)
  await page.getByLabel('Email address').fill(person.email)
  await page.getByLabel('Password', { exact: true }).fill(person.password ?? NEW_PASSWORD)
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible()
  await expectAccessible(page)
}

/** Signs up through the form, then opens the verification link from the outbox. Does not log in. */
export async function signUpAndVerify(page: Page, person: Person) {
  await signUp(page, person)
  const verifyLink = await linkFromOutbox(page, person.email, /Verify your email address/)
  await expectAccessible(page)
  await page.goto(verifyLink)
  await expect(page.getByText('Thank you: your email address is verified.')).toBeVisible()
  await expectAccessible(page)
}

/** Logs in and waits for the landing page, so the next step starts from a signed-in page. */
export async function logInAndLand(page: Page, email: string, password = NEW_PASSWORD) {
  await logIn(page, email, password)
  await expect(page).toHaveURL(/\/dashboard$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible()
}

/** Creates an organisation that needs no country, from the signed-in user's organisation list. */
export async function createOrganization(page: Page, name: string) {
  await page.goto('/orgs/new')
  await expectAccessible(page)
  await page.getByLabel('Name').fill(name)
  await page.getByLabel('Type').selectOption('civil_society')
  await page.getByRole('button', { name: 'Create organisation' }).click()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
  await expect(page.getByText('The organisation has been created and is waiting for verification by the secretariat.')).toBeVisible()
  await expectAccessible(page)
  return new URL(page.url()).pathname
}

export const uniqueName = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`

/**
 * The secretariat, in a browser of its own, verifies the organisation named `name` from its queue; an
 * organisation invites members only once it is verified.
 */
export async function verifyAsSecretariat(browser: Browser, name: string) {
  const { page, close } = await pageInNewContext(browser)
  await logInAs(page, 'secretariat@demo.connection-hub.org')
  await page.goto('/secretariat/verification')
  const queued = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name, exact: true }) }).first()
  await queued.getByRole('button', { name: `Verify ${name}` }).click()
  await expect(page.getByRole('status')).toHaveText(`${name} is now verified.`)
  await close()
}
