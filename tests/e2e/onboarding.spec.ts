import { verifyAsSecretariat } from './helpers'
import { expect, expectAccessible, linkFromOutbox, logIn, logOut, test, uniqueEmail } from './support'

test('a new focal point signs up, verifies the address, creates an organisation, invites a colleague and logs out', async ({ page, browser }) => {
  const email = uniqueEmail('focal-point')
  const password = 'a sturdy passphrase 2026'

  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Connect migration capacity needs')
  await expectAccessible(page)

  await page.getByRole('link', { name: 'Sign up' }).first().click()
  await expect(page).toHaveTitle(/Create your account/)
  await expectAccessible(page)

  // Bad input first: messages appear next to the fields, and what was typed is kept.
  await page.getByLabel('Full name').fill('Nadia Rahman')
  await page.getByLabel('Email address').fill('not-an-email')
  await page.getByLabel('Password', { exact: true }).fill('short')
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByText('Enter an email address such as name@example.org.')).toBeVisible()
  await expect(page.getByText('Use at least 10 characters.')).toBeVisible()
  await expect(page.getByLabel('Full name')).toHaveValue('Nadia Rahman')
  await expectAccessible(page)

  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible()
  await expectAccessible(page)

  const verifyLink = await linkFromOutbox(page, email, /Verify your email address/)
  await expectAccessible(page)
  await page.goto(verifyLink)
  await expect(page.getByText('your email address is verified')).toBeVisible()
  await expectAccessible(page)

  await logIn(page, email, password)
  await expect(page).toHaveURL(/\/dashboard$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible()
  await expectAccessible(page)

  await page.getByRole('link', { name: 'Create an organisation' }).click()
  // The address and the page change a moment apart: wait for the form itself before filling it.
  await expect(page.getByRole('heading', { level: 1, name: 'Create an organisation' })).toBeVisible()
  await expectAccessible(page)
  await page.getByLabel('Name').fill('Ministry of Labour and Employment (Nepal)')
  await page.getByLabel('Type').selectOption('state')
  await page.getByRole('button', { name: 'Create organisation' }).click()
  await expect(page.getByText('States and local authorities need a country.')).toBeVisible()
  await page.getByLabel('Country').fill('NPL')
  await page.getByRole('button', { name: 'Create organisation' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Ministry of Labour and Employment (Nepal)' })).toBeVisible()
  await expect(page.getByText('has not verified this organisation yet')).toBeVisible()
  await expectAccessible(page)

  // Invitations speak in the organisation's name, so they wait for the secretariat's verification.
  await verifyAsSecretariat(browser, 'Ministry of Labour and Employment (Nepal)')
  await page.reload()

  const colleague = uniqueEmail('colleague')
  await page.getByRole('link', { name: 'Invite a member' }).click()
  await expectAccessible(page)
  await page.getByLabel('Email address').fill(colleague)
  await page.getByLabel('Role').selectOption('admin')
  await page.getByRole('button', { name: 'Send invitation' }).click()
  await expect(page.getByText(`The invitation has been sent to ${colleague}.`)).toBeVisible()
  await expect(page.getByRole('region', { name: 'Open invitations' }).getByText(colleague)).toBeVisible()
  await expectAccessible(page)

  const invitationLink = await linkFromOutbox(page, colleague, /You are invited to join/)
  expect(invitationLink).toMatch(/\/invitations\/[a-z0-9]+$/)

  await logOut(page)
  await expect(page.getByText('You have been logged out.')).toBeVisible()
  await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible()
  await expectAccessible(page)

  // The invitation, opened signed out, asks the colleague to log in with the invited address.
  await page.goto(invitationLink)
  await expect(page.getByText(`Log in or create an account with ${colleague} to accept.`)).toBeVisible()
  await expectAccessible(page)
})
