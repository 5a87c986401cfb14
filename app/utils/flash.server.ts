import { redirect } from '@remix-run/node'
import * as cookie from 'cookie'
import { z } from 'zod'

const COOKIE = 'hub_flash'

/** A one-time message for the next page; `key` is a translation key, `values` its interpolations. */
const FlashSchema = z.object({
  key: z.string().max(100),
  values: z.record(z.string(), z.string().max(300)).optional(),
  tone: z.enum(['success', 'info', 'error']).default('success'),
})
export type Flash = z.infer<typeof FlashSchema>

export function flashCookie(flash: z.input<typeof FlashSchema>) {
  return cookie.serialize(COOKIE, JSON.stringify(flash), { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 60 })
}

export function redirectWithFlash(to: string, flash: z.input<typeof FlashSchema>, init: { headers?: HeadersInit } = {}) {
  const headers = new Headers(init.headers)
  headers.append('Set-Cookie', flashCookie(flash))
  return redirect(to, { headers })
}

/** Reads and clears the flash message. */
export function readFlash(request: Request): { flash: Flash | null; clear: string | null } {
  const raw = cookie.parse(request.headers.get('Cookie') ?? '')[COOKIE]
  if (!raw) return { flash: null, clear: null }
  const clear = cookie.serialize(COOKIE, '', { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 0 })
  try {
    const parsed = FlashSchema.safeParse(JSON.parse(raw))
    return { flash: parsed.success ? parsed.data : null, clear }
  } catch {
    return { flash: null, clear }
  }
}
