import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

/** Where `npm run build` writes the app (HUB_BUILD_DIR lets tests and benchmarks build into a folder of their own). */
export const buildDirectory = () => path.resolve(process.env.HUB_BUILD_DIR ?? 'build')
export const serverEntry = (buildDir: string) => path.join(buildDir, 'server/index.js')
export const hasBuild = (buildDir: string) => existsSync(serverEntry(buildDir))

function newestModification(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestModification(full) : statSync(full).mtimeMs)
  }
  return newest
}

/** A build exists and is newer than every source it was made from. */
export function isBuildCurrent(buildDir: string) {
  const sources = Math.max(newestModification('app'), newestModification('public'), statSync('vite.config.ts').mtimeMs)
  return hasBuild(buildDir) && statSync(serverEntry(buildDir)).mtimeMs >= sources
}

/** Builds the app when there is no build yet or the sources changed since the last one (the local demo's start). */
export function buildIfNeeded(buildDir: string, log: (line: string) => void) {
  if (isBuildCurrent(buildDir)) return
  log('Building the Hub (first start or changed sources)…')
  const result = spawnSync('npx', ['remix', 'vite:build'], { stdio: 'inherit', env: { ...process.env, HUB_BUILD_DIR: buildDir } })
  if (result.status !== 0) throw new Error('The build failed; see the output above.')
}
