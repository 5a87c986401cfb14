import type { Page } from '@playwright/test'
import arCommon from '~/locales/ar/common.json' with { type: 'json' }
import arBrowse from '~/locales/ar/browse.json' with { type: 'json' }
import arNav from '~/locales/ar/nav.json' with { type: 'json' }
import esRequests from '~/locales/es/requests.json' with { type: 'json' }
import esSupport from '~/locales/es/supportTypes.json' with { type: 'json' }
import ruRequests from '~/locales/ru/requests.json' with { type: 'json' }
import zhBrowse from '~/locales/zh/browse.json' with { type: 'json' }
import { pageInNewContext, test, uniqueName } from './helpers'
import { expect, expectAccessible, logInAs } from './support'

/*
 * The Hub in the languages its people work in: a visitor in Arabic (right to left) and in Chinese, a State
 * that drafts in Spanish, the secretariat screening in Russian. Each person's language comes from a link
 * (`?lng=`), as a shared link would carry it; the strings expected are read from the translation files.
 */

async function expectFits(page: Page) {
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 900 })
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `no sideways scrolling at ${width} px`).toBeLessThanOrEqual(width)
  }
}

test('a visitor reads and searches the Hub in Arabic, right to left', async ({ page }) => {
  await page.goto('/?lng=ar')
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl')
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar')
  await expectAccessible(page)
  await expectFits(page)
  // The header starts on the right: the product's name sits right of the sign-in buttons.
  const name = await page.getByRole('banner').getByRole('link', { name: 'Connection Hub' }).boundingBox()
  const login = await page.getByRole('banner').getByRole('link', { name: arNav.login }).boundingBox()
  expect(name!.x).toBeGreaterThan(login!.x)

  // The choice sticks: the next pages are Arabic without the parameter.
  await page.getByRole('navigation', { name: arNav.main }).getByRole('link', { name: arNav.requests }).click()
  await expect(page.getByRole('heading', { level: 1, name: arBrowse.requests.title })).toBeVisible()
  await expectAccessible(page)
  await expectFits(page)

  // Written with the diacritics, found without them (and the reverse): a Jordanian request written in Arabic.
  await page.getByRole('searchbox', { name: arBrowse.requests.searchLabel }).fill('الْعُمَّال')
  await page.getByRole('button', { name: arBrowse.search.submit }).click()
  const results = page.getByRole('main').getByRole('article')
  const jordan = results.filter({ hasText: 'الاعتراف بمهارات اللاجئين' })
  await expect(jordan).toHaveCount(1)
  // The request is marked as Arabic, so screen readers read it as such.
  await expect(jordan.getByRole('heading')).toHaveAttribute('lang', 'ar')
  await expectAccessible(page)
  await jordan.getByRole('link').first().click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText('الاعتراف بمهارات اللاجئين')
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl')
  await expectAccessible(page)
  await expectFits(page)
  expect(arCommon.listSeparator).toBe('، ')
})

test('a visitor searches offers in Chinese by a two-character word', async ({ page }) => {
  await page.goto('/offers?lng=zh')
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh')
  await expect(page.getByRole('heading', { level: 1, name: zhBrowse.offers.title })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('searchbox', { name: zhBrowse.offers.searchLabel }).fill('汇款')
  await page.getByRole('button', { name: zhBrowse.search.submit }).click()
  await expect(page).toHaveURL(/q=%E6%B1%87%E6%AC%BE/)
  const offer = page.getByRole('main').getByRole('article').filter({ hasText: '汇款' }).first()
  await expect(offer).toBeVisible()
  await expect(offer.getByRole('heading')).toHaveAttribute('lang', 'zh')
  await expectAccessible(page)
  await expectFits(page)
})

test('a State drafts and submits a request in Spanish; the secretariat screens and publishes it in Russian', async ({ page, browser }) => {
  const title = uniqueName('Ventanilla única para personas migrantes retornadas')
  await logInAs(page, 'state@demo.connection-hub.org')
  await page.goto('/dashboard?lng=es')
  await expect(page.locator('html')).toHaveAttribute('lang', 'es')
  await page.getByRole('link', { name: /^Nueva solicitud de Ministry of Expatriates/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: esRequests.newTitle })).toBeVisible()
  await expectAccessible(page)
  // The text's language starts as the writer's.
  await expect(page.getByLabel(/Idioma del texto/)).toHaveValue('es')
  await page.getByLabel(esRequests.fields.title, { exact: true }).fill(title)
  await page.getByLabel(esRequests.fields.summary).fill('Asistencia técnica para crear una ventanilla única de reintegración en los municipios de retorno.')
  await page.getByLabel(esRequests.fields.primaryObjective).selectOption('21')
  await page.getByRole('checkbox', { name: esSupport.technical_assistance }).check()
  await page.getByRole('button', { name: esRequests.saveDraft }).click()
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expect(page.getByRole('heading', { level: 1, name: title })).toHaveAttribute('lang', 'es')
  await expectAccessible(page)
  const requestPath = new URL(page.url()).pathname
  await page.getByRole('button', { name: esRequests.submit }).click()
  await expect(page.getByRole('status')).toHaveText(esRequests.submitted)
  await expectAccessible(page)
  await expectFits(page)

  const staff = await pageInNewContext(browser)
  await logInAs(staff.page, 'secretariat@demo.connection-hub.org')
  await staff.page.goto('/secretariat/requests?lng=ru')
  await expect(staff.page.locator('html')).toHaveAttribute('lang', 'ru')
  await expect(staff.page.getByRole('heading', { level: 1, name: ruRequests.queueTitle })).toBeVisible()
  await expectAccessible(staff.page)
  await staff.page.getByRole('link', { name: title }).click()
  await expect(staff.page).toHaveURL(new RegExp(`${requestPath}$`))
  await expectAccessible(staff.page)
  await staff.page.getByRole('button', { name: ruRequests.publish }).click()
  await expect(staff.page.getByRole('status')).toHaveText(ruRequests.published)
  await expectAccessible(staff.page)
  await expectFits(staff.page)
  await staff.close()

  // Anyone now finds it by a word typed without its accent.
  await page.goto('/requests?q=unica&lng=es')
  await expect(page.getByRole('main').getByRole('link', { name: title })).toBeVisible()
})
