import { spawn } from 'node:child_process'
import path from 'node:path'

/**
 * Runs `npm run hub -- …args` (at the lowest CPU priority) against the test database, or the one `env` names;
 * resolves with its exit code and everything it printed.
 */
export function runHub(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn('nice', ['-n', '19', path.resolve('node_modules/.bin/tsx'), 'app/server/hub.ts', ...args], {
      env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL, ...env },
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, output }))
  })
}
