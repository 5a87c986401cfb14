import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from '~/utils/i18n-react'
import { DemandSupplyChart } from '~/components/dashboards/demand-supply-chart'
import { ObjectiveTable, useFormats } from '~/components/dashboards/figure-tables'
import { GeographySection } from '~/components/dashboards/geography-section'
import { MapSection } from '~/components/dashboards/map-section'
import { FlowTable, Totals } from '~/components/dashboards/summary'
import { mapCountryCodes } from '~/components/dashboards/world-geometry'
import { countryName, regionOptions } from '~/domain/geography/geography.server'
import { DashboardParamsSchema, type DashboardParams } from '~/domain/dashboards/schemas'
import { countriesIn, dashboardFigures, mapCounts } from '~/domain/dashboards/dashboards.server'
import { db } from '~/utils/db.server'
import { requestTranslator } from '~/utils/i18n.server'
import { pageTitle } from '~/utils/meta'
import { dynamicKey } from '~/utils/i18n'
import type { I18nHandle } from '~/utils/i18n-page'
import type { HydrationHandle } from '~/utils/hydration'
import { worldMapMarkup } from '~/components/dashboards/world-map.server'
import { urls } from '~/utils/urls'

export async function loader({ request }: LoaderFunctionArgs) {
  const { t, locale } = await requestTranslator(request)
  const search = new URL(request.url).searchParams
  const parsed = DashboardParamsSchema.safeParse(Object.fromEntries(['map', 'sort', 'region'].map((name) => [name, search.get(name) ?? undefined])))
  if (!parsed.success) throw new Response(parsed.error.issues.map((issue) => t(dynamicKey(issue.message))).join(' '), { status: 400 })
  const params = parsed.data
  const figures = await dashboardFigures(db, locale)
  const choices = regionOptions(locale)
  return {
    title: t('dashboards.title'),
    description: t('dashboards.lead'),
    params,
    totals: figures.totals,
    objectives: figures.objectives,
    countries: countriesIn(figures.countries, params.region).map(({ regions: _, ...row }) => row),
    regions: figures.regions,
    region: choices.find((c) => c.code === params.region) ?? null,
    regionChoices: choices,
    flow: figures.flow,
    map: (() => {
      const counts = mapCounts(figures.countries, params.map, params.sort, locale)
      const names = Object.fromEntries(mapCountryCodes().map((code) => [code, countryName(code, locale)]))
      return { counts, names, markup: worldMapMarkup({ language: locale, layer: t(dynamicKey(`dashboards.map.${params.map}`)), counts, names }) }
    })(),
  }
}

/** This page's URL with some parameters changed; defaults are left out so links stay short. */
function dashboardHref(params: DashboardParams, change: Partial<DashboardParams>, hash: string) {
  const next = { ...params, ...change }
  const query = { region: next.region, map: next.map === 'requests' ? null : next.map, sort: next.sort === 'count' ? null : next.sort }
  return `${urls.dashboards(query)}#${hash}`
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} id={id} className="render-when-near scroll-mt-4 space-y-4">
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  )
}

const sections = [
  ['by-objective', 'dashboards.objective.heading'],
  ['by-country', 'dashboards.geography.heading'],
  ['map', 'dashboards.map.heading'],
  ['flow', 'dashboards.flow.heading'],
  ['open-data', 'dashboards.openData.heading'],
] as const

/**
 * The strings this page uses besides the layout's (written by `npm run i18n:routes`). The page needs no JavaScript
 * (its links and its region form work as plain HTML), so a visitor who opens it downloads and runs none.
 */
export const handle: I18nHandle & HydrationHandle = { i18n: ['dashboards'], hydrate: false }

export default function Dashboards() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const f = useFormats()
  const { params } = data
  const chartRows = data.objectives.map((o) => ({
    key: String(o.objective),
    label: t('dashboards.objective.label', { number: o.objective, title: o.shortTitle }),
    demand: o.openRequests,
    supply: o.expertiseOffers,
  }))
  const summary = `${t('dashboards.objective.chartTitle')}. ${chartRows
    .map((r) => t('dashboards.objective.pair', { label: r.label, requests: f.count(r.demand), offers: f.count(r.supply) }))
    .join(t('dashboards.objective.separator'))}.`
  const keep: Record<string, string> = {}
  if (params.map !== 'requests') keep.map = params.map
  if (params.sort !== 'count') keep.sort = params.sort
  return (
    <div className="space-y-10">
      <header className="space-y-3">
        <h1>{t('dashboards.title')}</h1>
        <p className="max-w-3xl text-slate-700">{t('dashboards.lead')}</p>
        <nav aria-label={t('dashboards.jump')}>
          <ul className="flex flex-wrap gap-x-5 gap-y-1 text-sm">
            {sections.map(([id, key]) => (
              <li key={id}>
                <a href={`#${id}`}>{t(key)}</a>
              </li>
            ))}
          </ul>
        </nav>
      </header>

      <section aria-labelledby="totals-heading" className="space-y-3">
        <h2 id="totals-heading">{t('dashboards.totals.heading')}</h2>
        <Totals totals={data.totals} />
      </section>

      <Section id="by-objective" title={t('dashboards.objective.heading')}>
        <p className="max-w-3xl text-slate-700">{t('dashboards.objective.lead')}</p>
        <figure className="card space-y-4">
          <figcaption className="text-sm text-slate-700">{t('dashboards.objective.chartCaption')}</figcaption>
          <DemandSupplyChart
            rows={chartRows}
            demandLabel={t('dashboards.objective.demand')}
            supplyLabel={t('dashboards.objective.supply')}
            noSupply={t('dashboards.objective.noOffer')}
            format={f.count}
            summary={summary}
          />
        </figure>
        <ObjectiveTable rows={data.objectives} />
        <p className="max-w-3xl text-sm text-slate-700">{t('dashboards.objective.financingNote')}</p>
      </Section>

      <Section id="by-country" title={t('dashboards.geography.heading')}>
        <GeographySection
          countries={data.countries}
          regions={data.regions}
          region={data.region}
          choices={data.regionChoices}
          worldwideOffers={data.totals.worldwideExpertiseOffers}
          keep={keep}
          regionHref={(region) => dashboardHref(params, { region }, 'by-country')}
        />
      </Section>

      <Section id="map" title={t('dashboards.map.heading')}>
        <p className="max-w-3xl text-slate-700">{t('dashboards.map.lead')}</p>
        <MapSection
          layer={params.map}
          sort={params.sort}
          counts={data.map.counts}
          mapMarkup={data.map.markup}
          hrefFor={(change, hash) => dashboardHref(params, change, hash)}
        />
      </Section>

      <Section id="flow" title={t('dashboards.flow.heading')}>
        <p className="max-w-3xl text-slate-700">{t('dashboards.flow.lead')}</p>
        <FlowTable flow={data.flow} />
      </Section>

      <Section id="open-data" title={t('dashboards.openData.heading')}>
        <p className="text-slate-700">
          {t('dashboards.openData.lead')} <Link to={urls.api('/dashboards')} reloadDocument>{t('dashboards.openData.json')}</Link>{' '}
          <code className="text-sm text-slate-700">/api/v1/dashboards</code>
        </p>
      </Section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? [{ title: pageTitle(data.title) }, { name: 'description', content: data.description }] : [{ title: pageTitle('Dashboards') }]

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
