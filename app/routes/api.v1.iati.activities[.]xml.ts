import { openData } from '~/http/open-data.server'
import { iatiActivitiesXml } from '~/domain/open-data/iati'
import { iatiActivities } from '~/domain/open-data/iati.server'
import { db } from '~/utils/db.server'
import { publicOrigin } from '~/utils/env.server'

/** GET /api/v1/iati/activities.xml: every published project as an IATI 2.03 activity, with the fund's transactions. */
export const loader = openData(async () => {
  const xml = iatiActivitiesXml(await iatiActivities(db, publicOrigin()))
  return new Response(xml, { headers: { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': 'public, max-age=60', 'Access-Control-Allow-Origin': '*' } })
})
