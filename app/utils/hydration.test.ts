import { describe, expect, test } from 'vitest'
import { pageHydrates } from './hydration'

describe('pageHydrates', () => {
  test('a page hydrates unless one of its routes says it need not', () => {
    expect(pageHydrates([undefined, { i18n: ['browse'] }], { signedIn: false })).toBe(true)
    expect(pageHydrates([undefined, { i18n: ['dashboards'], hydrate: false }], { signedIn: true })).toBe(false)
  })

  test("'signed-in': only for a reader with a session", () => {
    const handles = [undefined, { hydrate: 'signed-in' }]
    expect(pageHydrates(handles, { signedIn: false })).toBe(false)
    expect(pageHydrates(handles, { signedIn: true })).toBe(true)
  })
})
