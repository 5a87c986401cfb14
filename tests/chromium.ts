import { existsSync } from 'node:fs'
import { chromium } from '@playwright/test'

/** Where a Chromium can be found: an explicit path, Playwright's own download, or Debian's package. */
export function findChromium(): string | null {
  const candidates = [process.env.PLAYWRIGHT_CHROMIUM_PATH, safeBundledPath(), '/usr/bin/chromium', '/usr/bin/chromium-browser']
  return candidates.find((p): p is string => Boolean(p && existsSync(p))) ?? null
}

function safeBundledPath() {
  try {
    return chromium.executablePath()
  } catch {
    return undefined
  }
}

export const NO_CHROMIUM_MESSAGE = `No Chromium browser was found for the browser tests.
Looked at: $PLAYWRIGHT_CHROMIUM_PATH, Playwright's own download, /usr/bin/chromium.
Install one of them, for example:
  sudo apt-get install -y chromium          (Debian/Ubuntu)
  npx playwright install chromium           (where downloads are allowed)
or point PLAYWRIGHT_CHROMIUM_PATH at an existing Chromium or Chrome binary.`
