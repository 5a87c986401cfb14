import { END_OF_ROWS } from './format'

const NEWLINE = 0x0a
/** Rows go to the server in batches of about this many bytes (one CopyData message per row would be slow). */
const BATCH_BYTES = 256 * 1024

/**
 * Reads a stream of bytes line by line without holding more than a line (and a batch of rows) in memory. A row
 * can be long (a 10 MB evidence file is one bytea value), so a partial line is kept as a list of pieces.
 */
export class LineReader {
  private chunk: Buffer = Buffer.alloc(0)
  private position = 0
  private ended = false
  private readonly source: AsyncIterator<Buffer>

  constructor(source: AsyncIterable<Buffer>) {
    this.source = source[Symbol.asyncIterator]()
  }

  /**
   * The next line without its newline; null at the end of the stream. A last line without a newline is an
   * error, and so is a line longer than `limit` bytes (a file that is not a backup can be one huge line).
   */
  async next(limit = Infinity): Promise<Buffer | null> {
    const pieces: Buffer[] = []
    let length = 0
    for (;;) {
      const newline = this.chunk.indexOf(NEWLINE, this.position)
      if (newline !== -1) {
        const line = this.chunk.subarray(this.position, newline)
        this.position = newline + 1
        if (length + line.length > limit) throw new LineTooLongError()
        return pieces.length ? Buffer.concat([...pieces, line]) : line
      }
      if (this.position < this.chunk.length) {
        pieces.push(this.chunk.subarray(this.position))
        length += this.chunk.length - this.position
        if (length > limit) throw new LineTooLongError()
      }
      if (this.ended || !(await this.pull())) {
        if (pieces.length) throw new TruncatedError('it ends in the middle of a line')
        return null
      }
    }
  }

  /** The rows of one table, in batches, up to its end-of-rows line; `counted(n)` learns how many there were. */
  async *rows(counted: (rows: number) => void): AsyncGenerator<Buffer> {
    let batch: Buffer[] = []
    let bytes = 0
    let rows = 0
    for (;;) {
      const line = await this.next()
      if (line === null) throw new TruncatedError('it ends in the middle of a table')
      if (line.length === 2 && line.toString('latin1') === END_OF_ROWS) break
      batch.push(line, NEWLINE_BUFFER)
      bytes += line.length + 1
      rows++
      if (bytes >= BATCH_BYTES) {
        yield Buffer.concat(batch, bytes)
        batch = []
        bytes = 0
      }
    }
    if (bytes) yield Buffer.concat(batch, bytes)
    counted(rows)
  }

  private async pull() {
    const { value, done } = await this.source.next()
    if (done) {
      this.ended = true
      return false
    }
    this.chunk = value
    this.position = 0
    return true
  }
}

const NEWLINE_BUFFER = Buffer.from('\n')

export class TruncatedError extends Error {}
export class LineTooLongError extends Error {}
