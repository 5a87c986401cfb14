import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { LanguageSchema } from '~/domain/accounts/schemas'
import { setPreferredLanguage } from '~/domain/accounts/users.server'
import { db } from '~/utils/db.server'
import { readForm } from '~/http/forms.server'
import { languageCookie } from '~/utils/i18n.server'
import { getUser, safeRedirect } from '~/http/session.server'

const Input = z.object({ lng: LanguageSchema, redirectTo: z.string().max(500).optional() })

export const loader = () => redirect('/')

/** The switcher: the choice is kept in a cookie and, for a signed-in person, on the account (emails follow it). */
export async function action({ request }: ActionFunctionArgs) {
  const parsed = Input.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) throw new Response('Unknown language.', { status: 400 })
  const user = await getUser(request)
  if (user && user.locale !== parsed.data.lng) await setPreferredLanguage(db, user, parsed.data.lng)
  const back = new URL(safeRedirect(parsed.data.redirectTo), 'http://hub.invalid')
  back.searchParams.delete('lng')
  return redirect(back.pathname + back.search, {
    headers: { 'Set-Cookie': await languageCookie.serialize(parsed.data.lng) },
  })
}
