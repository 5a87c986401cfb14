import { createInstance } from 'i18next'
import { describe, expect, it } from 'vitest'
import { resources } from '~/locales/resources.server'
import { i18nConfig, interpolationFor, namespaces, supportedLanguages } from '~/utils/i18n'
import { createTranslator, type Tree } from '~/utils/translator'
import { flatten } from './check'

/** Values for every variable a string can name, so both translators interpolate the same things. */
const values = { name: 'Amina', title: 'Remittances', organization: 'Migration Data Lab', amount: 'USD 5,000', date: '1 May 2027', q: 'دعم', number: 20, numbers: '2, 5' }
const counts = [0, 1, 2, 3, 5, 11, 21, 100, 1_000_000]

describe('the pages’ translator reads the strings as i18next does', () => {
  it.each(supportedLanguages)('%s: every key, with and without counts', (language) => {
    const strings = resources[language] as unknown as Record<string, Tree>
    const reference = createInstance()
    void reference.init({ ...i18nConfig, interpolation: interpolationFor(language), parseMissingKeyHandler: (key: string, defaultValue?: string) => defaultValue ?? `missing:${key}`, resources: { [language]: strings }, lng: language, initImmediate: false })
    const ours = createTranslator({ language, resources: strings, namespaces, escape: interpolationFor(language).escapeValue ? (interpolationFor(language) as { escape: (v: string) => string }).escape : undefined, missing: (key) => `missing:${key}` })
    const t = reference.t as unknown as (key: string, options?: Record<string, unknown>) => string
    const mine = ours.t as unknown as (key: string, options?: Record<string, unknown>) => string
    const keys = new Set<string>()
    for (const [ns, tree] of Object.entries(strings)) for (const key of flatten(tree).keys()) keys.add(`${ns}.${key.replace(/_(zero|one|two|few|many|other)$/, '')}`)
    let compared = 0
    for (const key of keys) {
      expect(mine(key, values), key).toBe(t(key, values))
      for (const count of counts) expect(mine(key, { ...values, count }), `${key} × ${count}`).toBe(t(key, { ...values, count }))
      compared++
    }
    expect(mine('nav.noSuchKey')).toBe(t('nav.noSuchKey'))
    expect(mine('nav.noSuchKey', { defaultValue: 'Fallback {{name}}', name: 'x' })).toBe(t('nav.noSuchKey', { defaultValue: 'Fallback {{name}}', name: 'x' }))
    expect(mine('forbidden')).toBe(t('forbidden'))
    expect(compared).toBeGreaterThan(2000)
  })
})
