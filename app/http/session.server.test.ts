import { describe, expect, test } from 'vitest'
import { safeRedirect } from './session.server'

const HUB = 'https://hub.example'

/** Where a browser goes when it follows a redirect to `location` from a page of the Hub. */
const followed = (location: string) => new URL(location, `${HUB}/login`)

// A return address comes from the query string or a form: anyone can write one into a link they send.
describe('safeRedirect keeps a return address on the Hub', () => {
  test.each([
    // Dot segments that collapse into a protocol-relative address once resolved.
    ['/.//evil.example/phish', '/'],
    ['/%2e//evil.example', '/'],
    ['/%2E//evil.example', '/'],
    ['/a/..//evil.example', '/'],
    ['/a/%2e%2e//evil.example', '/'],
    ['/././/evil.example', '/'],
    // Protocol-relative and backslash forms.
    ['//x', '/'],
    ['///x', '/'],
    ['/\\x', '/'],
    ['/\\/x', '/'],
    ['\\\\x', '/'],
    // Tabs, newlines and other control characters, which browsers drop before reading the address.
    ['/\t/evil.example', '/'],
    ['/\n/evil.example', '/'],
    ['/\r\n/evil.example', '/'],
    ['\t//evil.example', '/'],
    ['/x\u0000y', '/'],
    // Absolute addresses and schemes.
    ['https://x', '/'],
    ['http:/x', '/'],
    ['javascript:alert(1)', '/'],
    ['JavaScript:alert(1)', '/'],
    ['data:text/html,<script>alert(1)</script>', '/'],
    // Not a path at all.
    ['', '/'],
    ['evil.example', '/'],
    [' /dashboard', '/'],
  ])('%j is refused (→ %j)', (to, expected) => {
    expect(safeRedirect(to)).toBe(expected)
  })

  test.each([
    // Percent-encoded slashes and backslashes stay encoded: a path on the Hub, not another host.
    ['/%5cx', '/%5cx'],
    ['/%5c%5cevil.example', '/%5c%5cevil.example'],
    ['/%2f%2fevil.example', '/%2f%2fevil.example'],
    ['/javascript:alert(1)', '/javascript:alert(1)'],
    // Ordinary return addresses are kept, dot segments resolved.
    ['/orgs/a?b=1#c', '/orgs/a?b=1#c'],
    ['/requests/../dashboard', '/dashboard'],
    ['/requests?q=a%2F%2Fb', '/requests?q=a%2F%2Fb'],
  ])('%j stays a path on the Hub (→ %j)', (to, expected) => {
    expect(safeRedirect(to)).toBe(expected)
  })

  test.each([['/.//evil.example'], ['/%2e//evil.example'], ['/a/..//evil.example'], ['//x'], ['/\\x'], ['/%5cx'], ['/\t/x'], ['https://x'], ['javascript:x']])(
    'whatever %j is, the browser stays on the Hub',
    (to) => {
      const location = safeRedirect(to, '/dashboard')
      expect(location.startsWith('//') || location.startsWith('/\\'), `${JSON.stringify(to)} → ${location}`).toBe(false)
      expect(followed(location).origin, `${JSON.stringify(to)} → ${location}`).toBe(HUB)
    },
  )

  test('a value that is not text gets the fallback', () => {
    expect(safeRedirect(null, '/dashboard')).toBe('/dashboard')
    expect(safeRedirect(undefined, '/dashboard')).toBe('/dashboard')
    expect(safeRedirect(new File(['x'], '/x'), '/dashboard')).toBe('/dashboard')
  })
})
