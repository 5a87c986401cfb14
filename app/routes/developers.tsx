import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { EndpointDoc } from '~/components/developers/endpoint-doc'
import { WithCode } from '~/components/developers/inline-code'
import { ModelDoc } from '~/components/developers/model-doc'
import { FEED_SIZE } from '~/domain/open-data/atom.server'
import { developerGuide } from '~/domain/open-data/guide'
import { API_RATE_WINDOW_MINUTES } from '~/http/open-data.server'
import { openDataLicence } from '~/domain/open-data/openapi'
import { env, publicOrigin } from '~/utils/env.server'
import { requestTranslator } from '~/utils/i18n.server'
import { titleMeta } from '~/utils/meta'
import type { I18nHandle } from '~/utils/i18n-page'
import { urls } from '~/utils/urls'

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await requestTranslator(request)
  return {
    title: t('developers.title'),
    guide: developerGuide(t, publicOrigin()),
    rateLimit: { limit: env().API_RATE_LIMIT_PER_WINDOW, minutes: API_RATE_WINDOW_MINUTES },
    licence: openDataLicence,
    feeds: { requests: urls.requestsFeed(), offers: urls.offersFeed(), example: urls.requestsFeed({ objective: 5, country: 'NPL' }), size: FEED_SIZE },
  }
}

const notes = ['pagination', 'caching', 'rateLimit', 'errors', 'formats', 'feeds'] as const

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['browse', 'dashboards', 'developers', 'offers', 'practices', 'projects', 'requests'] }

export default function Developers() {
  const { guide, rateLimit, licence, feeds } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const contents = [['about', t('developers.sections.about')], ['licence', t('developers.sections.licence')], ['document', t('developers.sections.document')], ...notes.map((n) => [n, t(`developers.sections.${n}`)]), ['endpoints', t('developers.sections.endpoints')], ['models', t('developers.sections.models')]]
  const noteText = {
    pagination: t('developers.sections.paginationText'),
    caching: t('developers.sections.cachingText'),
    rateLimit: t('developers.sections.rateLimitText', rateLimit),
    errors: t('developers.sections.errorsText'),
    formats: t('developers.sections.formatsText', { prefix: guide.iatiPrefix }),
    feeds: t('developers.sections.feedsText', feeds),
  }
  return (
    <div className="space-y-10">
      <header className="space-y-4">
        <h1>{t('developers.title')}</h1>
        <p className="max-w-3xl text-slate-700">{t('developers.lead')}</p>
        <p className="flex flex-wrap gap-3">
          <a href={urls.api('/openapi.json')} className="btn-primary">
            {t('developers.sections.documentLink')}
          </a>
          <a href={licence.url} className="btn-secondary" rel="license">
            {t('developers.sections.licenceLink')}
          </a>
        </p>
      </header>

      <nav aria-labelledby="contents" className="card">
        <h2 id="contents" className="text-lg">
          {t('developers.contents')}
        </h2>
        <ul className="mt-2 grid gap-1 sm:grid-cols-2">
          {contents.map(([id, label]) => (
            <li key={id}>
              <a href={`#${id}`}>{label}</a>
            </li>
          ))}
        </ul>
      </nav>

      <section id="about" aria-labelledby="about-title" className="max-w-3xl space-y-3">
        <h2 id="about-title">{t('developers.sections.about')}</h2>
        <p className="text-slate-700">{t('developers.sections.aboutText')}</p>
      </section>

      <section id="licence" aria-labelledby="licence-title" className="max-w-3xl space-y-3">
        <h2 id="licence-title">{t('developers.sections.licence')}</h2>
        <p className="text-slate-700">{t('developers.sections.licenceText')}</p>
        <p>
          <a href={licence.url} rel="license">
            {licence.name}
          </a>
        </p>
      </section>

      <section id="document" aria-labelledby="document-title" className="max-w-3xl space-y-3">
        <h2 id="document-title">{t('developers.sections.document')}</h2>
        <p className="text-slate-700">{t('developers.sections.documentText')}</p>
        <p>
          <a href={urls.api('/openapi.json')}>{t('developers.sections.documentLink')}</a> <code className="break-all text-sm text-slate-700">{guide.documentUrl}</code>
        </p>
      </section>

      {notes.map((note) => (
        <section key={note} id={note} aria-labelledby={`${note}-title`} className="max-w-3xl space-y-3">
          <h2 id={`${note}-title`}>{t(`developers.sections.${note}`)}</h2>
          <p className="text-slate-700">
            <WithCode text={noteText[note]} />
          </p>
        </section>
      ))}

      <section id="endpoints" aria-labelledby="endpoints-title" className="space-y-8">
        <h2 id="endpoints-title" className="text-xl">{t('developers.sections.endpoints')}</h2>
        {guide.groups.map((group) => (
          <section key={group.name} className="space-y-4">
            <h3 id={`group-${group.name}`} className="text-base font-semibold text-slate-800">
              {group.title}
            </h3>
            {group.endpoints.map((endpoint) => (
              <EndpointDoc key={endpoint.id} endpoint={endpoint} />
            ))}
          </section>
        ))}
      </section>

      <section id="models" aria-labelledby="models-title" className="space-y-6">
        <h2 id="models-title" className="text-xl">{t('developers.sections.models')}</h2>
        <p className="max-w-3xl text-slate-700">{t('developers.sections.modelsText')}</p>
        {guide.models.map((model) => (
          <ModelDoc key={model.name} name={model.name} fields={model.fields} />
        ))}
      </section>
    </div>
  )
}

export const meta = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
