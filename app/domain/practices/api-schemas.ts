import { z } from 'zod'
import { organizationTypes } from '#db/schema/enum-values'

/**
 * What /api/v1/practices and /api/v1/practices/:id answer, as zod schemas: the OpenAPI document is generated
 * from them, and the tests check the answers against them. Public fields only: no person's name or email, no
 * review comment.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('A calendar date, YYYY-MM-DD.')

export const PracticeApiItem = z
  .object({
    id: z.uuid(),
    url: z.url().describe('The practice’s public page.'),
    title: z.string(),
    summary: z.string(),
    language: z.string().regex(/^[a-z]{2}$/),
    whatWasDone: z.string().describe('What was done (may be empty).'),
    results: z.string().describe('What came of it (may be empty).'),
    lessons: z.string().describe('Lessons learned (may be empty).'),
    objectives: z.array(z.number().int().min(1).max(23)).min(1).describe('GCM objective numbers; at least one.'),
    principles: z.array(z.string()).describe('GCM guiding principle codes, e.g. human_rights.'),
    countries: z.array(z.string().regex(/^[A-Z]{3}$/)).describe('ISO 3166-1 alpha-3 codes.'),
    regions: z.array(z.string().regex(/^\d{3}$/)).describe('UN M49 codes of the regions covering the countries.'),
    periodStart: isoDate.nullable(),
    periodEnd: isoDate.nullable(),
    links: z.array(z.url()).describe('Further reading, http or https.'),
    organization: z.object({
      name: z.string(),
      type: z.enum(organizationTypes),
      country: z.string().regex(/^[A-Z]{3}$/).nullable(),
    }),
    project: z
      .object({ id: z.uuid(), url: z.url(), title: z.string() })
      .nullable()
      .describe('The closed project the practice was drawn from, when that project is public.'),
    publishedAt: z.iso.datetime(),
  })
  .describe('A published practice of the knowledge platform.')
export type PracticeApiItem = z.infer<typeof PracticeApiItem>

export const PracticeApiList = z.object({
  total: z.number().int().min(0),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1).max(100),
  items: z.array(PracticeApiItem),
  links: z.object({ self: z.url(), next: z.url().nullable(), prev: z.url().nullable() }),
})
export type PracticeApiList = z.infer<typeof PracticeApiList>

export const PracticeApiError = z.object({
  error: z.string(),
  issues: z.array(z.object({ parameter: z.string(), value: z.string().nullable(), message: z.string() })).optional(),
})
