import { decodeBase32IgnorePadding } from '@oslojs/encoding'
import { generateTOTP } from '@oslojs/otp'
import type { Page } from '@playwright/test'
import postgres from 'postgres'
import { embeddedDatabaseUrl, runningEmbeddedPort } from '../../db/embedded'
import { expectingStatus, logInAndLand, signUpAndVerify, test, uniqueName } from './helpers'
import { DEMO_PASSWORD, expect, expectAccessible, expectFlash, logIn, logInAs, logOut, uniqueEmail, visit } from './support'

const STEP_MS = 30_000
const stepNow = () => Math.floor(Date.now() / STEP_MS)

/** The key the enrolment page shows as text, read as an authenticator app reads it. */
async function readSetupKey(page: Page) {
  const text = await page.getByLabel('Setup key').inputValue()
  return decodeBase32IgnorePadding(text.replace(/\s+/g, ''))
}

/**
 * A code from a step after `usedStep`, as the phone would show it: the Hub accepts each step's code once, so a
 * code just used (at enrolment, say) means waiting for the next 30-second step.
 */
async function codeAfter(key: Uint8Array, usedStep: number) {
  while (stepNow() <= usedStep) await new Promise((resolve) => setTimeout(resolve, (usedStep + 1) * STEP_MS - Date.now() + 200))
  return { code: generateTOTP(key, STEP_MS / 1000, 6), step: stepNow() }
}

/** Signs up a new person, logs in and turns on two-step verification; returns the key and the recovery codes. */
async function enrolNewPerson(page: Page) {
  const email = uniqueEmail('two-step')
  await signUpAndVerify(page, { name: 'Nadia Haddad', email })
  await logInAndLand(page, email)

  await visit(page, '/account')
  await page.getByRole('navigation', { name: 'Your account' }).getByRole('link', { name: 'Two-step verification' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Two-step verification' })).toBeVisible()
  await expect(page.getByRole('img', { name: 'QR code to add the Hub to your authenticator app' })).toBeVisible()
  await expectAccessible(page)

  const key = await readSetupKey(page)
  await expectingStatus(page, 400, async () => {
    await page.getByLabel('Code shown by your app').fill('000000')
    await page.getByRole('button', { name: 'Turn on two-step verification' }).click()
    await expect(page.getByLabel('Code shown by your app')).toHaveAccessibleDescription(/The code is not correct, or it has already been used\./)
  })
  // The refused code kept the same key on the page: the app already holds it.
  expect(await readSetupKey(page)).toEqual(key)
  await expectAccessible(page)

  const first = await codeAfter(key, -1)
  await page.getByLabel('Code shown by your app').fill(first.code)
  await page.getByRole('button', { name: 'Turn on two-step verification' }).click()
  const codesList = page.getByRole('list', { name: 'Your recovery codes' })
  await expect(codesList.getByRole('listitem')).toHaveCount(10)
  const recoveryCodes = (await codesList.getByRole('listitem').allTextContents()).map((c) => c.trim())
  await expect(page.getByText('Two-step verification is on since')).toBeVisible()
  await expect(page.getByText('Unused recovery codes: 10')).toBeVisible()
  await expectAccessible(page)
  return { email, key, usedStep: first.step, recoveryCodes }
}

/** The password, then the second step's page. */
async function logInToSecondStep(page: Page, email: string, password: string) {
  await logIn(page, email, password)
  await expect(page).toHaveURL(/\/login\/two-factor/)
  await expect(page.getByRole('heading', { level: 1, name: 'Two-step verification' })).toBeVisible()
  await expectAccessible(page)
}

const PASSWORD = 'a sturdy passphrase 2026'

test('a person turns on two-step verification and logs in with a code from the app', async ({ page }) => {
  const { email, key, usedStep } = await enrolNewPerson(page)
  await logOut(page)

  await logInToSecondStep(page, email, PASSWORD)
  // Until the code is given, no other page opens.
  await page.goto('/account')
  await expect(page).toHaveURL(/\/login\/two-factor\?redirectTo=%2Faccount$/)

  const { code } = await codeAfter(key, usedStep)
  await page.getByLabel('Code from your authenticator app').fill(code)
  await page.getByRole('button', { name: 'Verify and continue' }).click()
  await expect(page).toHaveURL(/\/account$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible()
  await expectAccessible(page)
})

test('a person who lost the phone logs in with a recovery code, which then no longer works', async ({ page }) => {
  const { email, recoveryCodes } = await enrolNewPerson(page)
  const [code] = recoveryCodes
  await logOut(page)

  await logInToSecondStep(page, email, PASSWORD)
  await page.getByText('Lost your phone? Use a recovery code').click()
  await page.getByLabel('Recovery code', { exact: true }).fill(code!)
  await page.getByRole('button', { name: 'Use recovery code' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: 'You logged in with a recovery code, which can no longer be used.' })).toBeVisible()
  await expectAccessible(page)

  await visit(page, '/account/two-factor')
  await expect(page.getByText('Unused recovery codes: 9')).toBeVisible()
  await logOut(page)

  await logInToSecondStep(page, email, PASSWORD)
  await page.getByText('Lost your phone? Use a recovery code').click()
  await expectingStatus(page, 400, async () => {
    await page.getByLabel('Recovery code', { exact: true }).fill(code!)
    await page.getByRole('button', { name: 'Use recovery code' }).click()
    await expect(page.getByLabel('Recovery code', { exact: true })).toHaveAccessibleDescription(/The code is not correct, or it has already been used\./)
  })
  await expect(page).toHaveURL(/\/login\/two-factor/)
  await expectAccessible(page)
})

/**
 * Ten minutes cannot pass in a journey; the session's last proof of identity is moved back instead, in the
 * Hub's own embedded database (db/embedded.ts finds its port, wherever its data lives, and has its credentials).
 */
async function pretendTenMinutesPassed(page: Page) {
  const dataDir = process.env.E2E_DATA_DIR
  if (!dataDir) throw new Error('E2E_DATA_DIR is not set (playwright.config.ts sets it)')
  const port = runningEmbeddedPort(dataDir)
  const token = (await page.context().cookies()).find((c) => c.name === 'hub_session')?.value
  if (!token) throw new Error('no session cookie')
  const sql = postgres(embeddedDatabaseUrl(port), { max: 1 })
  try {
    const updated = await sql`update sessions set last_verified_at = now() - interval '11 minutes' where id = ${token.split('.')[0]!}`
    expect(updated.count).toBe(1)
  } finally {
    await sql.end()
  }
}

test('an allocation after ten minutes asks for the password again, then goes through with what was typed', async ({ page }) => {
  await logInAs(page, 'secretariat@demo.connection-hub.org')
  await visit(page, '/secretariat/fund/allocate')
  await page.getByLabel('Running project').selectOption({ index: 0 })
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page.getByRole('heading', { level: 2, name: /^Allocation to / })).toBeVisible()
  await expectAccessible(page)
  const allocatePage = page.url()
  await page.getByLabel('Amount (USD)').fill('25')
  const note = uniqueName('Interpretation for the district meetings')
  await page.getByLabel('Note (optional)').fill(note)

  await pretendTenMinutesPassed(page)
  await page.getByRole('button', { name: 'Allocate' }).click()
  await expect(page).toHaveURL(/\/account\/confirm\?redirectTo=%2Fsecretariat%2Ffund%2Fallocate%3Fproject%3D/)
  await expect(page.getByRole('heading', { level: 1, name: 'Confirm it is you' })).toBeVisible()
  await expectAccessible(page)

  await expectingStatus(page, 400, async () => {
    await page.getByLabel('Password', { exact: true }).fill('not the password')
    await page.getByRole('button', { name: 'Confirm with password' }).click()
    await expect(page.getByLabel('Password', { exact: true })).toHaveAccessibleDescription(/not correct/)
  })
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Confirm with password' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Identity confirmed' })).toBeVisible()
  await expectAccessible(page)

  await page.getByRole('button', { name: 'Send the form' }).click()
  await expectFlash(page, 'Allocation of USD 25 approved.')
  const allocations = page.getByRole('region', { name: 'Allocations' })
  await expect(allocations.getByRole('listitem').filter({ hasText: note })).toContainText('Approved')
  await expectAccessible(page)

  // The way back, without a form to send again, is the page the person was on.
  await pretendTenMinutesPassed(page)
  await page.goto(`/account/confirm?redirectTo=${encodeURIComponent(new URL(allocatePage).pathname + new URL(allocatePage).search)}`)
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Confirm with password' }).click()
  await expect(page).toHaveURL(allocatePage)
})
