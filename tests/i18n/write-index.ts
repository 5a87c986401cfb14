/** `npm run i18n:index`: rewrites app/locales/resources.server.ts after a language or namespace is added. */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { localesDir } from './check'
import { resourcesIndex } from './resources-index'

writeFileSync(path.join(localesDir, 'resources.server.ts'), resourcesIndex())
