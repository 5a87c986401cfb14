import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { offer, remittanceRequest, startEachTestWithAnEmptyCatalogue, world } from './matching-support'

startEachTestWithAnEmptyCatalogue()

describe('npm run hub -- match', () => {
  const run = promisify(execFile)
  const hub = (args: string[]) =>
    run('npx', ['tsx', 'app/server/hub.ts', 'match', ...args], { env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL, LOG_LEVEL: 'warn' }, timeout: 60_000 })

  it('prints fresh suggestions as JSON, best first, with keys, scores and reasons in English', async () => {
    const w = await world((k) => ({
      requests: [remittanceRequest(k)],
      offers: [offer(k, 'best', { countries: ['BGD'] }), offer(k, 'next', { objectives: [19], actions: [], organization: k('p2') }), offer(k, 'unrelated', { objectives: [5], actions: [] })],
    }))
    const { stdout } = await hub(['--request', w.k('remit'), '--top', '10', '--json'])
    const rows = JSON.parse(stdout) as { offer: string; score: number; reasons: string[] }[]
    expect(rows.map((r) => r.offer)).toEqual([w.k('best'), w.k('next')])
    expect(Object.keys(rows[0]!)).toEqual(['offer', 'score', 'reasons'])
    expect(rows[0]!.score).toBeGreaterThan(rows[1]!.score)
    expect(rows[0]!.reasons).toContain('Works in Bangladesh')
    expect(rows[0]!.reasons).toContain('Both on objective 20: Promote faster, safer and cheaper transfer of remittances and foster financial inclusion')

    const forOffer = JSON.parse((await hub(['--offer', w.k('best'), '--json'])).stdout) as { request: string; score: number }[]
    expect(forOffer).toEqual([{ request: w.k('remit'), score: rows[0]!.score, reasons: rows[0]!.reasons }])
  }, 120_000)

  it('says so and exits with 1 for an unknown key', async () => {
    const failure = await hub(['--request', 'no-such-request', '--json']).then(
      () => null,
      (error: { code: number; stderr: string; stdout: string }) => error,
    )
    expect(failure?.code).toBe(1)
    expect(failure?.stderr).toContain('No request with key "no-such-request".')
    expect(failure?.stdout).toBe('')
  }, 60_000)
})
