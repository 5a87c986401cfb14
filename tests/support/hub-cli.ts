import { spawn } from 'node:child_process'
import path from 'node:path'

/** Runs `npm run hub -- …args` against the test database; resolves with its exit code and everything it printed. */
export function runHub(args: string[]) {
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(path.resolve('node_modules/.bin/tsx'), ['app/server/hub.ts', ...args], {
      env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, output }))
  })
}
