import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { runHub } from '../support/hub-cli'
import { rowCounts, sampleFile } from './import-support'

describe('npm run hub -- import', () => {
  test('imports a file and reports what it did; a bad file exits non-zero and writes nothing', { timeout: 90_000 }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hub-import-'))
    const { file } = sampleFile()
    const good = path.join(dir, 'good.json')
    await writeFile(good, JSON.stringify(file))
    const ok = await runHub(['import', good])
    expect(ok.output).toContain('organizations: 3 created, 0 updated; requests: 2 created, 0 updated; offers: 2 created, 0 updated.')
    expect(ok.code).toBe(0)

    const bad = path.join(dir, 'bad.json')
    file.requests[0]!.objectives = [6, 1, 99]
    await writeFile(bad, JSON.stringify(file))
    const before = await rowCounts()
    const failed = await runHub(['import', bad])
    expect(failed.code).toBe(1)
    expect(failed.output).toContain('The import was rejected (1 problem); nothing was written.')
    expect(failed.output).toContain(`requests[0] (key "${file.requests[0]!.key}").objectives[2]: Choose one of the 23 objectives.`)
    expect(await rowCounts()).toEqual(before)

    const notJson = path.join(dir, 'broken.json')
    await writeFile(notJson, '{ "requests": [')
    expect((await runHub(['import', notJson])).code).toBe(1)
    expect((await runHub(['import'])).code).toBe(2)
  })
})
