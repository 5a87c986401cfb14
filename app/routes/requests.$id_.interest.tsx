import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useIsPending } from '~/utils/use-is-pending'
import { useTranslation } from '~/utils/i18n-react'
import { z } from 'zod'
import type { RequestId } from '#db/schema/index'
import { CurrencyField, FormErrors, SelectField, TextareaField, TextField } from '~/components/forms'
import { activeOffersOf, expressInterest, providerOrganizationsOf } from '~/domain/matching/matches.server'
import { InterestSchema } from '~/domain/matching/workflow-schemas'
import { requestForReader } from '~/domain/requests/requests.server'
import { commonCurrencies } from '~/domain/vocabulary/options.server'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { attempt, parseForm } from '~/http/forms.server'
import { publicOrigin } from '~/utils/env.server'
import { requestTranslator } from '~/utils/i18n.server'
import { titleMeta } from '~/utils/meta'
import { requireUser } from '~/http/session.server'
import type { I18nHandle } from '~/utils/i18n-page'
import { urls } from '~/utils/urls'

async function answerable(request: Request, rawId: string | undefined) {
  const user = await requireUser(request)
  const id = z.uuid().safeParse(rawId)
  if (!id.success) throw new Response('Not found', { status: 404 })
  const found = await requestForReader(db, user, id.data as RequestId)
  if (!found || found.request.status !== 'published') throw new Response('Not found', { status: 404 })
  const providers = await providerOrganizationsOf(db, user, found.request.organizationId)
  if (providers.length === 0) throw new Response('Only members of a verified organisation can express interest.', { status: 403 })
  return { user, request: found.request, providers }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { request: r, providers } = await answerable(request, params.id)
  const { t } = await requestTranslator(request)
  const offers = await activeOffersOf(db, providers.map((p) => p.id))
  return { title: t('matches.interestTitle'), request: { id: r.id, title: r.title }, providers, offers, currencies: [...commonCurrencies] }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, request: r } = await answerable(request, params.id)
  const form = await parseForm(request, InterestSchema)
  if (!form.ok) return form.response
  const outcome = await attempt(form.submission, () => expressInterest(db, user, r.id, form.value, publicOrigin()))
  if (!outcome.ok) return outcome.response
  return redirectWithFlash(urls.match(outcome.value), { key: 'matches.interestSent' })
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['matches', 'validation'] }

export default function ExpressInterest() {
  const { request: r, providers, offers, currencies } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const busy = useIsPending()
  const [form, fields] = useForm<{ providerId?: string; offerId?: string; message?: string; budgetAmount?: string; budgetCurrency?: string }>({
    id: 'interest',
    lastResult: actionData?.result,
    defaultValue: { providerId: providers[0]?.id as string | undefined },
    constraint: getZodConstraint(InterestSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InterestSchema }) as never,
  })
  return (
    <section className="card space-y-4" aria-labelledby="page-title">
      <p className="text-sm">
        <Link to={urls.request(r.id)}>← {r.title}</Link>
      </p>
      <h1 id="page-title">{t('matches.interestTitle')}</h1>
      <p className="text-slate-700">{t('matches.interestLead')}</p>
      <Form method="post" {...getFormProps(form)} className="max-w-2xl space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <SelectField meta={fields.providerId} label={t('matches.interestProvider')} options={providers.map((p) => ({ value: p.id, label: p.name }))} />
        <SelectField
          meta={fields.offerId}
          label={t('matches.interestOffer')}
          placeholder={t('matches.noOffer')}
          options={offers.map((o) => ({ value: o.id, label: o.title }))}
        />
        <TextareaField meta={fields.message} label={t('matches.interestMessage')} rows={5} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField meta={fields.budgetAmount} label={t('matches.interestBudget')} />
          <CurrencyField meta={fields.budgetCurrency} label={t('matches.interestCurrency')} currencies={currencies} />
        </div>
        <button type="submit" className="btn-primary" disabled={busy}>
          {t('matches.interestSubmit')}
        </button>
      </Form>
    </section>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
