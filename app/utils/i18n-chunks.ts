import type { Tree } from './translator'

/** One chunk per `<language>/<namespace>.json` (email-only namespaces are never bundled). */
const files = import.meta.glob<Tree>(['../locales/*/*.json', '!../locales/*/email.json', '!../locales/*/requestEmails.json'], { import: 'default' })

export const namespaceChunk = (language: string, ns: string) => files[`../locales/${language}/${ns}.json`]?.()
