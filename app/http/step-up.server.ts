import { redirect } from '@remix-run/node'
import * as cookie from 'cookie'
import { z } from 'zod'
import { isRecentlyVerified } from '~/domain/accounts/second-factor'
import type { ValidSession } from '~/domain/accounts/sessions.server'
import { urls } from '~/utils/urls'
import { readForm } from './forms.server'
import { requireSession, returnPath, safeRedirect } from './session.server'

const RESUBMIT_COOKIE = 'hub_resubmit'
/** A cookie holds about 4 KB; a longer form is not kept: after confirming, the person fills it in again. */
const RESUBMIT_MAX_CHARS = 3_800
const RESUBMIT_MAX_AGE_SECONDS = 15 * 60

/** A form the step-up interrupted: where it was going and what was typed (never a password or a file). */
const ResubmissionSchema = z.object({
  action: z.string().max(500),
  fields: z.array(z.tuple([z.string().max(100), z.string().max(RESUBMIT_MAX_CHARS)])).max(100),
})
export type Resubmission = z.infer<typeof ResubmissionSchema>

function resubmissionCookie(resubmission: Resubmission | null) {
  const serialized = cookie.serialize(RESUBMIT_COOKIE, resubmission ? JSON.stringify(resubmission) : '', {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    maxAge: resubmission ? RESUBMIT_MAX_AGE_SECONDS : 0,
  })
  // Measured encoded: text outside ASCII takes up to nine characters per letter in a cookie.
  return serialized.length > RESUBMIT_MAX_CHARS ? null : serialized
}

function keptFields(form: FormData): Resubmission['fields'] | null {
  const fields: Resubmission['fields'] = []
  for (const [name, value] of form.entries()) {
    if (typeof value !== 'string') return null
    if (!/password/i.test(name)) fields.push([name, value])
  }
  return fields
}

/**
 * The most sensitive steps (moving fund money, recording receipts, changing a member's role, verifying an
 * organisation, turning the second factor off) want the password or a code from the last ten minutes. Without
 * it the person is sent to confirm who they are and brought back; what a form carried is kept for them to send
 * again. A fresh sign-in counts, so a step taken right after signing in is never interrupted.
 */
export async function requireRecentAuthentication(request: Request, submitted?: FormData): Promise<ValidSession> {
  const session = await requireSession(request)
  if (isRecentlyVerified(session.lastVerifiedAt, new Date())) return session
  const back = returnPath(new URL(request.url))
  const headers = new Headers()
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    const form = submitted ?? (await readForm(request.clone()))
    const fields = keptFields(form)
    const kept = fields ? resubmissionCookie({ action: back, fields }) : null
    if (kept) headers.append('Set-Cookie', kept)
  }
  throw redirect(urls.confirmIdentity(back), { headers })
}

/** The form the step-up interrupted, when it was going to `redirectTo`; and the header that forgets it. */
export function pendingResubmission(request: Request, redirectTo: string) {
  const raw = cookie.parse(request.headers.get('Cookie') ?? '')[RESUBMIT_COOKIE]
  if (!raw) return { resubmission: null, forget: null }
  const forget = resubmissionCookie(null)
  try {
    const parsed = ResubmissionSchema.safeParse(JSON.parse(raw))
    const matches = parsed.success && safeRedirect(parsed.data.action, '') === redirectTo
    return { resubmission: matches ? parsed.data : null, forget }
  } catch {
    return { resubmission: null, forget }
  }
}
