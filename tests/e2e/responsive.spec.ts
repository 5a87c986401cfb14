import type { Page } from '@playwright/test'
import { test } from './helpers'
import { DEMO_PASSWORD, expect, expectAccessible, logIn } from './support'

/** Runs only in the 'phone' project (360 × 740): nothing may make the page scroll sideways. */
async function expectFitsTheScreen(page: Page) {
  const layout = await page.evaluate(() => {
    const edge = 360.5
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')}`
    // A scrolling box (a wide table in its own scroller) clips what is laid out inside it, but not an
    // absolutely positioned element whose containing block lies outside the box.
    const clipped = (el: HTMLElement) => {
      const position = getComputedStyle(el).position
      const block = position === 'fixed' ? null : position === 'absolute' ? el.offsetParent : el.parentElement
      for (let box = el.parentElement; block && box && box !== document.body; box = box.parentElement) {
        if (getComputedStyle(box).overflowX !== 'visible' && box.contains(block)) return box.getBoundingClientRect().right <= edge
      }
      return false
    }
    const sticking = [...document.body.querySelectorAll<HTMLElement>('*')].filter(
      (el) => el.getBoundingClientRect().right > edge && !clipped(el),
    )
    // The outermost of them name the culprit in the failure message.
    const culprits = sticking
      .filter((el) => !sticking.some((other) => other !== el && other.contains(el)))
      .map((el) => `${describe(el)} (right edge ${Math.round(el.getBoundingClientRect().right)} px)`)
    return { scrollWidth: document.documentElement.scrollWidth, culprits }
  })
  expect(layout.culprits, `elements past the right edge on ${page.url()}`).toEqual([])
  expect(layout.scrollWidth, `document width on ${page.url()}`).toBeLessThanOrEqual(360)
}

test('on a 360 px phone the public pages and an organisation page fit the screen and are accessible', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Connect migration capacity needs with expertise and financing')
  await expectFitsTheScreen(page)
  await expectAccessible(page)

  await page.goto('/signup')
  await expect(page.getByRole('heading', { level: 1, name: 'Create your account' })).toBeVisible()
  await expectFitsTheScreen(page)
  await expectAccessible(page)

  await page.goto('/login')
  await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible()
  await expectFitsTheScreen(page)
  await expectAccessible(page)

  await logIn(page, 'state@demo.connection-hub.org', DEMO_PASSWORD)
  await expect(page).toHaveURL(/\/dashboard$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible()
  await expectFitsTheScreen(page)
  await expectAccessible(page)

  await page.goto('/orgs/bgd-mewoe')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Members' }).getByRole('row').filter({ hasText: 'state@demo.connection-hub.org' })).toBeVisible()
  await expectAccessible(page)
  await expectFitsTheScreen(page)
})
