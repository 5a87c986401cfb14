import { chromium } from '@playwright/test'
const base = 'http://localhost:3500'
const [,, lng, width, ...paths] = process.argv
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] })
const page = await browser.newPage({ viewport: { width: Number(width), height: 1400 } })
page.on('console', (m) => { if (m.type() === 'error') console.log('console error', m.text()) })
page.on('pageerror', (e) => console.log('page error', e.message))
for (const p of paths) {
  await page.goto(`${base}${p}${p.includes('?') ? '&' : '?'}lng=${lng}`)
  await page.waitForLoadState('networkidle')
  const name = `/tmp/shot-${lng}-${width}-${p.replace(/[^a-z0-9]+/gi, '_')}.png`
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  await page.screenshot({ path: name, fullPage: process.env.FULL === '1', clip: process.env.FULL === '1' ? undefined : { x: 0, y: Number(process.env.Y ?? 0), width: Number(width), height: 1400 } })
  console.log(name, 'overflow', overflow)
}
await browser.close()
