import { openData } from '~/http/open-data.server'
import { openApiDocument } from '~/domain/open-data/openapi'
import { apiJson } from '~/http/api.server'
import { publicOrigin } from '~/utils/env.server'
import { translator } from '~/utils/i18n.server'

/** GET /api/v1/openapi.json: the OpenAPI 3.1 document of every /api/v1 endpoint, generated from the schemas they use. */
export const loader = openData(() => apiJson(openApiDocument(publicOrigin(), translator('en'))))
