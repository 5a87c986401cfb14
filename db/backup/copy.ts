import { Readable, type Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type postgres from 'postgres'

/**
 * `COPY … TO STDOUT` as a stream of chunks (COPY text format: one row per line).
 *
 * postgres.js 3.4 pauses its socket when the stream's buffer is full and resumes it only from the stream's
 * `read()`; when the last data and CopyDone arrive in one chunk, the stream ends with the socket still paused
 * and the connection's next query waits for ever (porsager/postgres#499, fix proposed in #1016). Calling that
 * `read()` once more after the end resumes the socket.
 */
export async function* copyOut(sql: postgres.TransactionSql, statement: string): AsyncGenerator<Buffer> {
  const readable = (await sql.unsafe(statement).readable()) as Readable
  try {
    for await (const chunk of readable) yield chunk as Buffer
  } finally {
    readable._read(0)
  }
}

/**
 * `COPY … FROM STDIN` fed from `source`; resolves once the server has taken every row, rejects with the
 * server's error otherwise.
 *
 * postgres.js 3.4 never settles the stream when the server refuses the data after the last row was sent (a
 * foreign key or a malformed last line): the error goes only to the query's `reject`, which has already
 * resolved into the stream (porsager/postgres#1173, fix proposed in #1183). So that `reject` is observed too.
 */
export async function copyIn(sql: postgres.TransactionSql, statement: string, source: AsyncIterable<Buffer>) {
  const query = sql.unsafe(statement) as postgres.PendingQuery<postgres.Row[]> & { reject: (error: unknown) => void }
  let refuse: (error: unknown) => void = () => {}
  const refused = new Promise<never>((_resolve, reject) => (refuse = reject))
  refused.catch(() => {})
  const reject = query.reject
  query.reject = (error) => {
    refuse(error)
    reject(error)
  }
  const writable = (await query.writable()) as Writable
  await Promise.race([pipeline(Readable.from(source, { objectMode: false }), writable), refused])
}
