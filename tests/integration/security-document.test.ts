import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

/*
 * SECURITY.md maps each OWASP ASVS requirement to the test that proves it. A proof that names a file or a test
 * that no longer exists proves nothing, so every reference is checked here: the file exists and holds a test
 * of exactly that name.
 */
const root = path.resolve(import.meta.dirname, '../..')
const document = readFileSync(path.join(root, 'SECURITY.md'), 'utf8')
const legendExample = 'path/to/file.test.ts'

const references = [...document.matchAll(/`([^`\s]+\.(?:test|spec)\.ts)` › "([^"]+)"/g)]
  .map(([, file, name]) => ({ file: file!, name: name! }))
  .filter((ref) => ref.file !== legendExample)

describe('SECURITY.md', () => {
  it('points at tests', () => {
    expect(references.length).toBeGreaterThan(50)
  })

  it('names only tests that exist', () => {
    const missing = references.filter(({ file, name }) => {
      const full = path.join(root, file)
      if (!existsSync(full)) return true
      const source = readFileSync(full, 'utf8')
      return ![`'${name}'`, `"${name}"`, `\`${name}\``].some((quoted) => source.includes(quoted))
    })
    expect(missing.map(({ file, name }) => `${file} › "${name}"`)).toEqual([])
  })
})
