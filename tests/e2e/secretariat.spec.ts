import { createOrganization, expectingStatus, logInAndLand, pageInNewContext, signUpAndVerify, test, uniqueName } from './helpers'
import { DEMO_PASSWORD, expect, expectAccessible, logIn, uniqueEmail } from './support'

test('the secretariat checks the queue, refuses a reason that is too short and verifies a new organisation; others may not see the queue', async ({
  page,
  browser,
}) => {
  const ownerEmail = uniqueEmail('ngo-founder')
  const orgName = uniqueName('Migrant Workers Support Network')
  await signUpAndVerify(page, { name: 'Lucía Fernández', email: ownerEmail })
  await logInAndLand(page, ownerEmail)
  const orgPath = await createOrganization(page, orgName)
  await expect(page.getByText('Awaiting verification', { exact: true })).toBeVisible()

  // A person without a platform role neither sees the queue in the menu nor can open it.
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Verification queue' })).toHaveCount(0)
  await expectingStatus(page, 403, async () => {
    const response = await page.goto('/secretariat/verification')
    expect(response?.status()).toBe(403)
    await expect(page.getByRole('heading', { level: 1, name: 'Not allowed' })).toBeVisible()
  })
  await expectAccessible(page)

  // The secretariat works in a browser of its own, so the owner stays signed in.
  const secretariat = await pageInNewContext(browser)
  const staff = secretariat.page
  await logIn(staff, 'secretariat@demo.connection-hub.org', DEMO_PASSWORD)
  await expect(staff).toHaveURL(/\/dashboard$/)
  await staff.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Verification queue' }).click()
  await expect(staff.getByRole('heading', { level: 1, name: 'Organisations awaiting verification' })).toBeVisible()
  await expectAccessible(staff)

  const queued = (name: string) => staff.getByRole('listitem').filter({ has: staff.getByRole('heading', { name, exact: true }) })
  await expect(queued('Nairobi City County')).toContainText('Contact: city@demo.connection-hub.org')
  const mine = queued(orgName)
  await expect(mine).toContainText(`Contact: ${ownerEmail}`)

  const reason = mine.getByLabel('Reason for rejection')
  await mine.getByRole('button', { name: `Reject ${orgName}` }).click()
  // The browser refuses an empty reason before anything is sent.
  expect(await reason.evaluate((field: HTMLTextAreaElement) => field.validity.valueMissing)).toBe(true)

  await expectingStatus(staff, 400, async () => {
    await reason.fill('no')
    await mine.getByRole('button', { name: `Reject ${orgName}` }).click()
    await expect(reason).toHaveAccessibleDescription(/This is too short\./)
  })
  await expect(reason).toHaveAttribute('aria-invalid', 'true')
  await expect(reason).toHaveValue('no')
  await expect(mine).toBeVisible()
  await expectAccessible(staff)

  await mine.getByRole('button', { name: `Verify ${orgName}` }).click()
  await expect(staff.getByRole('status')).toHaveText(`${orgName} is now verified.`)
  await expect(mine).toHaveCount(0)
  await expect(queued('Nairobi City County')).toBeVisible()
  await expectAccessible(staff)
  await secretariat.close()

  await page.goto(orgPath)
  await expect(page.getByRole('heading', { level: 1, name: orgName })).toBeVisible()
  await expect(page.getByText('Verified', { exact: true })).toBeVisible()
  await expect(page.getByText(/^Verified by the secretariat on /)).toBeVisible()
  await expect(page.getByText('The secretariat has not verified this organisation yet.', { exact: false })).toHaveCount(0)
  await expectAccessible(page)
})
