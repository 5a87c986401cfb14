import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { layoutNamespaces, namespaces, supportedLanguages } from '~/utils/i18n'
import { checkLanguage, flatten, readLanguage, type Tree } from './check'
import { resourcesIndex } from './resources-index'
import { declaredNamespaces, isPageRoute, layoutUses, neededNamespaces, routeFiles } from './route-namespaces'

const english = readLanguage('en')

describe('the translations', () => {
  it.each(supportedLanguages.filter((l) => l !== 'en'))('%s has every key, variable and plural form of English', (language) => {
    expect(checkLanguage(language, english)).toEqual([])
  })

  it('are the namespaces the code knows, and the generated index loads every file', () => {
    expect([...english.keys()].sort()).toEqual([...namespaces].sort())
    expect(readFileSync('app/locales/resources.server.ts', 'utf8')).toBe(resourcesIndex())
  })

  it('fail the check on a missing key, a changed variable or a missing plural form', () => {
    const broken = (edit: (tree: Map<string, Map<string, string>>) => void) => {
      const arabic = readLanguage('ar')
      edit(arabic)
      return checkLanguage('ar', english, arabic)
    }
    expect(broken((ar) => ar.get('nav')!.delete('requests'))).toEqual(['ar/nav.json: missing "requests"'])
    expect(broken((ar) => ar.get('nav')!.set('accountMenu', 'قائمة الحساب {{user}}'))).toEqual([
      'ar/nav.json: "accountMenu" lacks {{name}}',
      'ar/nav.json: "accountMenu" has {{user}}, which English does not',
    ])
    expect(broken((ar) => ar.get('browse')!.delete('requests.count_few'))).toEqual(['ar/browse.json: missing "requests.count_few"'])
    // Russian needs four forms, Chinese one.
    const russian = readLanguage('ru')
    russian.get('browse')!.delete('requests.count_many')
    expect(checkLanguage('ru', english, russian)).toEqual(['ru/browse.json: missing "requests.count_many"'])
    const chinese = readLanguage('zh')
    chinese.get('browse')!.set('requests.count_one', '{{formatted}} 项请求')
    expect(checkLanguage('zh', english, chinese)).toEqual(['zh/browse.json: "requests.count_one" is not in English'])
  })

  it('keep the layout small: every page loads it', () => {
    const size = layoutNamespaces.reduce((sum, ns) => sum + JSON.stringify(Object.fromEntries(english.get(ns)!)).length, 0)
    expect(size).toBeLessThan(12_000)
  })
})

describe('each page route', () => {
  it('the layout uses only the layout’s namespaces (they are the only ones every page has)', () => {
    expect(layoutUses().filter((ns) => !layoutNamespaces.includes(ns))).toEqual([])
  })

  it.each(routeFiles().map((file) => [file.replace(/.*\/routes\//, ''), file]))('%s declares the namespaces its code uses', (_name, file) => {
    const source = readFileSync(file, 'utf8')
    if (!isPageRoute(source)) return
    expect(declaredNamespaces(source), 'run `npm run i18n:routes`').toEqual(neededNamespaces(file))
  })
})

// flatten is the helper the check reads nested files with.
it('flatten reads nested keys with dots', () => {
  expect(flatten({ a: { b: 'x', c: { d: 'y' } } } as Tree)).toEqual(new Map([['a.b', 'x'], ['a.c.d', 'y']]))
})
