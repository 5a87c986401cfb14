import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { endSession } from '~/domain/accounts/sessions.server'
import { db } from '~/utils/db.server'
import { flashCookie } from '~/utils/flash.server'
import { clearSessionCookie, sessionOfBrowser } from '~/http/session.server'

export const loader = () => redirect('/')

export async function action({ request }: ActionFunctionArgs) {
  // A partial session (second factor not yet given) is signed out too.
  const session = await sessionOfBrowser(request)
  if (session) await endSession(db, session.user.id, session.id)
  const headers = new Headers()
  headers.append('Set-Cookie', clearSessionCookie(request))
  headers.append('Set-Cookie', flashCookie({ key: 'auth.loggedOut', tone: 'info' }))
  return redirect('/', { headers })
}
