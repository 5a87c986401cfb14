import { createOrganization, expectingStatus, logInAndLand, signUpAndVerify, test, uniqueName, verifyAsSecretariat } from './helpers'
import { expect, expectAccessible, expectFlash, uniqueEmail } from './support'

test('a new partner says what it works on, sees requests that fit with reasons, and turns the weekly digest off', async ({ page, browser }) => {
  const email = uniqueEmail('profile')
  const name = uniqueName('Remittance Watch')
  await signUpAndVerify(page, { name: 'Amina Yusuf', email })
  await logInAndLand(page, email)
  await createOrganization(page, name)
  await verifyAsSecretariat(browser, name)

  // No offer and no profile yet: the dashboard asks for one.
  await page.goto('/dashboard')
  const section = page.getByRole('region', { name: `Requests you may fit: ${name}` })
  await expect(section).toContainText(`Say what ${name} works on`)
  await expectAccessible(page)
  await section.getByRole('link', { name: 'Fill in the profile' }).click()
  await expect(page.getByRole('heading', { level: 1, name: `What ${name} works on` })).toBeVisible()
  await expectAccessible(page)

  // Without an objective the form is refused, and says why.
  await page.getByRole('checkbox', { name: 'English' }).check()
  await expectingStatus(page, 400, async () => {
    await page.getByRole('button', { name: 'Save the profile' }).click()
    await expect(page.getByText('Choose at least one objective.')).toBeVisible()
  })
  await expectAccessible(page)

  await page.getByRole('checkbox', { name: /^20\. / }).check()
  await page.getByRole('checkbox', { name: /^19\. / }).check()
  await page.getByRole('checkbox', { name: 'Technical assistance' }).check()
  await page.getByRole('checkbox', { name: 'English' }).check()
  await page.getByLabel('Countries').selectOption(['BGD'])
  await page.getByRole('button', { name: 'Save the profile' }).click()
  await expectFlash(page, 'The profile has been saved.')
  await expect(page.getByRole('region', { name: 'What the organisation works on' })).toContainText('Bangladesh')
  await expectAccessible(page)

  // The dashboard now lists published requests that fit, each with its reasons.
  await page.goto('/dashboard')
  const suggestions = section.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3 }) })
  await expect(suggestions.first()).toBeVisible()
  await expect(suggestions.first().getByRole('list').getByRole('listitem').first()).toBeVisible()
  await expect(section).toContainText(/objective/i)
  await expectAccessible(page)

  // Email preferences: every kind on by default; the digest turned off, security email explained.
  await page.goto('/account/notifications')
  await expect(page.getByText('Security emails (address verification, password reset, sign-in and invitations) are always sent.')).toBeVisible()
  const digest = page.getByRole('checkbox', { name: 'A weekly digest of requests your organisation may fit' })
  await expect(digest).toBeChecked()
  await expectAccessible(page)
  await digest.uncheck()
  await page.getByRole('button', { name: 'Save preferences' }).click()
  await expectFlash(page, 'Your notification preferences have been saved.')
  await expect(page.getByRole('checkbox', { name: 'A weekly digest of requests your organisation may fit' })).not.toBeChecked()
  await expect(page.getByRole('checkbox', { name: /^Matches/ })).toBeChecked()
  await expectAccessible(page)
})
