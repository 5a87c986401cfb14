import { sha256 } from '@oslojs/crypto/sha2'
import { constantTimeEqual } from '@oslojs/crypto/subtle'
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding'

/** 160 bits of randomness as lowercase base32 (32 characters). */
export function randomToken(bytes = 20): string {
  const buffer = new Uint8Array(bytes)
  crypto.getRandomValues(buffer)
  return encodeBase32LowerCaseNoPadding(buffer)
}

export function hashToken(token: string): Uint8Array {
  return sha256(new TextEncoder().encode(token))
}

export function tokenMatches(token: string, storedHash: Uint8Array): boolean {
  const hash = hashToken(token)
  return hash.byteLength === storedHash.byteLength && constantTimeEqual(hash, storedHash)
}
