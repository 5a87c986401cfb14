import type { Page } from '@playwright/test'
import { dayFromToday, dollars, expectFlash, expectTotalsAddUp, fundPeople, logInAs, readTotals, visit } from './fund-steps'
import { logInAndLand, pageInNewContext, signUpAndVerify, test, uniqueName } from './helpers'
import { expect, expectAccessible, uniqueEmail } from './support'

/** The demo's Bangladesh project: running, its third milestone submitted and awaiting the secretariat's review. */
const PROJECT = 'Reintegration desks for returning migrant workers in eight districts of Bangladesh'
const MILESTONE = 'Reintegration desks open in Cumilla, Chattogram, Sylhet and Tangail'
const TRANCHE = 5_000

/** The fund's figures as the open data API gives them, exact (US cents). */
async function apiTotals(page: Page) {
  const response = await page.request.get('/api/v1/fund')
  expect(response.status()).toBe(200)
  const body = (await response.json()) as { totals: { received: number; balance: number; allocatedNotDisbursed: number; disbursed: number; shortfall: number } }
  return body.totals
}

/** The tranches tied to the milestone, in one allocation card (the card's own text also names it). */
const tranchesOf = (page: Page, card: ReturnType<Page['getByRole']>) => card.getByRole('listitem').filter({ hasText: MILESTONE }).filter({ hasNot: page.getByRole('heading') })

test('a new donor gives by card, the webhook confirms it; the secretariat allocates a tranche, approving the milestone disburses it, and the public figures add up', async ({ page, browser }) => {
  // A long journey: three people, a payment, a dozen pages each scanned for accessibility.
  test.setTimeout(180_000)
  // 1. The public figures before: anyone can read them.
  await visit(page, '/fund')
  await expect(page.getByRole('heading', { level: 1, name: 'The start-up fund' })).toBeVisible()
  const before = await readTotals(page)
  expectTotalsAddUp(before)

  // 2. A new user signs up and gives USD 250 by card, to the fund as a whole, by name.
  const donor = { name: uniqueName('Amara Okafor'), email: uniqueEmail('fund-donor') }
  await signUpAndVerify(page, donor)
  await logInAndLand(page, donor.email)
  await visit(page, '/fund')
  await page.getByRole('link', { name: 'Contribute by card' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Contribute to the fund' })).toBeVisible()
  await expectAccessible(page)
  const cardForm = page.getByRole('region', { name: 'Contribute by card' })
  await cardForm.getByLabel('Amount').fill('250')
  await cardForm.getByLabel('Currency').selectOption('USD')
  await cardForm.getByRole('radio', { name: 'The fund as a whole' }).check()
  await expect(cardForm.getByLabel('Do not show my name publicly')).not.toBeChecked()
  // The stand-in for Stripe's page has no icon; the browser's request for one is no concern of the Hub's.
  const hub = new URL(page.url()).origin
  await page.route(
    (url) => url.pathname === '/favicon.ico' && url.origin !== hub,
    (route) => route.fulfill({ status: 204 }),
  )
  await cardForm.getByRole('button', { name: 'Continue to payment' }).click()

  // Stripe's hosted payment page (the local Stripe-compatible server): pay.
  await expect(page.getByRole('button', { name: 'Pay' })).toBeVisible()
  await expect(page.getByText(/Total:/)).toContainText('250')
  await page.getByRole('button', { name: 'Pay' }).click()

  // Back on the contribution's page: processing until the signed webhook has been applied, then received.
  await expect(page).toHaveURL(/\/fund\/contributions\/[0-9a-f-]{36}\?checkout=done$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Contribution of USD 250' })).toBeVisible()
  await expect(page.getByText('Received', { exact: true })).toBeVisible({ timeout: 30_000 })
  await expect(page.getByText('Processing: waiting for Stripe to confirm the payment')).toHaveCount(0)
  await expect(page.getByText('Card, through Stripe')).toBeVisible()
  await expect(page.getByText('This contribution went into the fund’s general pool.')).toBeVisible()
  await expectAccessible(page)
  const contributionUrl = new URL(page.url()).pathname

  // Their dashboard lists it.
  await page.getByRole('link', { name: 'Your contributions' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'My contributions' })).toBeVisible()
  await expectAccessible(page)
  const mine = page.getByRole('table', { name: 'Your contributions, newest first' }).getByRole('row').filter({ has: page.getByRole('link', { name: 'USD 250' }) })
  await expect(mine).toHaveCount(1)
  await expect(mine).toContainText('Received')
  await expect(mine).toContainText('The fund as a whole')
  await expect(mine.getByRole('link', { name: 'USD 250' })).toHaveAttribute('href', contributionUrl)

  // 3. The public page counts it, and names the donor.
  await visit(page, '/fund')
  const afterGift = await readTotals(page)
  expect(afterGift.received).toBe(before.received + 250)
  expect(afterGift.balance).toBe(before.balance + 250)
  expectTotalsAddUp(afterGift)
  const donorRow = page.getByRole('table', { name: 'Contributions received, by donor' }).getByRole('row', { name: new RegExp(donor.name) })
  await expect(donorRow).toContainText('USD 250')

  // 4. The secretariat allocates from the general pool, with a tranche tied to the submitted milestone.
  const staff = await pageInNewContext(browser)
  await logInAs(staff.page, fundPeople.secretariat)
  await visit(staff.page, '/secretariat/fund')
  await expect(staff.page.getByRole('heading', { level: 1, name: 'Fund console' })).toBeVisible()
  await expect(staff.page.getByText(/^Ledger check passed/)).toBeVisible()
  const allocations = staff.page.getByRole('region', { name: 'Allocations' })
  const projectCards = allocations.getByRole('listitem').filter({ has: staff.page.getByRole('heading', { name: PROJECT }) })
  // Approving the milestone releases every tranche tied to it: the demo's own, and the one allocated below.
  const earlier = await tranchesOf(staff.page, projectCards).filter({ hasText: 'Not yet disbursed' }).allTextContents()
  const earlierUsd = earlier.reduce((sum, text) => sum + dollars(/USD\s[\d,]+/.exec(text)?.[0] ?? null), 0)

  await staff.page.getByRole('link', { name: 'Allocate money to a project' }).click()
  await expect(staff.page.getByRole('heading', { level: 1, name: 'Allocate fund money' })).toBeVisible()
  await expectAccessible(staff.page)
  await staff.page.getByLabel('Running project').selectOption({ label: `${PROJECT} (Active)` })
  await staff.page.getByRole('button', { name: 'Continue' }).click()
  await expect(staff.page.getByRole('heading', { level: 2, name: `Allocation to ${PROJECT}` })).toBeVisible()
  await expectAccessible(staff.page)
  const pool = staff.page.getByLabel('Pool', { exact: true })
  const general = await pool.locator('option').filter({ hasText: 'General fund (not earmarked)' }).getAttribute('value')
  await pool.selectOption(general ?? '')
  await staff.page.getByLabel('Amount (USD)').fill(String(TRANCHE))
  const note = uniqueName('End-to-end allocation for the first-phase desks')
  await staff.page.getByLabel('Note (optional)').fill(note)
  await staff.page.getByLabel(`Tranche for “${MILESTONE}” (USD)`).fill(String(TRANCHE))
  await staff.page.getByRole('button', { name: 'Allocate' }).click()
  await expectFlash(staff.page, 'Allocation of USD 5,000 approved.')
  await expectAccessible(staff.page)
  const card = allocations.getByRole('listitem').filter({ has: staff.page.getByRole('heading', { name: PROJECT }) }).filter({ hasText: note })
  await expect(card).toContainText('Approved')
  await expect(tranchesOf(staff.page, card)).toContainText('Not yet disbursed')
  const projectPath = await card.getByRole('link', { name: PROJECT }).getAttribute('href')
  expect(projectPath).toMatch(/^\/projects\/[0-9a-f-]{36}$/)

  // The secretariat approves the milestone on its page: the tranches are disbursed.
  await visit(staff.page, `${projectPath}/workspace`)
  await staff.page.getByRole('link', { name: MILESTONE }).click()
  await expect(staff.page.getByRole('heading', { level: 1, name: MILESTONE })).toBeVisible()
  await expect(staff.page.getByText('Submitted for review', { exact: true })).toBeVisible()
  await expectAccessible(staff.page)
  await staff.page.getByRole('button', { name: 'Approve' }).click()
  await expectFlash(staff.page, 'The milestone was approved.')
  await expect(staff.page.getByText('Approved', { exact: true })).toBeVisible()
  await expectAccessible(staff.page)

  await visit(staff.page, '/secretariat/fund')
  await expect(card).toContainText('Closed')
  const disbursed = tranchesOf(staff.page, card)
  await expect(disbursed).toContainText(/Disbursed on .+, reference DSB-\d{4}-[0-9A-F]{8}/)
  const reference = /DSB-\d{4}-[0-9A-F]{8}/.exec((await disbursed.textContent()) ?? '')?.[0] ?? ''
  await expect(tranchesOf(staff.page, projectCards).filter({ hasText: 'Not yet disbursed' })).toHaveCount(0)
  await expect(staff.page.getByText(/^Ledger check passed/)).toBeVisible()
  await staff.close()

  // 5. The public figures add up, and disbursed went up by the tranches released.
  await visit(page, '/fund')
  const after = await readTotals(page)
  expect(after.received).toBe(before.received + 250)
  expect(after.allocated).toBe(before.allocated + TRANCHE)
  expect(after.disbursed).toBe(before.disbursed + TRANCHE + earlierUsd)
  expect(after.balance).toBe(before.balance + 250 - TRANCHE)
  expectTotalsAddUp(after)
  const exact = await apiTotals(page)
  expect(exact.received).toBe(exact.balance + exact.allocatedNotDisbursed + exact.disbursed + exact.shortfall)

  // The open data has the disbursement, with its reference.
  const csv = await page.request.get('/api/v1/fund/transactions.csv')
  expect(csv.status()).toBe(200)
  expect(csv.headers()['content-type']).toContain('text/csv')
  const rows = (await csv.text()).split('\r\n')
  expect(rows[0]).toBe('date,transaction_id,kind,reference,project_id,milestone_id,account,amount,currency')
  const projectId = projectPath?.split('/').pop() ?? ''
  const disbursement = rows.filter((row) => row.includes(reference))
  expect(disbursement.length).toBeGreaterThanOrEqual(2)
  for (const row of disbursement) expect(row).toMatch(new RegExp(`,disbursement,${reference},${projectId},[0-9a-f-]{36},`))
  expect(disbursement.some((row) => row.includes(`project:${projectId}:disbursed,${TRANCHE}.00,USD`))).toBe(true)
})

test('a donor organisation pledges a transfer; the secretariat records part of it; the donor sees the receipt', async ({ page, browser }) => {
  await logInAs(page, fundPeople.donor)
  await visit(page, '/fund/contribute#pledge')
  const pledgeForm = page.getByRole('region', { name: 'Pledge a transfer' })
  await pledgeForm.getByLabel('Amount').fill('40000')
  await pledgeForm.getByLabel('Currency').fill('USD')
  await pledgeForm.getByRole('radio', { name: 'The fund as a whole' }).check()
  await pledgeForm.getByLabel('Give on behalf of').selectOption({ label: 'Open Horizons Foundation' })
  await pledgeForm.getByLabel('Expected date of the transfer').fill(dayFromToday(60))
  const note = uniqueName('Transfer from our operating account')
  await pledgeForm.getByLabel('Note for the secretariat').fill(note)
  await pledgeForm.getByRole('button', { name: 'Record the pledge' }).click()
  await expectFlash(page, 'Your pledge is recorded.')
  await expect(page.getByRole('heading', { level: 1, name: 'Contribution of USD 40,000' })).toBeVisible()
  await expect(page.getByText('Pledged: waiting for the transfer')).toBeVisible()
  await expect(page.getByText('No transfer has arrived yet.')).toBeVisible()
  await expectAccessible(page)
  const contributionUrl = new URL(page.url()).pathname

  // The secretariat records a first transfer of USD 15,000.
  const staff = await pageInNewContext(browser)
  await logInAs(staff.page, fundPeople.secretariat)
  await visit(staff.page, '/secretariat/fund')
  const pledge = staff.page.getByRole('region', { name: 'Pledges awaiting money' }).getByRole('listitem').filter({ hasText: note })
  await expect(pledge).toContainText('USD 40,000')
  const reference = uniqueName('OHF-E2E').replace(' ', '-')
  await pledge.getByLabel('Date received').fill(dayFromToday(0))
  await pledge.getByLabel('Bank reference').fill(reference)
  await pledge.getByLabel('Amount received (USD)').fill('15000')
  await pledge.getByLabel('Value received in USD').fill('15000')
  await pledge.getByRole('button', { name: 'Record the transfer' }).click()
  await expectFlash(staff.page, 'Transfer recorded.')
  await expect(pledge).toContainText(`reference ${reference}`)
  await expect(staff.page.getByText(/^Ledger check passed/)).toBeVisible()
  await expectAccessible(staff.page)
  await staff.close()

  // The donor's contribution page shows the transfer and what is still to arrive.
  await visit(page, contributionUrl)
  await expect(page.getByText('Pledged: partly received')).toBeVisible()
  const receipt = page.getByRole('table', { name: 'Transfers received against this pledge' }).getByRole('row').filter({ hasText: reference })
  await expect(receipt).toContainText('USD 15,000')
  await expect(page.getByText('Still to arrive: USD 25,000.')).toBeVisible()
  await visit(page, '/fund/mine')
  const mine = page.getByRole('table', { name: 'Your contributions, newest first' }).getByRole('row').filter({ has: page.locator(`a[href="${contributionUrl}"]`) })
  await expect(mine.getByRole('link')).toHaveText('USD 40,000')
  await expect(mine).toContainText('Pledged: partly received')
})
