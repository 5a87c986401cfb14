import { hash, verify } from '@node-rs/argon2'

// OWASP's argon2id recommendation: 19 MiB, 2 iterations, 1 lane. (argon2id is the library's default algorithm.)
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 }

export const hashPassword = (password: string) => hash(password, ARGON2)

export async function verifyPassword(passwordHash: string, password: string) {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

let decoy: Promise<string> | undefined
/** Checking a password for an unknown account takes as long as for a known one. */
export async function burnPasswordCheck(password: string) {
  decoy ??= hashPassword('decoy password for timing')
  await verifyPassword(await decoy, password)
}
