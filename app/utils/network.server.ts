/** Headers a proxy adds to say whom it forwards for: their presence means the request did not come straight in. */
export const PROXY_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip', 'x-forwarded-host'] as const

/** An address of this very machine (IPv4's 127/8, IPv6's ::1, and 127/8 mapped into IPv6). */
export const isLoopback = (address: string | undefined | null) =>
  typeof address === 'string' && (address === '::1' || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address))
