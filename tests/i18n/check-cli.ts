/** `npx tsx tests/i18n/check-cli.ts ar [zh …]`: the completeness check for some languages, in a terminal. */
import { checkLanguage } from './check'

let failed = false
for (const language of process.argv.slice(2)) {
  const problems = checkLanguage(language)
  failed ||= problems.length > 0
  console.warn(problems.length ? problems.join('\n') : `${language}: complete`)
}
process.exit(failed ? 1 : 0)
