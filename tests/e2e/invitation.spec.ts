import type { Page } from '@playwright/test'
import { createOrganization, logInAndLand, pageInNewContext, signUpAndVerify, test, uniqueName, verifyAsSecretariat } from './helpers'
import { expect, expectAccessible, linkFromOutbox, uniqueEmail } from './support'

test('an invited colleague signs up, accepts and joins; the owner makes them an admin but cannot leave the organisation ownerless', async ({
  page,
  browser,
}) => {
  const ownerEmail = uniqueEmail('owner')
  const inviteeEmail = uniqueEmail('invitee')
  const orgName = uniqueName('Diaspora Skills Exchange')
  await signUpAndVerify(page, { name: 'Grace Mwangi', email: ownerEmail })
  await logInAndLand(page, ownerEmail)
  const orgPath = await createOrganization(page, orgName)
  await verifyAsSecretariat(browser, orgName)
  await page.reload()

  await page.getByRole('link', { name: 'Invite a member' }).click()
  await expectAccessible(page)
  await page.getByLabel('Email address').fill(inviteeEmail)
  await page.getByLabel('Role').selectOption({ label: 'Member' })
  await page.getByRole('button', { name: 'Send invitation' }).click()
  await expect(page.getByText(`The invitation has been sent to ${inviteeEmail}.`)).toBeVisible()
  await expectAccessible(page)

  // The colleague, on a computer of their own, creates an account with the invited address.
  const colleague = await pageInNewContext(browser)
  const invitee = colleague.page
  await signUpAndVerify(invitee, { name: 'Tomás Álvarez', email: inviteeEmail })
  await logInAndLand(invitee, inviteeEmail)
  const invitationLink = await linkFromOutbox(invitee, inviteeEmail, new RegExp(`You are invited to join ${orgName}`))
  await invitee.goto(invitationLink)
  await expect(invitee.getByRole('heading', { level: 1, name: `Invitation to ${orgName}` })).toBeVisible()
  await expect(invitee.getByText(`You have been invited to join ${orgName} as Member.`)).toBeVisible()
  await expectAccessible(invitee)

  await invitee.getByRole('button', { name: 'Accept invitation' }).click()
  await expect(invitee).toHaveURL(new RegExp(`${orgPath}$`))
  await expect(invitee.getByRole('status')).toHaveText(`Welcome to ${orgName}.`)
  await expect(invitee.getByRole('heading', { level: 1, name: orgName })).toBeVisible()
  const inviteeSees = invitee.getByRole('region', { name: 'Members' }).getByRole('row').filter({ hasText: inviteeEmail })
  await expect(inviteeSees).toContainText('Tomás Álvarez')
  await expect(inviteeSees).toContainText('Member')
  await expectAccessible(invitee)
  await colleague.close()

  await page.goto(orgPath)
  const members = page.getByRole('region', { name: 'Members' })
  await expect(members.getByRole('row').filter({ hasText: inviteeEmail })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Open invitations' })).toHaveCount(0)
  await expectAccessible(page)

  const inviteeRole = members.getByLabel('Role of Tomás Álvarez')
  await expect(inviteeRole).toHaveValue('member')
  await inviteeRole.selectOption({ label: 'Administrator' })
  await members.getByRole('row').filter({ hasText: inviteeEmail }).getByRole('button', { name: 'Change role' }).click()
  await expect(page.getByRole('status')).toHaveText('The role has been changed.')
  await expect(members.getByLabel('Role of Tomás Álvarez')).toHaveValue('admin')
  await expectAccessible(page)

  const ownRole = members.getByLabel('Role of Grace Mwangi')
  await ownRole.selectOption({ label: 'Member' })
  await members.getByRole('row').filter({ hasText: ownerEmail }).getByRole('button', { name: 'Change role' }).click()
  await expect(page.getByRole('status')).toHaveText('An organisation needs at least one owner.')
  await expectAccessible(page)
  await page.reload()
  await expect(members.getByLabel('Role of Grace Mwangi')).toHaveValue('owner')
  await expect(members.getByLabel('Role of Tomás Álvarez')).toHaveValue('admin')
})

/** Signs up, logs in and creates an organisation; the new user is its only owner. */
async function soleOwner(page: Page, name: string) {
  const email = uniqueEmail('sole-owner')
  await signUpAndVerify(page, { name, email })
  await logInAndLand(page, email)
  return createOrganization(page, uniqueName('Returnee Reintegration Forum'))
}

test('after a refused demotion the role selector shows the role the owner still has', async ({ page }) => {
  await soleOwner(page, 'Kwame Asante')
  const ownRole = page.getByRole('region', { name: 'Members' }).getByLabel('Role of Kwame Asante')
  await ownRole.selectOption({ label: 'Member' })
  await page.getByRole('button', { name: 'Change role' }).click()
  await expect(page.getByRole('status')).toHaveText('An organisation needs at least one owner.')
  await expectAccessible(page)
  await expect(ownRole).toHaveValue('owner', { timeout: 3_000 })
})

test('the button to leave an organisation is named by its visible text (WCAG 2.5.3 label in name)', async ({ page }) => {
  await soleOwner(page, 'Mei Lin')
  await expect(page.getByRole('region', { name: 'Members' }).getByRole('row').filter({ hasText: 'Mei Lin' })).toContainText('Leave organisation')
  await expect(page.getByRole('button', { name: 'Leave organisation' })).toBeVisible({ timeout: 3_000 })
})
