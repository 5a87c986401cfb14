import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useIsPending } from '~/utils/use-is-pending'
import { useTranslation } from '~/utils/i18n-react'
import { FormErrors, SelectField, TextField } from '~/components/forms'
import { ProfileSchema } from '~/domain/accounts/schemas'
import { updateProfile } from '~/domain/accounts/users.server'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { parseForm } from '~/http/forms.server'
import { languageNames, supportedLanguages } from '~/utils/i18n'
import { languageCookie, requestTranslator } from '~/utils/i18n.server'
import { titleMeta } from '~/utils/meta'
import { requireUser } from '~/http/session.server'
import type { I18nHandle } from '~/utils/i18n-page'
import { urls } from '~/utils/urls'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const { t } = await requestTranslator(request)
  return { title: t('account.profile'), profile: { displayName: user.displayName, locale: user.locale } }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const form = await parseForm(request, ProfileSchema)
  if (!form.ok) return form.response
  await updateProfile(db, user, form.value)
  // The pages follow the account's language from now on, in this browser too.
  return redirectWithFlash(urls.account(), { key: 'account.profileSaved' }, { headers: { 'Set-Cookie': await languageCookie.serialize(form.value.locale) } })
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['account', 'auth', 'validation'] }

export default function Profile() {
  const { profile } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const busy = useIsPending()
  const [form, fields] = useForm({
    id: 'profile',
    lastResult: actionData?.result,
    defaultValue: profile,
    constraint: getZodConstraint(ProfileSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProfileSchema }),
  })
  return (
    <section aria-labelledby="profile-title">
      <h2 id="profile-title">{t('account.profile')}</h2>
      <Form method="post" reloadDocument {...getFormProps(form)} className="mt-4 max-w-md space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField meta={fields.displayName} label={t('auth.displayName')} autoComplete="name" />
        <SelectField
          meta={fields.locale}
          label={t('account.preferredLanguage')}
          options={supportedLanguages.map((l) => ({ value: l, label: languageNames[l] }))}
        />
        <button type="submit" className="btn-primary" disabled={busy}>
          {t('account.saveProfile')}
        </button>
      </Form>
    </section>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
