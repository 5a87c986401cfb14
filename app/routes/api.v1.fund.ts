import { fundCurrency } from '#db/schema/index'
import { openData } from '~/http/open-data.server'
import { fundOverview } from '~/domain/fund/public.server'
import { apiJson } from '~/http/api.server'
import { db } from '~/utils/db.server'
import { publicOrigin } from '~/utils/env.server'
import { absoluteUrl, urls } from '~/utils/urls'

/**
 * GET /api/v1/fund: the fund's totals and breakdowns, in USD minor units (cents). No personal data: donors appear
 * by name only when they did not ask to stay anonymous, and unpublished projects only by their id.
 */
export const loader = openData(async () => {
  const origin = publicOrigin()
  const { totals, donors, projects, objectives, countries } = await fundOverview(db, 'en')
  return apiJson({
    currency: fundCurrency,
    units: 'minor',
    totals: {
      received: totals.received,
      balance: totals.balance,
      allocated: totals.allocated,
      allocatedNotDisbursed: totals.allocatedUndisbursed,
      disbursed: totals.disbursed,
      shortfall: totals.shortfall,
      // Promises in the donor's currency, also in minor units.
      pledgedOutstanding: totals.pledgedOutstanding,
    },
    contributionsByDonor: donors.map((d) => ({ donor: d.anonymous ? null : d.name, anonymous: d.anonymous, received: d.usd, contributions: d.contributions })),
    byProject: projects.map((p) => ({
      projectId: p.id,
      published: p.published,
      title: p.published ? p.title : null,
      url: p.published ? absoluteUrl(origin, urls.project(p.id)) : null,
      allocated: p.allocated,
      disbursed: p.disbursed,
    })),
    byObjective: objectives.map((o) => ({
      objective: o.number,
      shortTitle: o.shortTitle,
      url: o.number === null ? null : absoluteUrl(origin, urls.objective(o.number)),
      allocated: o.allocated,
      disbursed: o.disbursed,
    })),
    byCountry: countries.map((c) => ({ country: c.code, name: c.name, allocated: c.allocated, disbursed: c.disbursed })),
    links: { page: absoluteUrl(origin, urls.fund()), transactions: absoluteUrl(origin, urls.api('/fund/transactions.csv')) },
  })
})
