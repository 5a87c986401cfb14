import { Form } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import type { CountryRow, RegionRow } from '~/domain/dashboards/dashboards.server'
import { CountryTable, RegionTable, useFormats } from './figure-tables'
import { FoldedTable } from './folded-table'
import { urls } from '~/utils/urls'

export interface RegionChoice {
  code: string
  name: string
  level: 1 | 2 | 3
}

/**
 * Countries (optionally those of one region, chosen with a GET form that works without JavaScript) and M49
 * regions, each with every figure and the gap in words.
 */
export function GeographySection({
  countries,
  regions,
  region,
  choices,
  worldwideOffers,
  keep,
  regionHref,
}: {
  countries: Omit<CountryRow, 'regions'>[]
  regions: RegionRow[]
  region: RegionChoice | null
  choices: RegionChoice[]
  worldwideOffers: number
  /** The other parameters of the page, kept when the region changes. */
  keep: Record<string, string>
  regionHref: (region: string) => string
}) {
  const { t } = useTranslation()
  const f = useFormats()
  const caption = region ? t('dashboards.geography.countriesCaptionIn', { region: region.name }) : t('dashboards.geography.countriesCaption')
  return (
    <div className="space-y-4">
      <p className="max-w-3xl text-slate-700">
        {t('dashboards.geography.lead')} {t('dashboards.geography.worldwide', { count: worldwideOffers, formatted: f.count(worldwideOffers) })}
      </p>
      <Form method="get" action={`${urls.dashboards()}#by-country`} preventScrollReset className="card flex flex-wrap items-end gap-3">
        {Object.entries(keep).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <div className="space-y-1">
          <label htmlFor="region" className="label">
            {t('dashboards.geography.filterLegend')}
          </label>
          <select key={region?.code ?? 'all'} id="region" name="region" defaultValue={region?.code ?? ''} className="input">
            <option value="">{t('dashboards.geography.allRegions')}</option>
            {choices.map((c) => (
              <option key={c.code} value={c.code}>
                {`${'— '.repeat(c.level - 1)}${c.name}`}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          {t('dashboards.geography.show')}
        </button>
      </Form>
      {countries.length ? (
        <FoldedTable summary={t('dashboards.geography.countriesShow')} open={Boolean(region)}>
          <CountryTable rows={countries} caption={caption} />
        </FoldedTable>
      ) : <p className="card text-slate-700">{region ? t('dashboards.geography.noCountries') : t('dashboards.geography.empty')}</p>}
      <h3 className="text-lg font-semibold">{t('dashboards.geography.regionsHeading')}</h3>
      <p className="max-w-3xl text-sm text-slate-700">{t('dashboards.geography.regionsNote')}</p>
      {regions.length ? <RegionTable rows={regions} hrefFor={regionHref} /> : null}
    </div>
  )
}
