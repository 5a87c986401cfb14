import { expect } from '@playwright/test'
import { test } from './helpers'
import { expectAccessible } from './support'

const PRACTICE = 'Risk-based inspection of recruitment agencies'

test('a visitor finds a practice from an objective page, then reads the demand and supply dashboard and the map', async ({ page }) => {
  // Objective 6 (fair and ethical recruitment) lists its published practices.
  await page.goto('/objectives/6')
  await expectAccessible(page)
  const practices = page.getByRole('region', { name: /^Practices/ })
  await expect(practices.getByRole('link', { name: PRACTICE })).toBeVisible()
  await practices.getByRole('link', { name: PRACTICE }).click()
  await expect(page.getByRole('heading', { level: 1, name: PRACTICE })).toBeVisible()
  await expectAccessible(page)

  // The repository lists it under the same objective, with facets.
  await page.goto('/practices?objective=6')
  await expect(page.getByRole('link', { name: PRACTICE })).toBeVisible()
  await expectAccessible(page)

  // The dashboard: demand against supply by objective, each chart with its table.
  await page.goto('/dashboards')
  await expect(page.getByRole('heading', { level: 1, name: 'Demand and supply' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Demand and supply by objective' })).toBeVisible()
  await expect(page.getByRole('table').first()).toBeVisible()
  await expectAccessible(page)

  // The map, as an image with a summary, and switchable to projects without JavaScript (a link).
  const map = page.getByRole('img', { name: /Open requests per country, world map/ })
  await expect(map).toBeVisible()
  await expect(map.locator('path').first()).toBeAttached()
  await page.getByRole('navigation', { name: 'What the map shows' }).getByRole('link', { name: 'Projects per country' }).click()
  await expect(page).toHaveURL(/map=projects/)
  await expect(page.getByRole('img', { name: /Projects per country, world map/ })).toBeVisible()
  await expectAccessible(page)
})
