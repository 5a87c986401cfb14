import { expectingStatus, NEW_PASSWORD, signUp, test } from './helpers'
import { expect, expectAccessible, linkFromOutbox, logIn, uniqueEmail } from './support'

test('a person who forgot the password resets it once with the emailed link, and only the new password works', async ({ page }) => {
  const email = uniqueEmail('forgetful')
  const chosenPassword = 'a fresh passphrase for 2027'
  await signUp(page, { name: 'Amara Okafor', email })

  await page.goto('/login')
  await page.getByRole('link', { name: 'Forgot your password?' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Reset your password' })).toBeVisible()
  await expectAccessible(page)
  await page.getByLabel('Email address').fill(email)
  await page.getByRole('button', { name: 'Send reset link' }).click()
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible()
  await expect(page.getByRole('status')).toHaveText(
    `If an account exists for ${email}, a reset link is on its way. The link works once, within one hour.`,
  )
  await expectAccessible(page)

  // An unknown address gets the same answer, so the form does not reveal who has an account.
  const stranger = uniqueEmail('nobody')
  await page.goto('/forgot-password')
  await page.getByLabel('Email address').fill(stranger)
  await page.getByRole('button', { name: 'Send reset link' }).click()
  await expect(page.getByRole('status')).toHaveText(
    `If an account exists for ${stranger}, a reset link is on its way. The link works once, within one hour.`,
  )
  await expectAccessible(page)

  const resetLink = await linkFromOutbox(page, email, /Reset your Connection Hub password/)
  expect(resetLink).toMatch(/\/reset-password\?token=/)
  await page.goto(resetLink)
  await expect(page.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible()
  await expectAccessible(page)

  await page.getByLabel('New password', { exact: true }).fill(chosenPassword)
  await page.getByLabel('Repeat the new password').fill('a different passphrase')
  await page.getByRole('button', { name: 'Save new password' }).click()
  await expect(page.getByText('The two passwords are not the same.')).toBeVisible()
  await expect(page.getByLabel('Repeat the new password')).toHaveAttribute('aria-invalid', 'true')
  await expect(page).toHaveURL(/\/reset-password\?token=/)
  await expectAccessible(page)

  await page.getByLabel('Repeat the new password').fill(chosenPassword)
  await page.getByRole('button', { name: 'Save new password' }).click()
  await expect(page).toHaveURL(/\/login$/)
  await expect(page.getByRole('status')).toHaveText('Your password has been changed and every session has been ended. You can now log in.')
  await expectAccessible(page)

  await expectingStatus(page, 400, async () => {
    await logIn(page, email, NEW_PASSWORD)
    await expect(page.getByRole('alert')).toHaveText('The email address or password is not correct.')
  })
  await expectAccessible(page)

  await logIn(page, email, chosenPassword)
  await expect(page).toHaveURL(/\/dashboard$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible()
  await expectAccessible(page)

  await page.goto(resetLink)
  await expect(page.getByText('This reset link is not valid any more: it has been used or is more than one hour old.')).toBeVisible()
  await expect(page.getByLabel('New password', { exact: true })).toHaveCount(0)
  await expect(page.getByRole('link', { name: 'Ask for a new link' })).toBeVisible()
  await expectAccessible(page)
})
