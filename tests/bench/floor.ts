import { createServer } from 'node:http'
import postgres from 'postgres'

/**
 * The floor of the browse benchmark: the page's own statement, answered as JSON by a bare node:http server with
 * postgres.js, so nothing but the database and the socket stands between request and response (no Express,
 * Remix, React or Drizzle). Run as a child process through fork(): it receives the statements by path, listens
 * on 127.0.0.1 and reports its port. Pool options as in app/utils/db.server.ts, so both sides hold as many
 * connections.
 */

export interface Statement {
  sql: string
  params: unknown[]
}

export interface FloorSetup {
  databaseUrl: string
  statements: Record<string, Statement>
}

process.once('message', (setup: FloorSetup) => {
  const sql = postgres(setup.databaseUrl, { max: 10, idle_timeout: 20, connect_timeout: 10, onnotice: () => {} })
  const statements = new Map(Object.entries(setup.statements))

  const server = createServer((req, res) => {
    const statement = statements.get(req.url ?? '')
    if (!statement) {
      res.writeHead(404).end()
      return
    }
    sql.unsafe(statement.sql, statement.params as postgres.ParameterOrJSON<never>[]).then(
      ([row]) => {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
        res.end(JSON.stringify(row))
      },
      (error: unknown) => {
        console.error('floor:', error)
        res.writeHead(500).end()
      },
    )
  })
  server.listen(0, '127.0.0.1', () => {
    const address = server.address()
    process.send?.({ port: typeof address === 'object' && address ? address.port : 0 })
  })

  process.once('SIGTERM', () => {
    server.closeAllConnections()
    server.close(() => void sql.end({ timeout: 5 }).then(() => process.exit(0)))
  })
})
