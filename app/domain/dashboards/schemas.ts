import { z } from 'zod'
import { isRegionCode } from '../geography/codes'

/** The dashboards' query (page and API) and the shape of `GET /api/v1/dashboards`, for validation and the OpenAPI document. */

export const mapLayers = ['requests', 'projects'] as const
export type MapLayer = (typeof mapLayers)[number]
export const mapSorts = ['count', 'name'] as const
export type MapSort = (typeof mapSorts)[number]

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)

/** `?map=requests|projects&sort=count|name&region=<M49>` of /dashboards; messages are translation keys. */
export const DashboardParamsSchema = z.object({
  map: z.preprocess(blankToUndefined, z.enum(mapLayers, { error: 'dashboards.errors.map' }).default('requests')),
  sort: z.preprocess(blankToUndefined, z.enum(mapSorts, { error: 'dashboards.errors.sort' }).default('count')),
  region: z.preprocess(blankToUndefined, z.string().refine(isRegionCode, 'dashboards.errors.region').optional()),
})
export type DashboardParams = z.output<typeof DashboardParamsSchema>

/** How demand compares with supply on one row: words in the pages, a code in the API. */
export const gapKinds = ['no_offer', 'more_requests', 'covered', 'no_request'] as const
export type GapKind = (typeof gapKinds)[number]

const count = z.int().nonnegative()
const Money = z
  .object({ amount: z.number().nonnegative().meta({ description: 'In major units (dollars, not cents).' }), currency: z.string().regex(/^[A-Z]{3}$/) })
  .meta({ description: 'An amount of money and its ISO 4217 currency code.' })

const Figures = z.object({
  openRequests: count.meta({ description: 'Requests published and still looking for a partner (status `published`).' }),
  expertiseOffers: count.meta({
    description:
      'Active expertise offers. By objective: offers tagged with the objective. By country or region: offers naming the country, the region or a region containing it (worldwide offers are counted once, in `totals.worldwideExpertiseOffers`).',
  }),
  financingOffers: count.meta({ description: 'Active financing offers, counted as expertise offers are.' }),
  financingAvailable: z.array(Money).meta({
    description: 'The largest amounts those financing offers make available, added up per currency (not converted). An offer tagged with several objectives counts in full under each.',
  }),
  projectsUnderWay: count.meta({ description: 'Projects in inception, active or on hold (including projects whose public page is not published yet).' }),
  projectsCompleted: count.meta({ description: 'Projects completed or closed.' }),
  allocated: Money.meta({ description: 'Money the start-up fund has allocated (net of reversals), in US dollars; a project on several objectives or countries is split between them in equal parts.' }),
  gap: z.enum(gapKinds).meta({
    description: '`no_offer`: open requests and no expertise offer; `more_requests`: more open requests than expertise offers; `covered`: at least one offer per open request; `no_request`: no open request.',
  }),
  requestsPerOffer: z.number().nullable().meta({ description: 'Open requests per expertise offer, rounded to one decimal; null when there is no offer.' }),
})

const Median = z.object({
  medianDays: z.number().nullable().meta({ description: 'The median in days, to one decimal; null when nothing has got that far yet.' }),
  count: count.meta({ description: 'How many requests or projects the median is taken over.' }),
})

export const DashboardResponseSchema = z
  .object({
    totals: z.object({
      openRequests: count,
      openRequestsWithoutOffer: count.meta({ description: 'Open requests that share no objective with any active expertise offer.' }),
      expertiseOffers: count,
      worldwideExpertiseOffers: count.meta({ description: 'Active expertise offers open to every country.' }),
      financingOffers: count,
      worldwideFinancingOffers: count,
      financingAvailable: z.array(Money),
      projectsUnderWay: count,
      projectsCompleted: count,
      allocated: Money,
    }),
    byObjective: z.array(
      Figures.extend({
        objective: z.int().min(1).max(23),
        shortTitle: z.string(),
        url: z.url(),
      }),
    ),
    byCountry: z
      .array(Figures.extend({ country: z.string().regex(/^[A-Z]{3}$/).meta({ description: 'ISO 3166-1 alpha-3.' }), name: z.string() }))
      .meta({ description: 'Every country with an open request, an offer naming it, a project or an allocation.' }),
    byRegion: z
      .array(
        Figures.extend({
          region: z.string().regex(/^\d{3}$/).meta({ description: 'UN M49 code.' }),
          name: z.string(),
          level: z.int().min(1).max(3).meta({ description: '1 region, 2 sub-region, 3 intermediate region.' }),
        }),
      )
      .meta({ description: 'Every M49 region with figures, in the M49 order (each region followed by its sub-regions).' }),
    flow: z.object({
      toAgreedMatch: Median.meta({ description: 'From the publication of a request to the agreement of its match.' }),
      toProjectStart: Median.meta({ description: 'From the publication of a request to the start of its project.' }),
      toCompletion: Median.meta({ description: 'From the start of a project to its completion.' }),
    }),
    links: z.object({ page: z.url() }),
  })
  .meta({ description: 'Demand against supply: the figures of the public dashboards. No personal data.' })
export type DashboardResponse = z.output<typeof DashboardResponseSchema>
