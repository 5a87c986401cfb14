import { expect, type Page } from '@playwright/test'
import { pageInNewContext, test, uniqueName } from './helpers'
import { DEMO_PASSWORD, expectAccessible, logIn } from './support'

async function logInAs(page: Page, who: 'state' | 'partner' | 'secretariat') {
  await logIn(page, `${who}@demo.connection-hub.org`, DEMO_PASSWORD)
  await expect(page.getByRole('link', { name: 'Log in' })).toHaveCount(0)
}

test('a State drafts and submits a request, answers a return, and sees it published; a partner publishes an offer; a visitor finds both', async ({ page, browser }) => {
  const word = `remesas${Date.now().toString(36)}`
  const requestTitle = uniqueName(`Digital channels to lower remittance costs ${word}`)
  const offerTitle = uniqueName(`Remittance market assessment toolkit ${word}`)

  // The State's focal point drafts a request from the dashboard.
  await logInAs(page, 'state')
  await page.goto('/dashboard')
  await expectAccessible(page)
  await page.getByRole('link', { name: /New request for Ministry of Expatriates/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'New request for support' })).toBeVisible()
  await expectAccessible(page)
  await page.getByLabel('Title', { exact: true }).fill(requestTitle)
  await page.getByLabel('Summary').fill('Technical assistance to design a national strategy that brings the cost of remittances below 3 per cent.')
  await page.getByLabel('Primary objective').selectOption('20')
  await page.getByRole('checkbox', { name: '19. Create conditions for migrants and diasporas' }).check()
  await page.locator('summary', { hasText: '20. Promote faster, safer and cheaper transfer of remittances' }).click()
  await page.getByRole('checkbox', { name: /^20\.a / }).check()
  await page.getByRole('checkbox', { name: 'Technical assistance' }).check()
  await page.getByLabel('Estimated budget').fill('150000')
  await page.getByLabel('Currency').fill('USD')
  await page.getByRole('button', { name: 'Save draft' }).click()
  await expect(page.getByRole('heading', { level: 1, name: requestTitle })).toBeVisible()
  await expect(page.getByText('This request is a draft')).toBeVisible()
  await expect(page.getByText('USD 150,000')).toBeVisible()
  await expectAccessible(page)
  const requestPath = new URL(page.url()).pathname

  await page.getByRole('button', { name: 'Submit for screening' }).click()
  await expect(page.getByText('The request has been submitted. The secretariat will screen it.')).toBeVisible()
  await expect(page.getByText('Submitted for screening')).toBeVisible()

  // The secretariat returns it with comments.
  const staff = await pageInNewContext(browser)
  await logInAs(staff.page, 'secretariat')
  await staff.page.goto('/secretariat/requests')
  await expectAccessible(staff.page)
  await staff.page.getByRole('link', { name: requestTitle }).click()
  await expectAccessible(staff.page)
  await staff.page.getByLabel('Comments for the State').fill('Please state the expected results and who will take part.')
  await staff.page.getByRole('button', { name: 'Return with comments' }).click()
  await expect(staff.page.getByText('The request has been returned to the State with your comments.')).toBeVisible()

  // The State reads the comments, edits, answers and resubmits.
  await page.goto(requestPath)
  await expect(page.getByText('Please state the expected results and who will take part.')).toBeVisible()
  await expect(page.getByText('The secretariat returned this request.')).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('link', { name: 'Edit' }).click()
  await expectAccessible(page)
  await page.getByLabel('Description').fill('Expected results: a national remittance strategy adopted by 2028; the central bank, two mobile money operators and diaspora associations take part.')
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByText('The request has been saved.')).toBeVisible()
  await page.getByLabel('Your answer to the comments').fill('Expected results and participants are now in the description.')
  await page.getByRole('button', { name: 'Answer and resubmit' }).click()
  await expect(page.getByText('Submitted for screening')).toBeVisible()

  // The secretariat publishes it.
  await staff.page.goto(requestPath)
  await expect(staff.page.getByText('Expected results and participants are now in the description.')).toBeVisible()
  await staff.page.getByRole('button', { name: 'Publish' }).click()
  await expect(staff.page.getByText('The request is published.')).toBeVisible()
  await staff.close()

  // The State sees it published, on the page and on its dashboard.
  await page.goto(requestPath)
  await expect(page.locator('main').getByText('Published', { exact: true })).toBeVisible()
  await page.goto('/dashboard')
  await expect(page.getByRole('row', { name: new RegExp(requestTitle) }).getByText('Published')).toBeVisible()

  // A partner publishes an offer.
  const partner = await pageInNewContext(browser)
  await logInAs(partner.page, 'partner')
  await partner.page.goto('/dashboard')
  await partner.page.getByRole('link', { name: /New offer from Migration Data Lab/ }).click()
  await expectAccessible(partner.page)
  await partner.page.getByLabel('Title', { exact: true }).fill(offerTitle)
  await partner.page.getByLabel('Summary').fill('Survey tools and training to measure remittance prices and access, for central banks and statistical offices.')
  await partner.page.getByLabel('Primary objective').selectOption('20')
  await partner.page.getByRole('checkbox', { name: 'Data and research' }).check()
  await partner.page.getByRole('checkbox', { name: 'We work worldwide' }).check()
  await partner.page.getByRole('button', { name: 'Publish offer' }).click()
  await expect(partner.page.getByRole('heading', { level: 1, name: offerTitle })).toBeVisible()
  await expect(partner.page.getByText('The offer is published.')).toBeVisible()
  await expectAccessible(partner.page)
  await partner.close()

  // A visitor finds both by search and facets.
  await page.context().clearCookies()
  await page.goto('/requests')
  await page.getByRole('searchbox').fill(word)
  await page.getByRole('searchbox').press('Enter')
  await expect(page.getByRole('link', { name: requestTitle })).toBeVisible()
  await expectAccessible(page)
  await page.goto(`/requests?q=${word}&objective=20`)
  await expect(page.getByRole('link', { name: requestTitle })).toBeVisible()
  await page.goto(`/requests?q=${word}&objective=3`)
  await expect(page.getByRole('link', { name: requestTitle })).toHaveCount(0)
  await page.goto('/offers')
  await page.getByRole('searchbox').fill(word)
  await page.getByRole('searchbox').press('Enter')
  await expect(page.getByRole('link', { name: offerTitle })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('link', { name: offerTitle }).click()
  await expect(page.getByRole('heading', { level: 1, name: offerTitle })).toBeVisible()
  await expectAccessible(page)
})
