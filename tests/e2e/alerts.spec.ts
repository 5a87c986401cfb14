import type { Page } from '@playwright/test'
import { pageInNewContext, test, uniqueName } from './helpers'
import { DEMO_PASSWORD, expect, expectAccessible, expectFlash, logIn } from './support'

async function logInAs(page: Page, who: 'state' | 'partner' | 'secretariat') {
  await logIn(page, `${who}@demo.connection-hub.org`, DEMO_PASSWORD)
  await expect(page.getByRole('link', { name: 'Log in' })).toHaveCount(0)
}

/** The newest email to `to` whose subject matches, waited for: the instant alerts job runs once a minute. */
async function awaitEmail(page: Page, to: string, subject: RegExp) {
  const email = page.getByRole('article').filter({ hasText: to }).filter({ has: page.getByRole('heading', { name: subject }) }).first()
  await expect(async () => {
    await page.goto('/dev/outbox')
    await expect(email).toBeVisible({ timeout: 1_000 })
  }).toPass({ timeout: 150_000, intervals: [3_000] })
  return email
}

test('a partner saves a search, hears of the State request published under it, follows the alert and unsubscribes in one click', async ({ page, browser }) => {
  test.setTimeout(300_000)
  const word = `alerta${Date.now().toString(36)}`
  const requestTitle = uniqueName(`Remittance price comparison portal ${word}`)

  // The partner searches objective 20 with a word of its own and saves the search, to hear at once.
  await logInAs(page, 'partner')
  await page.goto(`/requests?objective=20&q=${word}`)
  await expectAccessible(page)
  const save = page.getByRole('region', { name: 'Save this search' })
  await save.getByLabel('Name of the alert').fill(`Remittances ${word}`)
  await save.getByLabel('How often').selectOption('instant')
  await save.getByRole('button', { name: 'Save the search' }).click()
  await expect(page).toHaveURL(/\/alerts$/)
  await expectFlash(page, `Alert saved: Remittances ${word}`)
  await expect(page.getByRole('link', { name: `Remittances ${word}` })).toHaveAttribute('href', `/requests?q=${word}&objective=20`)
  await expectAccessible(page)

  // A visitor who is not signed in is offered to sign in instead.
  const visitor = await pageInNewContext(browser)
  await visitor.page.goto('/offers')
  await expect(visitor.page.getByRole('link', { name: 'Sign in to save this search' })).toBeVisible()
  await expectAccessible(visitor.page)
  await visitor.close()

  // The State drafts and submits a request under objective 20; the secretariat publishes it.
  const state = await pageInNewContext(browser)
  await logInAs(state.page, 'state')
  await state.page.goto('/dashboard')
  await state.page.getByRole('link', { name: /New request for Ministry of Expatriates/ }).click()
  await state.page.getByLabel('Title', { exact: true }).fill(requestTitle)
  await state.page.getByLabel('Summary').fill('A public portal comparing the price of sending money home through each channel, updated monthly.')
  await state.page.getByLabel('Primary objective').selectOption('20')
  await state.page.getByRole('checkbox', { name: 'Technical assistance' }).check()
  await state.page.getByRole('button', { name: 'Save draft' }).click()
  await expect(state.page.getByRole('heading', { level: 1, name: requestTitle })).toBeVisible()
  const requestPath = new URL(state.page.url()).pathname
  await state.page.getByRole('button', { name: 'Submit for screening' }).click()
  await expect(state.page.getByText('Submitted for screening')).toBeVisible()
  await state.close()

  const staff = await pageInNewContext(browser)
  await logInAs(staff.page, 'secretariat')
  await staff.page.goto(requestPath)
  await staff.page.getByRole('button', { name: 'Publish' }).click()
  await expect(staff.page.getByText('The request is published.')).toBeVisible()
  await staff.close()

  // The alert arrives (the every-minute job), names the request and links to it.
  const email = await awaitEmail(page, 'partner@demo.connection-hub.org', /^New on the Connection Hub for your alerts/)
  await expect(email).toContainText(requestTitle)
  await expectAccessible(page)
  await page.goto((await email.getByRole('link').first().getAttribute('href'))!)
  await expect(page.getByRole('heading', { level: 1, name: requestTitle })).toBeVisible()
  expect(new URL(page.url()).pathname).toBe(requestPath)
  await expectAccessible(page)

  // Its unsubscribe link needs no sign-in: a mail client's one-click POST (RFC 8058, no Origin of ours) stops the alert.
  await page.goto('/dev/outbox')
  const unsubscribe = (await email.getByRole('link', { name: /\/alerts\/unsubscribe\// }).first().getAttribute('href'))!
  const anonymous = await pageInNewContext(browser)
  await anonymous.page.goto(unsubscribe)
  await expect(anonymous.page.getByRole('heading', { level: 1, name: 'Stop alerts' })).toBeVisible()
  await expect(anonymous.page.getByRole('listitem').filter({ hasText: `Remittances ${word}` })).toBeVisible()
  await expectAccessible(anonymous.page)
  const oneClick = await anonymous.page.request.post(unsubscribe, { form: { 'List-Unsubscribe': 'One-Click' }, maxRedirects: 0 })
  expect(oneClick.status()).toBe(200)
  // The exemption from the Origin check is that path alone: saving a search from elsewhere is still refused.
  const foreign = await anonymous.page.request.post('/alerts', { form: { search: '/requests', frequency: 'daily' }, maxRedirects: 0 })
  expect(foreign.status()).toBe(403)
  // The page's own button says it is done (asking twice changes nothing more).
  await anonymous.page.getByRole('button', { name: 'Stop these alerts' }).click()
  await expect(anonymous.page.getByRole('status').filter({ hasText: 'you will not receive these alerts any more' })).toBeVisible()
  await expectAccessible(anonymous.page)
  await anonymous.close()

  // The partner sees the alert paused on the alerts page (from the account menu), and deletes it.
  await page.goto('/')
  await page.getByRole('banner').locator('summary', { hasText: /./ }).last().click()
  await page.getByRole('link', { name: 'Your alerts' }).click()
  const alert = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: `Remittances ${word}` }) })
  await expect(alert.getByText('Paused', { exact: true })).toBeVisible()
  await expect(alert.getByRole('button', { name: 'Resume' })).toBeVisible()
  await expectAccessible(page)
  await alert.getByRole('button', { name: 'Delete' }).click()
  await expectFlash(page, 'Alert deleted.')
  await expect(page.getByRole('link', { name: `Remittances ${word}` })).toHaveCount(0)
  await expectAccessible(page)
})
