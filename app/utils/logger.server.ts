import pino, { type DestinationStream, type Logger } from 'pino'
import { env } from './env.server'
import { currentRequestId } from './request-context.server'
import { singleton } from './singleton.server'

/** pino-pretty's options: one line per event, led by the request id (the access line's fields are in its words). */
export const prettyOptions = {
  translateTime: 'SYS:HH:MM:ss',
  ignore: 'pid,hostname,requestId,http',
  messageFormat: '{if requestId}{requestId} {end}{msg}',
  singleLine: true,
}

/**
 * Structured logs; secrets and credentials are redacted wherever they appear. A line written while a request is
 * being answered carries its `requestId`. People reading a terminal get one short line per event (pino-pretty);
 * log collectors get JSON. Tests pass a `destination` to read what is written.
 */
export function createLogger(options: { level?: string; destination?: DestinationStream; pretty?: boolean } = {}): Logger {
  const pretty = options.pretty ?? (options.destination === undefined && process.stdout.isTTY)
  return pino(
    {
      level: options.level ?? (env().NODE_ENV === 'test' ? 'silent' : env().LOG_LEVEL),
      mixin: () => {
        const requestId = currentRequestId()
        return requestId ? { requestId } : {}
      },
      transport: pretty ? { target: 'pino-pretty', options: prettyOptions } : undefined,
      redact: {
        paths: ['password', '*.password', 'token', '*.token', 'headers.cookie', '*.headers.cookie', 'smtpUrl', 'DATABASE_URL'],
        censor: '[redacted]',
      },
    },
    pretty ? undefined : options.destination,
  )
}

/** The process's logger. */
export function logger(): Logger {
  return singleton('logger', () => createLogger())
}
