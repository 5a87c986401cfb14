import { test } from './helpers'
import { chooseLanguage, expect, expectAccessible } from './support'

test('a visitor switches the Hub to French, keeps it while browsing, and switches back to English', async ({ page }) => {
  await page.goto('/')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Connect migration capacity needs with expertise and financing')
  await expectAccessible(page)

  await chooseLanguage(page, 'Français')
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Relier les besoins de renforcement des capacités en matière de migration à l’expertise et aux financements',
  )
  await page.getByRole('banner').locator('summary').filter({ hasText: 'Français' }).click()
  await expect(page.getByRole('form', { name: 'Langue' }).getByRole('button', { name: 'Français' })).toHaveAttribute('aria-current', 'true')
  await expect(page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Accueil' })).toBeVisible()
  await expectAccessible(page)

  // The choice is kept in a cookie: a full page load of another page is French too.
  await page.goto('/signup')
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr')
  await expect(page.getByRole('heading', { level: 1, name: 'Créez votre compte' })).toBeVisible()
  await expect(page.getByLabel('Adresse électronique')).toBeVisible()
  await expectAccessible(page)

  await page.getByRole('banner').getByRole('link', { name: 'Se connecter' }).click()
  await expect(page).toHaveURL(/\/login$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Se connecter' })).toBeVisible()
  await expect(page).toHaveTitle(/Se connecter/)
  await expectAccessible(page)

  await chooseLanguage(page, 'English')
  await expect(page).toHaveURL(/\/login$/)
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible()
  await expect(page.getByRole('banner').locator('summary').filter({ hasText: 'English' })).toHaveAttribute('aria-label', 'Language: English. Choose another')
  await expectAccessible(page)

  await page.goto('/')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Connect migration capacity needs with expertise and financing')
  await expectAccessible(page)
})
