import type { Page } from '@playwright/test'
import { expectingStatus, logInAndLand, NEW_PASSWORD, pageInNewContext, signUp, test } from './helpers'
import { expect, expectAccessible, uniqueEmail } from './support'

const sessionList = (page: Page) => page.getByRole('region', { name: 'Sessions' }).getByRole('listitem')

async function expectLoggedOutOnNextNavigation(page: Page) {
  await page.goto('/account')
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible()
  await expectAccessible(page)
}

test('a person logged in on two browsers ends one session, changes the password and renames themself', async ({ page, browser }) => {
  const email = uniqueEmail('two-laptops')
  const changedPassword = 'another sturdy passphrase 2027'
  await signUp(page, { name: 'Priya Raman', email })
  await logInAndLand(page, email)
  const laptop = await pageInNewContext(browser)
  const other = laptop.page
  await logInAndLand(other, email)

  await page.goto('/account')
  await page.getByRole('navigation', { name: 'Your account' }).getByRole('link', { name: 'Sessions' }).click()
  await expect(page).toHaveURL(/\/account\/sessions$/)
  await expect(sessionList(page)).toHaveCount(2)
  await expect(sessionList(page).filter({ hasText: 'This session' })).toHaveCount(1)
  await expectAccessible(page)

  await sessionList(page)
    .filter({ hasNotText: 'This session' })
    .getByRole('button', { name: /^End session started / })
    .click()
  await expect(page.getByRole('status')).toHaveText('The session has been ended.')
  await expect(sessionList(page)).toHaveCount(1)
  await expect(sessionList(page)).toContainText('This session')
  await expectAccessible(page)

  await expectLoggedOutOnNextNavigation(other)
  await logInAndLand(other, email)

  await page.getByRole('navigation', { name: 'Your account' }).getByRole('link', { name: 'Password' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Change password' })).toBeVisible()
  await expectAccessible(page)
  await expectingStatus(page, 400, async () => {
    await page.getByLabel('Current password').fill('not my password at all')
    await page.getByLabel('New password', { exact: true }).fill(changedPassword)
    await page.getByLabel('Repeat the new password').fill(changedPassword)
    await page.getByRole('button', { name: 'Change password' }).click()
    await expect(page.getByLabel('Current password')).toHaveAccessibleDescription('The current password is not correct.')
  })
  await expect(page.getByLabel('Current password')).toHaveAttribute('aria-invalid', 'true')
  await expectAccessible(page)

  await page.getByLabel('Current password').fill(NEW_PASSWORD)
  await page.getByLabel('New password', { exact: true }).fill(changedPassword)
  await page.getByLabel('Repeat the new password').fill(changedPassword)
  await page.getByRole('button', { name: 'Change password' }).click()
  await expect(page.getByRole('status')).toHaveText('Your password has been changed. Your other sessions have been ended.')
  await expectAccessible(page)

  await page.getByRole('navigation', { name: 'Your account' }).getByRole('link', { name: 'Sessions' }).click()
  await expect(sessionList(page)).toHaveCount(1)
  await expect(sessionList(page)).toContainText('This session')
  await expectLoggedOutOnNextNavigation(other)
  await laptop.close()

  await page.getByRole('navigation', { name: 'Your account' }).getByRole('link', { name: 'Profile' }).click()
  await expect(page.getByLabel('Full name')).toHaveValue('Priya Raman')
  await expectAccessible(page)
  await page.getByLabel('Full name').fill('Priya Raman-Okoye')
  await page.getByRole('button', { name: 'Save profile' }).click()
  await expect(page.getByRole('status')).toHaveText('Your profile has been saved.')
  await expect(page.getByRole('banner').getByLabel('Account menu for Priya Raman-Okoye')).toHaveText('Priya Raman-Okoye')
  await expectAccessible(page)

  await page.goto('/account/sessions')
  await expect(page.getByRole('button', { name: /^End session\b/ })).toBeVisible({ timeout: 3_000 })
})
