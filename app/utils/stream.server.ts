import { Transform } from 'node:stream'

/**
 * React 18's stream writer sends its whole 2 KB buffer when a multi-byte character does not fit at its end,
 * zero bytes included: Chinese, Arabic and Cyrillic pages came out with NUL characters inside words. HTML
 * never holds U+0000 (forms refuse it too), so every zero byte is dropped on the way out.
 */
export function withoutNulBytes() {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (chunk.indexOf(0) === -1) return done(null, chunk)
      const kept = Buffer.allocUnsafe(chunk.length)
      let length = 0
      for (const byte of chunk) if (byte !== 0) kept[length++] = byte
      done(null, kept.subarray(0, length))
    },
  })
}
