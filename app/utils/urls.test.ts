import { readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { absoluteUrl, urls, withQuery } from './urls'

/** The URL pattern of a Remix flat-routes file name (`projects.$id_.milestones.$milestoneId.tsx`). */
function routePattern(file: string) {
  const name = file.replace(/\.(tsx|ts)$/, '')
  const segments = name
    .split(/\.(?![^[]*\])/)
    .filter((s) => s !== '_index' && !/^_[^.]/.test(s))
    .map((s) => s.replace(/_$/, ''))
    .map((s) => (s === '$' ? '.*' : s.startsWith('$') ? '[^/]+' : s.replace(/\[\.\]/g, '\\.')))
  return new RegExp(`^/${segments.join('/')}$`)
}

const routes = readdirSync(path.join(import.meta.dirname, '../routes'))
  .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts') && f !== '$.tsx')
  .map(routePattern)

const pathOf = (url: string) => url.replace(/[?#].*$/, '')

describe('urls', () => {
  it('points every address at a route that exists', () => {
    for (const [name, build] of Object.entries(urls)) {
      const url = name === 'api' ? urls.api('/requests') : (build as (...args: string[]) => string)('id-1', 'id-2')
      expect(routes.some((r) => r.test(pathOf(url))), `${name}: ${url}`).toBe(true)
    }
  })

  it('leaves empty query values out and encodes the rest', () => {
    expect(withQuery('/requests', { objective: 5, q: '', status: undefined })).toBe('/requests?objective=5')
    expect(urls.login('/requests/1?x=a&b')).toBe('/login?redirectTo=%2Frequests%2F1%3Fx%3Da%26b')
    expect(urls.projectWorkspace('p', 'documents')).toBe('/projects/p/workspace#documents')
    expect(urls.api('/offers', { page: 2 })).toBe('/api/v1/offers?page=2')
    expect(absoluteUrl('https://hub.example.org', urls.request('abc'))).toBe('https://hub.example.org/requests/abc')
  })
})
