import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { LanguageSchema } from '~/domain/accounts/schemas'
import { readForm } from '~/utils/forms.server'
import { languageCookie } from '~/utils/i18n.server'
import { safeRedirect } from '~/utils/session.server'

const Input = z.object({ lng: LanguageSchema, redirectTo: z.string().max(500).optional() })

export const loader = () => redirect('/')

export async function action({ request }: ActionFunctionArgs) {
  const parsed = Input.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) throw new Response('Unknown language.', { status: 400 })
  return redirect(safeRedirect(parsed.data.redirectTo), {
    headers: { 'Set-Cookie': await languageCookie.serialize(parsed.data.lng) },
  })
}
