import type { z } from 'zod'
import { dynamicKey } from '~/utils/i18n'
import { translator } from '~/utils/i18n.server'
import { DomainError } from '../errors'

const SHOWN = 50

/** A rejected import: nothing was written. `problems` names each record and field in the file's own terms. */
export class ImportError extends DomainError {
  constructor(readonly problems: string[]) {
    const shown = problems.slice(0, SHOWN).map((p) => `  ${p}`)
    if (problems.length > SHOWN) shown.push(`  … and ${problems.length - SHOWN} more`)
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`
    super('import.invalid', `The import was rejected (${count}); nothing was written.\n${shown.join('\n')}`, 422)
    this.name = 'ImportError'
  }
}

const collections = new Set(['organizations', 'requests', 'offers'])

/** `requests[3] (key "r4")`: the record as a person finds it in the file. */
export function recordLabel(data: unknown, collection: string, index: number) {
  const record = (data as Record<string, unknown[] | undefined> | null)?.[collection]?.[index]
  const key = (record as { key?: unknown } | null | undefined)?.key
  return `${collection}[${index}]${typeof key === 'string' ? ` (key ${JSON.stringify(key)})` : ''}`
}

/** A path into the file: requests[3] (key "r4").objectives[1]. */
export function describePath(data: unknown, path: readonly PropertyKey[]) {
  const [collection, index] = path
  const inRecord = typeof collection === 'string' && collections.has(collection) && typeof index === 'number'
  let label = inRecord ? recordLabel(data, collection, index) : ''
  for (const part of inRecord ? path.slice(2) : path) {
    label += typeof part === 'number' ? `[${part}]` : label ? `.${String(part)}` : String(part)
  }
  return label || '(file)'
}

/** Form schemas speak in translation keys (validation.*); the import reports in English sentences. */
export function describeMessage(message: string) {
  return message.startsWith('validation.') ? translator('en')(dynamicKey(message)) : message
}

export function problemsFromIssues(data: unknown, issues: readonly z.core.$ZodIssue[]) {
  const problems = issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => `${describePath(data, [...issue.path, key])}: Unknown field.`)
      : [`${describePath(data, issue.path)}: ${describeMessage(issue.message)}`],
  )
  return [...new Set(problems)]
}
