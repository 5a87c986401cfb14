import type { resources } from './resources.server'

type English = (typeof resources)['en']
/** Every namespace, `common` first: `t` without a namespace accepts `common`'s keys bare and the others' as `ns.key`. */
type AllNamespaces = ['common', ...Exclude<keyof English, 'common'>[]]

/**
 * Keys are typed from the English source: `t('fundPages.contribute.title')` is checked against
 * app/locales/en/fundPages.json, so a key that does not exist fails the typecheck.
 */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: AllNamespaces
    nsSeparator: '.'
    keySeparator: '.'
    resources: English
    returnNull: false
  }
}
