import { expect, type Page } from '@playwright/test'
import { pageInNewContext, test } from './helpers'
import { DEMO_PASSWORD, expectAccessible, logIn } from './support'

const REQUEST = 'Cutting the cost of remittances from the Gulf and Malaysia to Bangladesh'
const OFFER = 'Remittance price monitoring and corridor analysis'

async function logInAs(page: Page, who: 'state' | 'partner' | 'secretariat') {
  await logIn(page, `${who}@demo.connection-hub.org`, DEMO_PASSWORD)
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible()
}

async function openNotification(page: Page, text: RegExp) {
  await page.goto('/notifications')
  await expectAccessible(page)
  await page.getByRole('link', { name: text }).first().click()
}

test('a partner sees a suggested request with its reasons and expresses interest; the secretariat proposes; both sides accept; the match is agreed', async ({ page, browser }) => {
  // The partner publishes its draft offer; the matching service then suggests requests for it.
  await logInAs(page, 'partner')
  await page.getByRole('link', { name: new RegExp(OFFER) }).click()
  await page.getByRole('button', { name: 'Publish' }).click()
  await expect(page.getByText('The offer is published.')).toBeVisible()

  // Suggestions are computed by a background job: the dashboard shows them once it has run.
  const suggestion = page.getByRole('region', { name: 'Suggested requests' }).getByRole('listitem').filter({ hasText: REQUEST })
  await expect(async () => {
    await page.goto('/dashboard')
    await expect(suggestion).toBeVisible({ timeout: 1_000 })
  }).toPass({ timeout: 30_000 })
  await expect(suggestion.getByRole('listitem').first()).toBeVisible()
  await expect(suggestion).toContainText(/20/)
  await expectAccessible(page)

  await suggestion.getByRole('link', { name: REQUEST }).click()
  await page.getByRole('link', { name: 'Express interest' }).click()
  await expectAccessible(page)
  await page.getByLabel('Related offer (optional)').selectOption({ label: OFFER })
  await page.getByLabel('What you propose').fill('Monthly price monitoring of the Gulf and Malaysia corridors, and training for the central bank team.')
  await page.getByLabel('Indicative budget (optional)').fill('80000')
  await page.getByLabel('Currency').fill('USD')
  await page.getByRole('button', { name: 'Send expression of interest' }).click()
  await expect(page.getByText('Your interest has been sent to the State and the secretariat.')).toBeVisible()
  await expectAccessible(page)

  // A visitor sees the request but no interests or messages.
  const visitor = await pageInNewContext(browser)
  await visitor.page.goto('/requests?q=remittances%20Gulf%20Malaysia')
  await visitor.page.getByRole('link', { name: REQUEST }).click()
  await expect(visitor.page.getByRole('heading', { level: 1, name: REQUEST })).toBeVisible()
  await expect(visitor.page.getByText('Interests and matches')).toHaveCount(0)
  await expect(visitor.page.getByText('Monthly price monitoring of the Gulf')).toHaveCount(0)
  await visitor.close()

  // The secretariat proposes the match from its board.
  const staff = await pageInNewContext(browser)
  await logInAs(staff.page, 'secretariat')
  await staff.page.goto('/secretariat/matches')
  await expectAccessible(staff.page)
  const card = staff.page.getByRole('listitem').filter({ has: staff.page.getByRole('heading', { name: REQUEST }) })
  await card.getByLabel('Provider').selectOption({ label: 'Migration Data Lab' })
  await card.getByLabel('Note to both sides').fill('Their corridor monitoring matches the request; please confirm.')
  await card.getByRole('button', { name: 'Propose to both sides' }).click()
  await expect(staff.page.getByText('The match has been proposed to both sides.')).toBeVisible()
  await expectAccessible(staff.page)
  await staff.close()

  // The State accepts, from its notification.
  const state = await pageInNewContext(browser)
  await logInAs(state.page, 'state')
  await expect(state.page.getByRole('link', { name: /Notifications \(\d+ unread\)/ })).toBeVisible()
  await openNotification(state.page, /The secretariat proposes a match/)
  await expectAccessible(state.page)
  await state.page.getByRole('button', { name: 'Accept the match' }).click()
  await expect(state.page.getByText('Your acceptance has been recorded.')).toBeVisible()

  // The partner accepts too: the match is agreed.
  await openNotification(page, /The secretariat proposes a match/)
  await page.getByRole('button', { name: 'Accept the match' }).click()
  await expect(page.getByText('Both sides accepted: the match is agreed.')).toBeVisible()
  await expect(page.getByText('Agreed', { exact: true })).toBeVisible()
  await expectAccessible(page)

  // Both sides are told; the request is matched.
  await state.page.goto('/notifications')
  await expect(state.page.getByRole('link', { name: /Match agreed/ }).first()).toBeVisible()
  await page.goto('/notifications')
  await expect(page.getByRole('link', { name: /Match agreed/ }).first()).toBeVisible()
  await state.page.getByRole('link', { name: /Match agreed/ }).first().click()
  // Wait for the match page: the notification links also contain the request's title.
  await expect(state.page).toHaveURL(/\/matches\//)
  await state.page.getByRole('link', { name: REQUEST, exact: true }).click()
  await expect(state.page.getByText('Matched', { exact: true }).first()).toBeVisible()
  await state.close()
})
