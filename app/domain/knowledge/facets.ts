/** The facets of the practices listing (a plain list, so the browser gets it without the filters' validation). */
export const practiceFacets = ['objective', 'country', 'region'] as const
export type PracticeFacet = (typeof practiceFacets)[number]
